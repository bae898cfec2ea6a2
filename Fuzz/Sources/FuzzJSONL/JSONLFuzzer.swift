import CatalogueFuzzing
import Foundation
import FuzzSupport
import PodsimCatalogue

/// libFuzzer target: the input is a JSON Lines catalogue through `JSONLCatalogue.decode`.
/// A refusal must be a `CatalogueError` naming the source; a catalogue that decodes has
/// well-formed, unique episodes, and `encode` of them decodes to the same episodes (the round
/// trip `JSONLCatalogue.encode` documents).
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonlFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    do {
        let episodes = try JSONLCatalogue.decode(Data(input.bytes), source: CatalogueCheck.source)
        CatalogueCheck.checkEpisodes(episodes, format: "JSON Lines")
        let encoded = JSONLCatalogue.encode(episodes)
        do {
            let again = try JSONLCatalogue.decode(Data(encoded.utf8), source: CatalogueCheck.source)
            FuzzCheck.require(again == episodes, "JSON Lines round trip changed \(episodes) into \(again)")
        } catch {
            FuzzCheck.fail("JSON Lines round trip: encode wrote \(encoded.debugDescription), which decodes as \(error)")
        }
    } catch {
        CatalogueCheck.checkRefusal(error, format: "JSON Lines")
    }
    return 0
}
