import NIOCore

/// A body value with a fixed field order, readable and writable on its own, so it can be the
/// element of a `list<T>`.
protocol WireElement {
    /// The fewest bytes one element can take (e.g. 4 per `str`, 4 per `f32`), used to check a
    /// list count against the bytes left before anything is allocated.
    static var minimumWireBytes: Int { get }
    init(reading reader: inout BodyReader) throws(ProtocolError)
    func write(to buffer: inout ByteBuffer)
}

extension BodyReader {
    /// `list<T>` of wire elements.
    mutating func readList<T: WireElement>(_ field: String, of type: T.Type) throws(ProtocolError) -> [T] {
        try readList(field, minElementBytes: T.minimumWireBytes) { (element: inout BodyReader) throws(ProtocolError) in
            try T(reading: &element)
        }
    }

    /// `list<str>` without a length limit (response side: the frame size bounds it).
    mutating func readStrings(_ field: String) throws(ProtocolError) -> [String] {
        try readList(field, minElementBytes: 4) { (element: inout BodyReader) throws(ProtocolError) in
            try element.readString(field)
        }
    }
}

extension ByteBuffer {
    /// `list<T>` of wire elements.
    mutating func writeWireList<T: WireElement>(_ elements: [T]) {
        writeWireList(elements) { $1.write(to: &$0) }
    }
}
