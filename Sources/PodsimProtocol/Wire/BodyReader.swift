import NIOCore

/// Reads one body's fields in order, bounds-checking each read against the bytes that are left.
///
/// Every failure is status 1 (or what the caller chooses) with a message naming the message,
/// the field and the byte offset in the body, e.g.
/// `SIMILAR: body ends inside k at byte 8 (needs 2 bytes, 1 left)`.
struct BodyReader {
    private var buffer: ByteBuffer
    /// Reader index that corresponds to body offset `baseOffset`.
    private let bufferStart: Int
    /// Body offset of this reader's first byte: 0 for a body, the value's offset for a TLV value.
    private let baseOffset: Int
    /// The message being read, for error messages: `"SIMILAR"`, `"INFO response"`.
    let context: String

    init(_ body: ByteBuffer, context: String, baseOffset: Int = 0) {
        self.buffer = body
        self.bufferStart = body.readerIndex
        self.baseOffset = baseOffset
        self.context = context
    }

    /// Bytes not yet read.
    var remaining: Int { buffer.readableBytes }
    /// Offset of the next read from the start of the whole body, in bytes.
    var offset: Int { baseOffset + buffer.readerIndex - bufferStart }

    /// A status-1 error about `field`; `at` is the field's byte offset in the body when it helps.
    func error(_ field: String, _ problem: String, at fieldOffset: Int? = nil) -> ProtocolError {
        let place = fieldOffset.map { " (at byte \($0) of the body)" } ?? ""
        return .badRequest("\(context): \(field) \(problem)\(place)")
    }

    mutating func readInteger<T: FixedWidthInteger>(_ field: String, as type: T.Type = T.self) throws(ProtocolError) -> T {
        guard let value = buffer.readInteger(as: T.self) else {
            throw truncated(field, needs: MemoryLayout<T>.size)
        }
        return value
    }

    /// IEEE-754 binary32 from its big-endian bit pattern.
    mutating func readFloat(_ field: String) throws(ProtocolError) -> Float {
        Float(bitPattern: try readInteger(field, as: UInt32.self))
    }

    /// A `u8` that must be 0 or 1.
    mutating func readBool(_ field: String) throws(ProtocolError) -> Bool {
        let byte: UInt8 = try readInteger(field)
        guard byte <= 1 else { throw error(field, "must be 0 or 1, got \(byte)") }
        return byte == 1
    }

    /// `str`: u32 byte count, then that many bytes of strict UTF-8. `maxBytes` is checked before
    /// the bytes are read; `limitName` names the limit in the message.
    mutating func readString(
        _ field: String, maxBytes: Int = .max, limitName: String = "max text length"
    ) throws(ProtocolError) -> String {
        let start = offset
        let count: UInt32 = try readInteger("\(field) length")
        guard UInt64(count) <= UInt64(maxBytes) else {
            throw error(field, "is \(count) bytes; the limit is \(maxBytes) (\(limitName))", at: start)
        }
        guard Int(count) <= remaining else {
            throw error(field, "announces \(count) bytes but only \(remaining) are left", at: start)
        }
        let bytes = buffer.readSlice(length: Int(count))!
        // Validated from the bytes in place: through the buffer's view the generic call looked
        // its metadata up at run time, for every string of every request.
        let validated = bytes.withUnsafeReadableBytes { raw in
            raw.withMemoryRebound(to: UInt8.self) { String(validating: $0, as: UTF8.self) }
        }
        guard let string = validated else {
            throw error(field, "is not valid UTF-8", at: start)
        }
        return string
    }

    /// `list<T>`: u32 count, then the elements. The count is checked against the bytes left
    /// (`minElementBytes` each) before anything is reserved, so a peer cannot make us allocate.
    mutating func readList<T>(
        _ field: String, minElementBytes: Int,
        _ readElement: (inout BodyReader) throws(ProtocolError) -> T
    ) throws(ProtocolError) -> [T] {
        let start = offset
        let count: UInt32 = try readInteger("\(field) count")
        guard UInt64(count) * UInt64(minElementBytes) <= UInt64(remaining) else {
            throw error(field, "announces \(count) elements of at least \(minElementBytes) bytes but only \(remaining) bytes are left", at: start)
        }
        var elements: [T] = []
        elements.reserveCapacity(Int(count))
        for _ in 0..<count {
            elements.append(try readElement(&self))
        }
        return elements
    }

    /// A length-prefixed value (u32 byte count, then the bytes) as its own reader, so a TLV value
    /// must be read exactly: its reader's `finish()` rejects leftovers inside the value.
    mutating func readNested(_ field: String, context: String) throws(ProtocolError) -> BodyReader {
        let start = offset
        let count: UInt32 = try readInteger("\(field) length")
        guard Int(count) <= remaining else {
            throw error(field, "announces \(count) bytes but only \(remaining) are left", at: start)
        }
        let valueOffset = offset
        return BodyReader(buffer.readSlice(length: Int(count))!, context: context, baseOffset: valueOffset)
    }

    /// Ends the body: bytes left over after the last field are an error (status 1).
    func finish() throws(ProtocolError) {
        guard remaining == 0 else {
            throw .badRequest("\(context): \(remaining) bytes left over after the last field (at byte \(offset) of the body)")
        }
    }

    private func truncated(_ field: String, needs: Int) -> ProtocolError {
        .badRequest("\(context): body ends inside \(field) at byte \(offset) (needs \(needs) bytes, \(remaining) left)")
    }
}
