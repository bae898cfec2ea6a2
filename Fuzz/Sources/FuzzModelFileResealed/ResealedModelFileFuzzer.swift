import FuzzSupport
import ModelFuzzing

/// libFuzzer target: the input is a model file whose checksums (and header file length) are
/// recomputed before loading (`ModelFileResealer`), so mutations reach the table layout,
/// string tables, META JSON and the cross-section checks of `PodsimModel` — and, for files the
/// loader accepts, the recommender's queries.
@_cdecl("LLVMFuzzerTestOneInput")
public func resealedModelFileFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = FuzzInput(data, size).restArray
    ModelFileResealer.reseal(&bytes)
    bytes.withUnsafeBufferPointer { resealedScratch.replace(with: $0) }
    ModelLoadCheck(path: resealedScratch.path).run()
    return 0
}

let resealedScratch = ScratchFile(name: "resealed.podsim")
