import NIOCore

/// Writers for the body primitives: `str`, `list<T>`, `f32`, boolean `u8`.
extension ByteBuffer {
    /// `str`: u32 UTF-8 byte count, then the bytes.
    mutating func writeWireString(_ string: String) {
        let utf8 = string.utf8
        writeInteger(UInt32(utf8.count))
        writeBytes(utf8)
    }

    /// `list<T>`: u32 count, then each element as `writeElement` writes it.
    mutating func writeWireList<T>(_ elements: [T], _ writeElement: (inout ByteBuffer, T) -> Void) {
        writeInteger(UInt32(elements.count))
        for element in elements {
            writeElement(&self, element)
        }
    }

    /// `list<str>`.
    mutating func writeWireStrings(_ strings: [String]) {
        writeWireList(strings) { $0.writeWireString($1) }
    }

    /// `f32`: the IEEE-754 binary32 bit pattern, big-endian.
    mutating func writeWireFloat(_ value: Float) {
        writeInteger(value.bitPattern)
    }

    /// A `u8` flag: 1 for true, 0 for false.
    mutating func writeWireBool(_ value: Bool) {
        writeInteger(UInt8(value ? 1 : 0))
    }
}

/// `0x0A`: a byte as messages show it (opcodes, tags, flag bits).
func hexByte(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return (digits.count == 1 ? "0x0" : "0x") + digits
}
