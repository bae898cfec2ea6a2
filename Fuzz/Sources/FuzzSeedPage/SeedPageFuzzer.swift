import CatalogueFuzzing
import Foundation
import FuzzSupport
import PodsimCatalogue

/// libFuzzer target: the input is a seed page (text capture of a show's listing page) through
/// `SeedPage.parse(_:source:)`. A refusal must be a `CatalogueError` naming the source; a page
/// that parses has a show name, at least one episode, and well-formed, unique episodes of
/// that show.
@_cdecl("LLVMFuzzerTestOneInput")
public func seedPageFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    do {
        let page = try SeedPage.parse(Data(input.bytes), source: CatalogueCheck.source)
        FuzzCheck.require(!page.show.isEmpty, "seed page parsed without a show name")
        FuzzCheck.require(!page.episodes.isEmpty, "seed page parsed without episodes")
        CatalogueCheck.checkEpisodes(page.episodes, format: "seed page")
        FuzzCheck.require(
            page.episodes.allSatisfy { $0.show == page.show }, "seed page episodes name another show than \(page.show)")
    } catch {
        CatalogueCheck.checkRefusal(error, format: "seed page")
    }
    return 0
}
