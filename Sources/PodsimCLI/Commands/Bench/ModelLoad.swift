import Dispatch
import PodsimCore

/// Opens a model the way a server does and reports how long it took and what it costs resident.
struct ModelLoad {
    let model: PodsimModel

    /// Loads `path` (checksums verified), printing the time, the resident memory and, for
    /// comparison, the raw vector bytes.
    static func measure(_ path: String) throws -> ModelLoad {
        let before = Memory.residentBytes()
        let start = DispatchTime.now().uptimeNanoseconds
        let model = try PodsimModel(contentsOf: path)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let vectorBytes = model.index.count * model.dimensions * MemoryLayout<Float>.size
        print(String(
            format: "model %@: %d episodes × %d dimensions, loaded and verified in %.3f s; RSS %@ (before %@), vectors %@",
            path, model.index.count, model.dimensions, seconds, Memory.describe(Memory.residentBytes()),
            Memory.describe(before), Memory.describe(vectorBytes)))
        return ModelLoad(model: model)
    }
}
