import Testing
@testable import PodsimServer

@Suite("The constant-time token check")
struct AuthGateTests {
    @Test("the gate accepts exactly its token")
    func gate() {
        let gate = AuthGate(token: "s3cret")
        #expect(gate.accepts("s3cret"))
        for wrong in ["", "s3cre", "s3crett", "S3cret", "s3cret\n", "t3cret", "s3cret\u{0}", "\u{0}"] {
            #expect(!gate.accepts(wrong), "accepted \(wrong.debugDescription)")
        }
        #expect(AuthGate(token: "ünïcødé").accepts("ünïcødé"))
        #expect(!AuthGate(token: "ünïcødé").accepts("unicode"))
    }
}
