import Foundation

/// A feed's bytes made ready for the XML parser: decoded (`FeedEncoding`), checked to be XML at
/// all, repaired (`FeedRepair`) and handed on as UTF-8 — or, for an encoding podsim does not
/// decode itself, the bytes as they are for libxml2 to transcode.
struct FeedInput {
    /// What the parser reads.
    var data: Data
    /// What was repaired to make it readable.
    var repairs = FeedRepairs()
    /// True when `data` is UTF-8 that podsim has read (so byte positions can be mapped to items).
    var isUTF8 = true

    /// Characters of the start of a non-XML file quoted in the error. Default 24.
    static let sampleLength = 24

    init(_ raw: Data, source: String) throws(CatalogueError) {
        guard let text = FeedEncoding.decode(raw, repairs: &repairs) else {
            data = raw
            isUTF8 = false
            return
        }
        let (fixed, repairs) = FeedRepair.repair(text, repairs: repairs)
        // An XML declaration that never closes is left as it is, still naming the encoding the
        // text was read from, not the UTF-8 it is handed on as: refused instead. Judged on the
        // repaired text, where removed control characters no longer hide it (`<?xm\u{2}l`).
        let head = Self.content(fixed)
        if head.starts(with: "<?xml".unicodeScalars), fixed.range(of: "?>") == nil {
            throw CatalogueError(
                .malformedXML, "\(source): line 1: malformed XML: the XML declaration `<?xml …` is not closed by `?>`",
                source: source, line: 1, column: 1)
        }
        // Judged on the repaired text: a `<` that starts no markup (`<¸…`) has become `&lt;` there,
        // and a document must start with markup after the repairs, not only before them.
        if let first = Self.content(fixed).first, first != "<" {
            let sample = String(String.UnicodeScalarView(Self.content(text).prefix(Self.sampleLength)))
                .map { $0.isLetter || $0.isNumber || $0.isPunctuation || $0.isSymbol || $0 == " " ? $0 : "·" }
            throw CatalogueError(
                .malformedXML,
                "\(source): not XML: it starts with \(JSONText.quoted(String(sample))), where a feed starts with "
                    + "`<?xml` or `<rss`", source: source, line: 1, column: 1)
        }
        self.repairs = repairs
        let declared = RSSFeed.declaredEncoding(raw)
        // A clean UTF-8 feed goes to the parser byte for byte, so error columns are the file's.
        data = repairs.isEmpty && (declared == nil || declared == "utf-8" || declared == "utf8") ? raw : Data(fixed.utf8)
    }

    /// `text` from its first character that is not blank space or a byte-order mark.
    private static func content(_ text: String) -> Substring.UnicodeScalarView {
        Substring(text).unicodeScalars.drop { $0.properties.isWhitespace || $0 == "\u{FEFF}" }
    }
}
