/// Field readers shared by the request bodies, with the limits a server applies.
extension BodyReader {
    /// `u16 k`, which must be 1…`limits.maxK`.
    mutating func readK(_ limits: ProtocolLimits) throws(ProtocolError) -> UInt16 {
        let k: UInt16 = try readInteger("k")
        guard k >= 1 && Int(k) <= limits.maxK else {
            throw .badRequest("\(context): k must be 1…\(limits.maxK), got \(k)")
        }
        return k
    }

    /// A request `str`, at most `limits.maxTextBytes` bytes of UTF-8.
    mutating func readText(_ field: String, _ limits: ProtocolLimits) throws(ProtocolError) -> String {
        try readString(field, maxBytes: limits.maxTextBytes)
    }

    /// A request `list<str>`, each `element` at most `limits.maxTextBytes` bytes (may be empty).
    mutating func readTexts(_ field: String, element: String, _ limits: ProtocolLimits) throws(ProtocolError) -> [String] {
        try readList(field, minElementBytes: 4) { (text: inout BodyReader) throws(ProtocolError) in
            try text.readString(element, maxBytes: limits.maxTextBytes)
        }
    }

    /// `u8 flags` with only defined bits set.
    mutating func readFlags() throws(ProtocolError) -> QueryFlags {
        let flags = QueryFlags(rawValue: try readInteger("flags"))
        let unknown = flags.subtracting(.defined)
        guard unknown.isEmpty else {
            throw .badRequest("\(context): unknown flag bits \(hexByte(unknown.rawValue)) in flags \(hexByte(flags.rawValue))")
        }
        return flags
    }
}
