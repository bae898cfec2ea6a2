import Foundation

/// Where each `<item>` of a feed lies in its UTF-8 bytes, so that an item the XML parser cannot
/// read can be cut out and the rest of the feed read without it (see `RSSFeed.parse`).
///
/// A plain scan, not a parse: `<item` followed by `>`, `/` or blank space starts an item, and
/// its `</item>` ends it — or, when it has none, the next item's start or `</channel>` does.
/// Comments and CDATA sections are skipped, so an `<item>` inside show notes is text.
struct FeedItemSpans {
    struct Span: Hashable {
        /// 1-based position among the feed's items (as `FeedDocument.Item.index`).
        var ordinal: Int
        /// Bytes from `<item` through `</item>` (or up to where the next item starts).
        var bytes: Range<Int>
        /// Line of the `<item` start tag.
        var line: Int
    }

    private(set) var spans: [Span] = []
    /// Byte offset of each line's first byte (line n at index n-1).
    private var lineStarts: [Int] = [0]

    init(_ data: Data) {
        let bytes = [UInt8](data)
        var i = 0
        var open: (start: Int, line: Int)?
        func starts(_ literal: String, at index: Int) -> Bool {
            let pattern = Array(literal.utf8)
            return index + pattern.count <= bytes.count && Array(bytes[index..<(index + pattern.count)]) == pattern
        }
        func skip(to terminator: String, from index: Int) -> Int {
            var j = index
            while j < bytes.count, !starts(terminator, at: j) {
                if bytes[j] == 0x0A { lineStarts.append(j + 1) }
                j += 1
            }
            return min(bytes.count, j + terminator.utf8.count)
        }
        func close(at end: Int) {
            guard let item = open else { return }
            spans.append(Span(ordinal: spans.count + 1, bytes: item.start..<end, line: item.line))
            open = nil
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x0A {
                lineStarts.append(i + 1)
            } else if byte == UInt8(ascii: "<") {
                if starts("<!--", at: i) {
                    i = skip(to: "-->", from: i + 4)
                    continue
                } else if starts("<![CDATA[", at: i) {
                    i = skip(to: "]]>", from: i + 9)
                    continue
                } else if starts("<item", at: i), i + 5 < bytes.count, [0x3E, 0x2F, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[i + 5]) {
                    close(at: i)
                    open = (i, lineStarts.count)
                } else if starts("</item>", at: i) || starts("</item ", at: i) {
                    close(at: bytes[i...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? bytes.count)
                } else if starts("</channel", at: i) {
                    close(at: i)
                }
            }
            i += 1
        }
        close(at: bytes.count)
    }

    /// The item holding the parser's position (1-based line and column; libxml2 counts columns
    /// in bytes here, as the input is UTF-8), or nil when it is outside every item.
    func item(line: Int, column: Int) -> Span? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let offset = lineStarts[line - 1] + max(0, column - 1)
        return spans.first { $0.bytes.lowerBound <= offset && offset <= $0.bytes.upperBound }
    }

    /// `data` with `span`'s bytes made spaces, newlines kept: the feed reads as if the item were
    /// not there, and every other byte keeps its line, column and offset.
    static func blanking(_ span: Span, in data: Data) -> Data {
        var out = data
        for offset in span.bytes where out[out.startIndex + offset] != 0x0A {
            out[out.startIndex + offset] = 0x20
        }
        return out
    }
}
