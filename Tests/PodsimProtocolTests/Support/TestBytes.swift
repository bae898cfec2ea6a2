import NIOCore
import PodsimProtocol

extension ByteBuffer {
    /// Bytes from hex text. Whitespace is ignored, and `#` starts a comment to the end of the line
    /// (the form of the annotated examples in docs/PROTOCOL.md). Nil for anything else.
    static func fromHex(_ text: String) -> ByteBuffer? {
        var digits: [UInt8] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for character in code where !character.isWhitespace {
                guard let digit = character.hexDigitValue else { return nil }
                digits.append(UInt8(digit))
            }
        }
        guard digits.count % 2 == 0 else { return nil }
        var buffer = ByteBuffer()
        for index in stride(from: 0, to: digits.count, by: 2) {
            buffer.writeInteger(digits[index] << 4 | digits[index + 1])
        }
        return buffer
    }

    /// Lower-case hex of the readable bytes, two digits a byte, no separators.
    var hex: String {
        readableBytesView.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}

extension Frame {
    /// The frame's bytes on the wire, length field included.
    var wireBytes: ByteBuffer {
        var buffer = ByteBuffer()
        write(to: &buffer)
        return buffer
    }

    /// A frame with a raw body given as hex (for hostile bodies); traps on bad test hex.
    static func raw(_ opcode: Opcode, status: Status = .ok, requestID: UInt32 = 1, bodyHex: String) -> Frame {
        Frame(opcode: opcode, status: status, requestID: requestID, body: ByteBuffer.fromHex(bodyHex)!)
    }
}
