import Testing
@testable import PodsimClient

@Suite struct AddressTests {
    @Test(arguments: [
        ("127.0.0.1:7411", "127.0.0.1", 7411), ("podsim.internal:1", "podsim.internal", 1),
        ("[::1]:65535", "::1", 65535), ("localhost:7411", "localhost", 7411),
    ])
    func hostPortIsSplitAtTheLastColon(address: String, host: String, port: Int) throws {
        let client = try #require(PodsimClient(address: address))
        #expect(client.host == host && client.port == port)
        #expect(client.endpoint == address)
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.1:", ":7411", "127.0.0.1:0", "127.0.0.1:65536", "::1:7411", "[]:7411",
                      "[127.0.0.1]:7411", "host name:7411", "127.0.0.1:74a1", "127.0.0.1:-1"])
    func anythingElseIsRefused(address: String) {
        #expect(PodsimClient(address: address) == nil)
    }
}
