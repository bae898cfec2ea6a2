import NIOCore

extension ByteBuffer {
    /// The readable bytes as hex and as text, for a log line about bad input:
    /// `47 45 54 20 2f 20 48 54 |GET / HT|`. Bytes outside printable ASCII show as `.` in the
    /// text part, so a log never carries control characters from a client.
    var printableSample: String {
        let text = String(readableBytesView.map { (0x20...0x7E).contains($0) ? Character(UnicodeScalar($0)) : "." })
        return "\(hexDump(format: .plain)) |\(text)|"
    }
}
