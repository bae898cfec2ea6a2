import Testing

@testable import PodsimCore

struct BinaryCodecTests {
    let origin = ByteOrigin(path: "/models/episodes.podsim", section: "VOCB", fileOffset: 4096)

    /// Decodes `bytes` with a reader named after `origin`.
    private func decode<R>(_ bytes: [UInt8], _ body: (inout BinaryReader) throws -> R) throws -> R {
        try bytes.withUnsafeBytes { raw in
            var reader = BinaryReader(raw, origin: origin)
            return try body(&reader)
        }
    }

    /// Expects `body` to throw a `.modelFile` error naming the file, section and each fragment.
    private func expectDecodeFails(_ bytes: [UInt8], mentioning fragments: [String], _ body: (inout BinaryReader) throws -> Void) {
        let error = #expect(throws: PodsimError.self) { try decode(bytes, body) }
        guard let error else { return }
        #expect(error.code == .modelFile)
        for fragment in ["/models/episodes.podsim", "section 'VOCB'"] + fragments {
            #expect(error.message.contains(fragment), "missing \"\(fragment)\" in: \(error.message)")
        }
    }

    @Test("scalars, strings, arrays and padding round-trip")
    func roundTrip() throws {
        var writer = BinaryWriter()
        writer.append(UInt8(0xAB))
        writer.append(Int16(-2))
        writer.append(UInt32(0xDEAD_BEEF))
        writer.append(Int64.min)
        writer.append(Float(-1.5))
        writer.append(Double.pi)
        writer.append(string: "héllo")
        writer.append(string: "")
        writer.pad(toMultipleOf: 8)
        writer.append(contentsOf: [Float(1), 2, 3])
        #expect(writer.count % 4 == 0)

        try decode(writer.bytes) { reader in
            #expect(try reader.read(UInt8.self) == 0xAB)
            #expect(try reader.read(Int16.self) == -2)
            #expect(try reader.read(UInt32.self) == 0xDEAD_BEEF)
            #expect(try reader.read(Int64.self) == .min)
            #expect(try reader.read(Float.self) == -1.5)
            #expect(try reader.read(Double.self) == .pi)
            #expect(try reader.readString() == "héllo")
            #expect(try reader.readString() == "")
            try reader.skipPadding(toMultipleOf: 8)
            #expect(Array(try reader.readArray(Float.self, count: 3)) == [1, 2, 3])
            try reader.expectEnd()
        }
    }

    @Test("little-endian byte order on the wire")
    func byteOrder() {
        var writer = BinaryWriter()
        writer.append(UInt32(0x0102_0304))
        writer.append(Float(1))
        writer.append(string: "A")
        #expect(writer.bytes == [4, 3, 2, 1, 0x00, 0x00, 0x80, 0x3F, 1, 0, 0, 0, 0x41])
    }

    @Test("reading past the end names the byte offset")
    func pastEnd() {
        expectDecodeFails([1, 2, 3], mentioning: ["byte 0 (file offset 4096)", "UInt64", "only 3 bytes remain"]) {
            _ = try $0.read(UInt64.self)
        }
        expectDecodeFails([1, 2, 3], mentioning: ["byte 2", "4 bytes"]) {
            _ = try $0.readBytes(2)
            _ = try $0.readBytes(4)
        }
    }

    @Test("a string length running past the end is refused before allocating")
    func stringTooLong() {
        expectDecodeFails([0xFF, 0xFF, 0xFF, 0xFF, 0x41], mentioning: ["byte 0", "4294967295 bytes", "past the end"]) {
            _ = try $0.readString()
        }
    }

    @Test("invalid UTF-8 in a string")
    func invalidUTF8() {
        expectDecodeFails([2, 0, 0, 0, 0xC3, 0x28], mentioning: ["byte 4", "not valid UTF-8"]) {
            _ = try $0.readString()
        }
    }

    @Test("an array count that would overflow or run past the end")
    func badArrayCount() {
        expectDecodeFails([UInt8](repeating: 0, count: 16), mentioning: ["invalid element count"]) {
            _ = try $0.readArray(UInt64.self, count: Int.max / 4)
        }
        expectDecodeFails([UInt8](repeating: 0, count: 16), mentioning: ["need 3 × UInt64"]) {
            _ = try $0.readArray(UInt64.self, count: 3)
        }
    }

    @Test("a misaligned array is refused, not read unaligned")
    func misalignedArray() throws {
        let words = [UInt64](repeating: 0, count: 4)  // 8-byte aligned storage
        try words.withUnsafeBytes { raw in
            var reader = BinaryReader(raw, origin: origin)
            _ = try reader.read(UInt8.self)
            let error = #expect(throws: PodsimError.self) { try reader.readArray(Float.self, count: 2) }
            #expect(error?.message.contains("byte 1") == true)
            #expect(error?.message.contains("not aligned to 4 bytes") == true)
        }
    }

    @Test("non-zero padding and leftover bytes are errors")
    func paddingAndLeftovers() {
        expectDecodeFails([7, 0, 9, 0], mentioning: ["byte 2", "padding byte is 0x9"]) {
            _ = try $0.read(UInt8.self)
            try $0.skipPadding(toMultipleOf: 4)
        }
        expectDecodeFails([7, 0, 0], mentioning: ["byte 1", "2 unexpected bytes"]) {
            _ = try $0.read(UInt8.self)
            try $0.expectEnd()
        }
    }
}
