import CatalogueFuzzing
import Foundation
import FuzzSupport
import PodsimCatalogue

/// libFuzzer target: the input is an RSS feed through `RSSFeed.parse(_:source:)` (FoundationXML
/// underneath). A refusal must be a `CatalogueError` naming the source; a feed that parses has
/// a show name and well-formed, unique episodes of that show, guests never among its hosts.
@_cdecl("LLVMFuzzerTestOneInput")
public func rssFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    do {
        let feed = try RSSFeed.parse(Data(input.bytes), source: CatalogueCheck.source)
        FuzzCheck.require(!feed.show.isEmpty, "feed parsed without a show name")
        CatalogueCheck.checkEpisodes(feed.episodes, format: "RSS")
        FuzzCheck.require(
            feed.episodes.allSatisfy { $0.show == feed.show }, "feed episodes name another show than \(feed.show)")
    } catch {
        CatalogueCheck.checkRefusal(error, format: "RSS")
    }
    return 0
}
