import Testing

@testable import PodsimCore

struct StringTableTests {
    let origin = ByteOrigin(path: "/models/episodes.podsim", section: "IDS ", fileOffset: 512)

    private func openTable(_ bytes: [UInt8], _ body: (StringTable) throws -> Void) throws {
        // Copied into UInt64 storage so the offsets are 8-byte aligned, as in a model file.
        var words = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
        words.withUnsafeMutableBytes { $0.copyBytes(from: bytes) }
        try words.withUnsafeBytes { raw in
            try body(try StringTable(UnsafeRawBufferPointer(rebasing: raw[..<bytes.count]), origin: origin))
        }
    }

    private func expectFails(_ bytes: [UInt8], mentioning fragments: [String], _ use: (StringTable) throws -> Void = { _ in }) {
        let error = #expect(throws: PodsimError.self) { try openTable(bytes, use) }
        guard let error else { return }
        #expect(error.code == .modelFile)
        for fragment in ["/models/episodes.podsim", "'IDS '"] + fragments {
            #expect(error.message.contains(fragment), "missing \"\(fragment)\" in: \(error.message)")
        }
    }

    private func set(_ bytes: inout [UInt8], u64 value: UInt64, at offset: Int) {
        for byte in 0..<8 { bytes[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
    }

    @Test("round trip, including empty and non-ASCII strings", arguments: [
        [], [""], ["a"], ["ep-1", "", "épisode — 3", "🎧🎙", String(repeating: "x", count: 1000)],
    ])
    func roundTrip(strings: [String]) throws {
        try openTable(StringTable.encode(strings)) { table in
            #expect(table.count == strings.count)
            #expect(try table.strings() == strings)
            try table.validateAll()
            for (index, text) in strings.enumerated().reversed() {
                #expect(try table.string(at: index) == text)
                #expect(Array(try table.utf8(at: index)) == Array(text.utf8))
            }
        }
    }

    @Test("encoded layout: count, zero word, offsets, blob")
    func layout() {
        let bytes = StringTable.encode(["ab", "", "c"])
        let expected: [UInt8] = [3, 0, 0, 0, 0, 0, 0, 0]
            + [0, 0, 0, 0, 0, 0, 0, 0] + [2, 0, 0, 0, 0, 0, 0, 0] + [2, 0, 0, 0, 0, 0, 0, 0] + [3, 0, 0, 0, 0, 0, 0, 0]
            + Array("abc".utf8)
        #expect(bytes == expected)
    }

    @Test("a bad entry fails alone; the others stay readable")
    func badEntry() throws {
        var bytes = StringTable.encode(["ok", "éé", "fine"])
        let blobStart = 8 + 4 * 8
        bytes[blobStart + 2] = 0xFF  // first byte of "éé"
        try openTable(bytes) { table in
            let neighbours = [try table.string(at: 0), try table.string(at: 2)]
            #expect(neighbours == ["ok", "fine"])
            let error = #expect(throws: PodsimError.self) { try table.string(at: 1) }
            #expect(error?.message.contains("string 1 (4 bytes) is not valid UTF-8") == true)
            #expect(error?.message.contains("byte \(blobStart + 2)") == true)
            #expect(throws: PodsimError.self) { try table.validateAll() }
        }
    }

    @Test("reversed or out-of-blob offsets")
    func badOffsets() {
        var beyond = StringTable.encode(["abc", "de"])  // offsets [0, 3, 5] at bytes 8, 16, 24
        set(&beyond, u64: 1_000, at: 16)
        expectFails(beyond, mentioning: ["byte 8 (file offset 520)", "string 0", "0..<1000", "5-byte blob"]) {
            _ = try $0.string(at: 0)
        }
        var reversed = StringTable.encode(["abc", "de", "f"])  // offsets [0, 3, 5, 6]
        set(&reversed, u64: 6, at: 16)
        expectFails(reversed, mentioning: ["string 1", "offsets 6..<5"]) { table in
            #expect(try table.string(at: 0) == "abcdef")  // still within the blob, so readable
            _ = try table.string(at: 1)
        }
    }

    @Test("framing errors are caught when the table is opened")
    func framing() {
        expectFails([1, 0, 0], mentioning: ["need a UInt32"])
        expectFails([1, 0, 0, 0, 9, 0, 0, 0], mentioning: ["reserved word is 9"])
        expectFails([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16), mentioning: ["4294967295 strings"])
        var firstNonZero = StringTable.encode(["a"])
        set(&firstNonZero, u64: 1, at: 8)
        expectFails(firstNonZero, mentioning: ["first string offset is 1"])
        expectFails(StringTable.encode(["abc"]) + [0x21], mentioning: ["blob is 4 bytes but the last offset says 3"])
    }

    @Test("an index outside the table")
    func indexOutOfRange() {
        expectFails(StringTable.encode(["a", "b"]), mentioning: ["index 2 is outside 0..<2"]) { _ = try $0.string(at: 2) }
        expectFails(StringTable.encode(["a", "b"]), mentioning: ["index -1"]) { _ = try $0.utf8(at: -1) }
    }
}
