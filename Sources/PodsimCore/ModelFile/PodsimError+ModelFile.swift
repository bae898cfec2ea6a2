#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PodsimError {
    /// An `.io` error for a failed system call: "could not fsync /x/.episodes.podsim.tmp-…:
    /// No space left on device (errno 28)".
    static func systemCall(_ action: String, path: String, errno code: Int32) -> PodsimError {
        PodsimError(.io, "could not \(action) \(path): \(String(cString: strerror(code))) (errno \(code))")
    }
}
