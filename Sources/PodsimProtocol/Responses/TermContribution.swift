import NIOCore

/// One term in an EXPLAIN answer: `str term, f32 contribution`.
public struct TermContribution: Sendable, Hashable, WireElement {
    /// The analysed term (a stem, or two stems joined by a space for a bigram).
    public var term: String
    /// The term's share of the two episodes' cosine similarity (unitless; the shares of all
    /// terms sum to the similarity). Terms come largest first.
    public var contribution: Float

    public init(term: String, contribution: Float) {
        self.term = term
        self.contribution = contribution
    }

    static let minimumWireBytes = 4 + 4

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        term = try reader.readString("term")
        contribution = try reader.readFloat("contribution")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(term)
        buffer.writeWireFloat(contribution)
    }
}
