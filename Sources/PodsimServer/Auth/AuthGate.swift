/// The server's token, kept only as its SHA-256 digest, and the constant-time check of AUTH.
///
/// Comparing the strings directly would return at the first differing byte (and at a length
/// mismatch), so the time taken would tell an attacker how much of a guess is right. Hashing both
/// sides gives two 32-byte digests; every byte pair is XOR-ed into one accumulator, so the work is
/// the same whatever the guess.
struct AuthGate: Sendable {
    private let expectedDigest: [UInt8]

    /// A gate for `token`; the plain token is not kept.
    init(token: String) {
        expectedDigest = SHA256.digest(token.utf8)
    }

    /// True when `candidate` is the token.
    func accepts(_ candidate: String) -> Bool {
        let candidateDigest = SHA256.digest(candidate.utf8)
        var difference: UInt8 = 0
        for index in 0..<expectedDigest.count {
            difference |= expectedDigest[index] ^ candidateDigest[index]
        }
        return difference == 0
    }
}
