import NIOCore

/// The TLV option list that may end a query body (`QueryOptions`, `GuestsOptions`): zero or more
/// `u8 tag, u32 length, value` entries until the body ends, in tag order when podsim writes them.
///
/// Every entry is checked the same way: an unknown tag, a tag given twice, and a value that does
/// not fill its length exactly are status 1 naming the option and its byte offset.
enum OptionList {
    /// Reads entries until `reader` ends. `name` gives a known tag's option name (nil: unknown,
    /// refused with `known`, e.g. "0x01…0x04"); `readValue` reads one value from a reader that
    /// holds exactly its bytes.
    static func read(
        from reader: inout BodyReader, known: String, name: (UInt8) -> String?,
        _ readValue: (UInt8, inout BodyReader) throws(ProtocolError) -> Void
    ) throws(ProtocolError) {
        var seen: Set<UInt8> = []
        while reader.remaining > 0 {
            let tagOffset = reader.offset
            let tag: UInt8 = try reader.readInteger("option tag")
            let field = "option tag \(hexByte(tag))"
            guard let optionName = name(tag) else {
                throw reader.error(field, "is not a known option (\(known))", at: tagOffset)
            }
            guard seen.insert(tag).inserted else {
                throw reader.error(field, "(\(optionName)) appears twice", at: tagOffset)
            }
            var value = try reader.readNested("option \(optionName)", context: "\(reader.context) option \(optionName)")
            try readValue(tag, &value)
            try value.finish()
        }
    }

    /// `u8 tag, u32 length, value`: the length is back-filled once the value is written.
    static func write(_ tag: UInt8, to buffer: inout ByteBuffer, _ writeValue: (inout ByteBuffer) -> Void) {
        buffer.writeInteger(tag)
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        writeValue(&buffer)
        buffer.setInteger(UInt32(buffer.writerIndex - lengthIndex - 4), at: lengthIndex)
    }
}

extension BodyReader {
    /// A `list<str>` option value with at least one entry, each at most max text length.
    mutating func readNonEmptyStrings(_ field: String, element: String, _ limits: ProtocolLimits) throws(ProtocolError) -> [String] {
        let strings = try readTexts(field, element: element, limits)
        guard !strings.isEmpty else { throw error(field, "lists no \(element); leave the option out instead") }
        return strings
    }

    /// A `str yyyy-mm-dd` option value.
    mutating func readDate(_ field: String) throws(ProtocolError) -> PublishedDate {
        let text = try readString(field, maxBytes: 10, limitName: "a date is yyyy-mm-dd")
        guard let date = PublishedDate(text) else {
            throw error(field, "\"\(text)\" is not a date of the form yyyy-mm-dd")
        }
        return date
    }
}
