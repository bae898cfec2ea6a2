import CXXHash
import Foundation

/// XXH64, the 64-bit xxHash of Yann Collet (spec: github.com/Cyan4973/xxHash, doc/xxhash_spec.md),
/// computed by Debian's libxxhash (the project's own C implementation).
///
/// Used for the per-section and header checksums of the model file, its model id and a build's
/// input digest. It is not a cryptographic hash: it catches truncation, bit rot and torn writes,
/// not tampering. The library runs at several times the speed of the plain-Swift version podsim
/// used before (which is kept in the tests as an independent check of the values), so verifying a
/// model costs about as much as reading it; docs/PERFORMANCE.md has the figures.
///
/// Usable one-shot (`XXH64.hash(bytes)`) or streaming (`update` any number of times, then
/// `digest`); both give the same value for the same bytes however they are split.
public struct XXH64: Sendable {
    /// The library's streaming state, shared between copies until one of them is updated.
    private var state: State

    /// Starts a streaming hash with the given seed (the model file uses seed 0).
    public init(seed: UInt64 = 0) {
        state = State(seed: seed)
    }

    /// The hash of `bytes` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        // A null base (empty buffer) is allowed by the library when the length is 0.
        CXXHash.XXH64(bytes.baseAddress, bytes.count, seed)
    }

    /// The hash of any contiguous bytes (`[UInt8]`, `[Float]`, `Data`, …) in one call.
    public static func hash(_ bytes: some ContiguousBytes, seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// Feeds more bytes into the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if !isKnownUniquelyReferenced(&state) { state = State(copying: state) }
        _ = XXH64_update(state.pointer, base, bytes.count)
    }

    /// Feeds any contiguous bytes into the hash.
    public mutating func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The hash of everything fed so far (the hasher can keep being updated afterwards).
    public func digest() -> UInt64 {
        XXH64_digest(state.pointer)
    }

    /// Owns one `XXH64_state_t` of the library (its layout is private to the library).
    private final class State: @unchecked Sendable {
        // @unchecked: a state is only written through a uniquely referenced `XXH64` value.
        let pointer: OpaquePointer

        init(seed: UInt64) {
            guard let pointer = XXH64_createState() else { fatalError("XXH64_createState: out of memory") }
            self.pointer = pointer
            // Fails only for a null state.
            _ = XXH64_reset(pointer, seed)
        }

        init(copying other: State) {
            guard let pointer = XXH64_createState() else { fatalError("XXH64_createState: out of memory") }
            self.pointer = pointer
            XXH64_copyState(pointer, other.pointer)
        }

        deinit { _ = XXH64_freeState(pointer) }
    }
}
