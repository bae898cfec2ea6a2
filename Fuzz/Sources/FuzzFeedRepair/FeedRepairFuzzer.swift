import CatalogueFuzzing
import Foundation
import FuzzSupport
import PodsimCatalogue

/// libFuzzer target: the input is a feed's bytes through `RSSFeed.readableXML` — decoding
/// (UTF-8, windows-1252, UTF-16, wrong declarations) and the repairs (HTML entities, bare `&`
/// and `<`, control characters, byte-order marks) — then the repaired XML through the parser.
///
/// Properties:
/// - a refusal is a `.malformedXML` `CatalogueError` naming the source (a file that is not XML);
/// - what podsim decoded itself comes out as valid UTF-8;
/// - repairing is idempotent: the output repaired again is the same bytes and reports nothing
///   (so no bare `&`, unknown or HTML-only entity, forbidden character or misplaced declaration
///   is left in it);
/// - the repaired XML parses into a feed or a `CatalogueError` naming the source.
@_cdecl("LLVMFuzzerTestOneInput")
public func feedRepairFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Data(FuzzInput(data, size).bytes)
    let once: Data
    let repairs: FeedRepairs
    do {
        (once, repairs) = try RSSFeed.readableXML(input, source: CatalogueCheck.source)
    } catch {
        FuzzCheck.require(error.kind == .malformedXML, "refusal of kind \(error.kind): \(error.message)")
        CatalogueCheck.checkRefusal(error, format: "feed repair")
        return 0
    }
    // Bytes in an encoding left to libxml2 come back as they are; everything else is UTF-8.
    let decodedByPodsim = once != input || !repairs.isEmpty || String(data: input, encoding: .utf8) != nil
    if decodedByPodsim {
        FuzzCheck.require(String(data: once, encoding: .utf8) != nil, "repaired XML is not UTF-8")
        do {
            let (twice, again) = try RSSFeed.readableXML(once, source: CatalogueCheck.source)
            FuzzCheck.require(again.isEmpty, "a second repair still repaired: \(again.lines)")
            FuzzCheck.require(twice == once, "a second repair changed the bytes")
        } catch {
            FuzzCheck.fail("repaired XML refused on a second repair: \(error.message)")
        }
    }
    do {
        let feed = try RSSFeed.parse(input, source: CatalogueCheck.source)
        FuzzCheck.require(feed.repairs == repairs, "parse reported other repairs than readableXML")
        CatalogueCheck.checkEpisodes(feed.episodes, format: "RSS")
    } catch {
        CatalogueCheck.checkRefusal(error, format: "RSS")
    }
    return 0
}
