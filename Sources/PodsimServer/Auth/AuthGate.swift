/// The server's token and the constant-time check of AUTH.
///
/// Comparing strings with `==` returns at the first differing byte, so the time taken would tell
/// an attacker how much of a guess is right. Here every byte of the token is compared, whatever
/// the guess: the loop runs over the token's length and XOR-accumulates the differences (a guess
/// shorter than the token is padded with zeros and then fails on its length). The time depends
/// only on the token's length, which the attacker cannot change — the approach of Go's
/// `crypto/subtle` and OpenSSL's `CRYPTO_memcmp`.
struct AuthGate: Sendable {
    private let expected: [UInt8]

    init(token: String) {
        expected = Array(token.utf8)
    }

    /// True when `candidate` is the token.
    func accepts(_ candidate: String) -> Bool {
        let given = Array(candidate.utf8)
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
