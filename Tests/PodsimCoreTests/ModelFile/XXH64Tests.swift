import Testing

@testable import PodsimCore

/// Reference values from the xxHash project (xxhsum's sanity check, cross-checked against
/// libxxhash 0.8.1) and from the spec's examples, for both `XXH64` (Debian's libxxhash) and
/// `XXH64Reference` (podsim's earlier plain-Swift implementation), and the two against each
/// other on every length up to a few stripes and in any split: a model file written by one
/// verifies under the other.
struct XXH64Tests {
    static let prime32: UInt64 = 2_654_435_761

    /// xxhsum's sanity buffer: 101 bytes, byte i = top byte of a 32-bit generator squared each step.
    static let sanityBuffer: [UInt8] = {
        var generator: UInt32 = 2_654_435_761
        return (0..<101).map { _ in
            defer { generator = generator &* generator }
            return UInt8(generator >> 24)
        }
    }()

    /// 1,000,003 bytes from a 64-bit LCG (top byte of each state): many stripes and a ragged tail.
    static let longBuffer: [UInt8] = {
        var state: UInt64 = 0
        return (0..<1_000_003).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(state >> 56)
        }
    }()

    @Test("empty input")
    func empty() {
        #expect(XXH64.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash([UInt8](), seed: Self.prime32) == 0xAC75_FDA2_929B_17EF)
        #expect(XXH64Reference.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64().digest() == 0xEF46_DB37_51D8_E999)
    }

    @Test("the library and the reference agree on every length 0…300 and long inputs", arguments: [UInt64(0), 42])
    func libraryAgreesWithReference(seed: UInt64) {
        for length in 0...300 {
            let input = Array(Self.longBuffer[7..<(7 + length)])
            #expect(XXH64.hash(input, seed: seed) == XXH64Reference.hash(input, seed: seed), "length \(length)")
        }
        #expect(XXH64.hash(Self.longBuffer, seed: seed) == XXH64Reference.hash(Self.longBuffer, seed: seed))
    }

    @Test("a copy of a streaming hasher goes on independently")
    func copiesAreIndependent() {
        var first = XXH64(seed: 3)
        first.update(Array("shared prefix".utf8))
        var second = first
        first.update(Array(" one".utf8))
        second.update(Array(" two".utf8))
        #expect(first.digest() == XXH64.hash(Array("shared prefix one".utf8), seed: 3))
        #expect(second.digest() == XXH64.hash(Array("shared prefix two".utf8), seed: 3))
    }

    @Test("short strings")
    func strings() {
        #expect(XXH64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXH64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXH64.hash(Array("abc".utf8), seed: Self.prime32) == 0x1318_DF30_094A_85FD)
        #expect(XXH64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
    }

    @Test("xxhsum sanity buffer", arguments: [
        (1, UInt64(0), UInt64(0x4FCE_394C_C889_52D8)),
        (1, prime32, 0x7398_40CB_819F_A723),
        (14, 0, 0xCFFA_8DB8_81BC_3A3D),
        (14, prime32, 0x5B96_1158_5EFC_C9CB),
        (101, 0, 0x0EAB_5433_84F8_78AD),
        (101, prime32, 0xCAA6_5939_306F_1E21),
    ])
    func sanityBuffer(length: Int, seed: UInt64, expected: UInt64) {
        #expect(XXH64.hash(Array(Self.sanityBuffer.prefix(length)), seed: seed) == expected)
        #expect(XXH64Reference.hash(Array(Self.sanityBuffer.prefix(length)), seed: seed) == expected)
    }

    @Test("long input")
    func long() {
        #expect(XXH64.hash(Self.longBuffer) == 0x6269_6144_C7AB_1548)
        #expect(XXH64.hash(Self.longBuffer, seed: 42) == 0x8505_F49A_A281_920E)
        #expect(XXH64Reference.hash(Self.longBuffer) == 0x6269_6144_C7AB_1548)
    }

    @Test("streaming in any split equals one shot", arguments: [1, 3, 31, 32, 33, 64, 1000, 65_537])
    func streaming(chunk: Int) {
        let input = Array(Self.longBuffer.prefix(200_003))
        var hasher = XXH64(seed: 42)
        var reference = XXH64Reference(seed: 42)
        var start = 0
        var size = chunk
        while start < input.count {
            let end = min(input.count, start + size)
            hasher.update(Array(input[start..<end]))
            reference.update(Array(input[start..<end]))
            start = end
            size = size % 97 + chunk  // vary the split so pending stripes start at many offsets
        }
        #expect(hasher.digest() == XXH64.hash(input, seed: 42))
        #expect(reference.digest() == XXH64.hash(input, seed: 42))
    }
}
