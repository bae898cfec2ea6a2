import Dispatch
import Foundation
import PodsimCore

/// Opens a model the way a server does and reports how long it took and what it costs resident.
struct ModelLoad {
    let model: PodsimModel
    /// Seconds to open the file without and with checksum verification.
    let unverifiedSeconds: Double
    let verifiedSeconds: Double

    /// Loads `path` as a server does (checksums verified), saying through `note` the time, the
    /// resident memory by kind and, for comparison, the file's and the raw vectors' bytes.
    /// Opening without verification is timed first, for the part of the load that is reading
    /// and table checks.
    static func measure(_ path: String, note: (String) -> Void) throws -> ModelLoad {
        let before = Memory.residentBytes()
        // Only the time is kept, so the first model is gone before the second maps the file.
        let unverified = try time { try PodsimModel(contentsOf: path, verifyChecksums: false) }.seconds
        let verified = try time { try PodsimModel(contentsOf: path) }
        let model = verified.value
        let vectorBytes = model.index.count * model.dimensions * MemoryLayout<Float>.size
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        note(String(
            format: "model %@: %d episodes × %d dimensions, file %@ (vectors %@); opened in %.3f s without checksums, %.3f s verifying them",
            path, model.index.count, model.dimensions, Memory.describe(fileBytes), Memory.describe(vectorBytes),
            unverified, verified.seconds))
        note("after load: \(Memory.describeResident()); before: \(Memory.describe(before))")
        return ModelLoad(model: model, unverifiedSeconds: unverified, verifiedSeconds: verified.seconds)
    }

    static func time<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
