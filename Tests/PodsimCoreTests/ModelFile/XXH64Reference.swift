import Foundation

/// XXH64 written from the spec (github.com/Cyan4973/xxHash, doc/xxhash_spec.md) in plain Swift:
/// podsim's own implementation until the model file's checksums moved to Debian's libxxhash
/// (`XXH64`, several times faster). Kept here as an independent second implementation that the
/// library-backed one is checked against (`XXH64Tests`), so a library that hashed differently
/// could never pass unnoticed — every model file ever written depends on these exact values.
struct XXH64Reference: Sendable {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5
    /// Bytes consumed per step of the main loop: four lanes of 8 bytes.
    static let stripeSize = 32

    private let seed: UInt64
    private var lanes: (UInt64, UInt64, UInt64, UInt64)
    /// Input not yet consumed as a full stripe (fewer than 32 bytes, in `pendingCount`).
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0
    private var totalLength: UInt64 = 0

    /// Starts a streaming hash with the given seed (the model file uses seed 0).
    init(seed: UInt64 = 0) {
        self.seed = seed
        lanes = (seed &+ Self.prime1 &+ Self.prime2, seed &+ Self.prime2, seed, seed &- Self.prime1)
    }

    /// The hash of `bytes` in one call.
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var hasher = XXH64Reference(seed: seed)
        hasher.update(bytes)
        return hasher.digest()
    }

    /// The hash of any contiguous bytes (`[UInt8]`, `[Float]`, `Data`, …) in one call.
    static func hash(_ bytes: some ContiguousBytes, seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// Feeds more bytes into the hash.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        totalLength &+= UInt64(bytes.count)
        var input = bytes
        if pendingCount > 0 {
            // Top up the pending stripe first; only a full stripe can go through the lanes.
            let take = min(Self.stripeSize - pendingCount, input.count)
            stash(UnsafeRawBufferPointer(rebasing: input[..<take]))
            input = UnsafeRawBufferPointer(rebasing: input[take...])
            guard pendingCount == Self.stripeSize else { return }
            withUnsafeBytes(of: pending) { _ = consumeStripes($0) }
            pendingCount = 0
        }
        let consumed = consumeStripes(input)
        stash(UnsafeRawBufferPointer(rebasing: input[consumed...]))
    }

    /// Appends fewer than a stripe's worth of bytes to `pending`.
    private mutating func stash(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        let start = pendingCount
        withUnsafeMutableBytes(of: &pending) { pendingBytes in
            UnsafeMutableRawBufferPointer(rebasing: pendingBytes[start..<(start + bytes.count)])
                .copyMemory(from: bytes)
        }
        pendingCount += bytes.count
    }

    /// Feeds any contiguous bytes into the hash.
    mutating func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The hash of everything fed so far (the hasher can keep being updated afterwards).
    func digest() -> UInt64 {
        var h: UInt64
        if totalLength >= UInt64(Self.stripeSize) {
            let (v1, v2, v3, v4) = lanes
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = Self.merge(h, v1)
            h = Self.merge(h, v2)
            h = Self.merge(h, v3)
            h = Self.merge(h, v4)
        } else {
            h = seed &+ Self.prime5
        }
        h &+= totalLength
        return withUnsafeBytes(of: pending) { Self.finish(h, tail: UnsafeRawBufferPointer(rebasing: $0[..<pendingCount])) }
    }

    /// Runs the four lanes over every whole stripe of `input`; returns the bytes consumed.
    private mutating func consumeStripes(_ input: UnsafeRawBufferPointer) -> Int {
        let stripes = input.count / Self.stripeSize
        guard stripes > 0 else { return 0 }
        var (v1, v2, v3, v4) = lanes
        var offset = 0
        for _ in 0..<stripes {
            v1 = Self.round(v1, input.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            v2 = Self.round(v2, input.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            v3 = Self.round(v3, input.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            v4 = Self.round(v4, input.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += Self.stripeSize
        }
        lanes = (v1, v2, v3, v4)
        return offset
    }

    /// Mixes the last 0–31 bytes in, then avalanches so every input bit affects every output bit.
    private static func finish(_ start: UInt64, tail: UnsafeRawBufferPointer) -> UInt64 {
        var h = start
        var offset = 0
        while offset + 8 <= tail.count {
            h ^= round(0, tail.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            h = rotl(h, 27) &* prime1 &+ prime4
            offset += 8
        }
        if offset + 4 <= tail.count {
            h ^= UInt64(tail.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) &* prime1
            h = rotl(h, 23) &* prime2 &+ prime3
            offset += 4
        }
        while offset < tail.count {
            h ^= UInt64(tail[offset]) &* prime5
            h = rotl(h, 11) &* prime1
            offset += 1
        }
        h ^= h >> 33
        h &*= prime2
        h ^= h >> 29
        h &*= prime3
        h ^= h >> 32
        return h
    }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotl(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inline(__always)
    private static func merge(_ h: UInt64, _ lane: UInt64) -> UInt64 {
        (h ^ round(0, lane)) &* prime1 &+ prime4
    }
}

@inline(__always)
private func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 {
    (x << r) | (x >> (64 - r))
}
