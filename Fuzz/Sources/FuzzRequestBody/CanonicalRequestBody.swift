import NIOCore
import PodsimProtocol

/// The one encoding of a request body that decoded successfully: the body itself, except that
/// SIMILAR's and SEARCH's query options are put in tag order, the order the encoder writes.
///
/// Worked out from the bytes (not from the decoded value), so a decoder that reads a field from
/// the wrong place shows up as a mismatch. Only called on bodies the decoder accepted, so every
/// length read here is in bounds; a short body simply ends the walk.
enum CanonicalRequestBody {
    /// Bytes of SIMILAR's and SEARCH's fixed tail after the first string: `u16 k, u8 flags`.
    static let queryTailBytes = 3

    static func bytes(of body: ByteBuffer, opcode: Opcode) -> [UInt8] {
        let bytes = Array(body.readableBytesView)
        guard opcode == .similar || opcode == .search, bytes.count >= 4 else { return bytes }
        let stringBytes = Int(readUInt32(bytes, at: 0))
        let optionsStart = 4 + stringBytes + queryTailBytes
        guard optionsStart <= bytes.count else { return bytes }

        // Each option: u8 tag, u32 length, value.
        var options: [(tag: UInt8, bytes: ArraySlice<UInt8>)] = []
        var offset = optionsStart
        while offset + 5 <= bytes.count {
            let end = offset + 5 + Int(readUInt32(bytes, at: offset + 1))
            guard end <= bytes.count else { return bytes }
            options.append((bytes[offset], bytes[offset..<end]))
            offset = end
        }
        let sorted = options.sorted { $0.tag < $1.tag }.flatMap(\.bytes)
        return Array(bytes[..<optionsStart]) + sorted
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
