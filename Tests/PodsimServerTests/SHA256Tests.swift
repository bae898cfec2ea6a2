import Testing
@testable import PodsimServer

@Suite("SHA-256 and the constant-time token check")
struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test("FIPS 180-4 test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(message: String, digest: String) {
        #expect(Self.hex(SHA256.digest(message.utf8)) == digest)
    }

    @Test("messages of 55, 56 and 64 bytes pad into the right number of blocks")
    func paddingBoundaries() {
        // Reference digests of "a" repeated n times (from `printf 'a%.0s' {1..n} | sha256sum`).
        #expect(Self.hex(SHA256.digest(Array(repeating: UInt8(ascii: "a"), count: 55)))
                == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(Self.hex(SHA256.digest(Array(repeating: UInt8(ascii: "a"), count: 56)))
                == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(Self.hex(SHA256.digest(Array(repeating: UInt8(ascii: "a"), count: 64)))
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test("the gate accepts exactly its token")
    func gate() {
        let gate = AuthGate(token: "s3cret")
        #expect(gate.accepts("s3cret"))
        for wrong in ["", "s3cre", "s3crett", "S3cret", "s3cret\n", "t3cret"] {
            #expect(!gate.accepts(wrong), "accepted \(wrong.debugDescription)")
        }
    }
}
