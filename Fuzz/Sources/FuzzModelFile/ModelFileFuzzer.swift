import FuzzSupport
import ModelFuzzing

/// libFuzzer target: the input is a model file, loaded as `podsim serve` and `podsim query`
/// load one (`ModelFileReader`, then `PodsimModel(contentsOf:)` with checksums verified).
///
/// Mutations mostly end at the checksum gate here; that gate, the magic, header, truncation
/// and table checks are what this target covers. `FuzzModelFileResealed` reaches past it.
@_cdecl("LLVMFuzzerTestOneInput")
public func modelFileFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    modelFileScratch.replace(with: input.bytes)
    ModelLoadCheck(path: modelFileScratch.path).run()
    return 0
}

let modelFileScratch = ScratchFile(name: "model.podsim")
