import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a feed's XML into a `FeedDocument` with Foundation's `XMLParser` (libxml2, streaming).
///
/// Safety: external entities are never resolved (`shouldResolveExternalEntities = false`, and
/// the resolver callback answers nil), so `<!ENTITY x SYSTEM "file:///etc/passwd">` reads
/// nothing; libxml2 itself refuses entity-expansion bombs. `parse()` can return true for a
/// malformed document, so success is judged from the errors the parser reported, not from it.
/// Only the text of elements podsim uses is kept, and each is capped at `limits.lineBytes`.
final class FeedXMLReader: NSObject, XMLParserDelegate {
    private struct OpenElement {
        var qualifiedName: String
        var name: FeedElementName
        var attributes: [String: String]
        /// Text collected so far, for elements that are read; nil for the others.
        var text: String?
    }

    private static let channel = FeedElementName(.rss, "channel")
    private static let item = FeedElementName(.rss, "item")
    private static let person = FeedElementName(.podcast, "person")

    private let source: String
    private let limits: SourceLimits
    private var scopes = FeedNamespaceScopes()
    private var open: [OpenElement] = []
    private var document = FeedDocument()
    private var item: FeedDocument.Item?
    private var sawRoot = false
    /// Items cut out before parsing (`FeedItemSpans`), by ordinal: the items read keep their
    /// ordinals in the feed as written.
    private let removedItems: Set<Int>
    private var nextOrdinal = 1
    /// Why reading was stopped early (not a feed, a field over the limit).
    private var stopped: CatalogueError?
    /// The first error the parser reported that makes the document unreadable.
    private var failure: XMLParseFailure?

    private init(source: String, limits: SourceLimits, removedItems: Set<Int>) {
        self.source = source
        self.limits = limits
        self.removedItems = removedItems
    }

    /// The document in `data`; throws `.malformedXML`, `.notAFeed` or `.fieldTooLong` (a channel
    /// field; an item field over the limit makes that item's `problem`). `removedItems` are the
    /// ordinals of items already cut out of `data`.
    static func read(
        _ data: Data, source: String, limits: SourceLimits, removedItems: Set<Int> = []
    ) throws(CatalogueError) -> FeedDocument {
        let reader = FeedXMLReader(source: source, limits: limits, removedItems: removedItems)
        let parser = XMLParser(data: ProcessingInstructions.withData(data))
        // Off on purpose: undeclared prefixes then arrive as `prefix:name` (see FeedNamespaceScopes).
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let finished = parser.parse()
        if let stopped = reader.stopped { throw stopped }
        if let failure = reader.failure { throw failure.error(source: source) }
        if !finished, let code = (parser.parserError as NSError?)?.code, !XMLParseFailure.isTolerated(code) {
            throw XMLParseFailure(code: code, line: parser.lineNumber, column: parser.columnNumber)
                .error(source: source)
        }
        guard reader.sawRoot else {
            // libxml2 reports nothing for an empty or whitespace-only document.
            throw XMLParseFailure(code: 4, line: parser.lineNumber, column: parser.columnNumber).error(source: source)
        }
        guard reader.document.hasChannel else {
            throw CatalogueError(
                .notAFeed, "\(source): no <channel> element under <rss>; not an RSS 2.0 feed", source: source)
        }
        return reader.document
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes: [String: String] = [:]
    ) {
        scopes.push(attributes: attributes)
        let name = scopes.resolve(elementName)
        let depth = open.count
        sawRoot = true
        if depth == 0, name.local != "rss" {
            stop(
                CatalogueError(
                    .notAFeed, "\(source): root element <\(elementName)> is not an RSS feed; expected <rss>",
                    source: source, line: parser.lineNumber))
            parser.abortParsing()
            return
        }
        var reads = false
        if depth == 1, name == Self.channel {
            document.hasChannel = true
        } else if depth == 2, isInChannel {
            if name == Self.item {
                while removedItems.contains(nextOrdinal) { nextOrdinal += 1 }
                item = FeedDocument.Item(index: nextOrdinal, line: parser.lineNumber)
                nextOrdinal += 1
            }
            reads =
                name == FeedElementName(.rss, "title") || name == FeedElementName(.itunes, "author")
                || name == FeedElementName(.rss, "language") || name == Self.person
        } else if depth == 3, isInItem {
            if name == FeedElementName(.rss, "enclosure"), item?.enclosureURL == nil {
                item?.enclosureURL = attributes["url"].map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
            }
            reads = name == Self.person || FeedDocument.Item.field(name) != nil
        }
        open.append(
            OpenElement(
                qualifiedName: elementName, name: name, attributes: reads ? attributes : [:], text: reads ? "" : nil))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        append(string, parser)
    }

    func parser(_ parser: XMLParser, foundCDATA cdataBlock: Data) {
        append(String(decoding: cdataBlock, as: UTF8.self), parser)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard let element = open.popLast() else { return }
        scopes.pop()
        let depth = open.count
        if depth == 2, isInChannel {
            endChannelChild(element)
        } else if depth == 3, isInItem, let text = element.text {
            if element.name == Self.person {
                if let person = FeedPerson(text: text, attributes: element.attributes) { item?.persons.append(person) }
            } else if let field = FeedDocument.Item.field(element.name) {
                item?.set(field, text: text)
            }
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        let code = (parseError as NSError).code
        guard failure == nil, stopped == nil, !XMLParseFailure.isTolerated(code) else { return }
        failure = XMLParseFailure(code: code, line: parser.lineNumber, column: parser.columnNumber)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        nil  // never read files or URLs named by the document
    }

    private func endChannelChild(_ element: OpenElement) {
        if element.name == Self.item, let finished = item {
            document.items.append(finished)
            item = nil
            return
        }
        guard let text = element.text else { return }
        let value = text.trimmingSpaces
        switch element.name {
        case FeedElementName(.rss, "title") where document.title == nil && !value.isEmpty:
            document.title = value
        case FeedElementName(.itunes, "author") where document.author == nil && !value.isEmpty:
            document.author = value
        case FeedElementName(.rss, "language") where document.language == nil && !value.isEmpty:
            document.language = value
        case Self.person:
            if let person = FeedPerson(text: text, attributes: element.attributes) { document.persons.append(person) }
        default:
            break
        }
    }

    /// `open` is `rss > channel > …`.
    private var isInChannel: Bool { open.count >= 2 && open[1].name == Self.channel }

    /// `open` is `rss > channel > item > …` and the item is being read.
    private var isInItem: Bool { item != nil && isInChannel && open.count >= 3 && open[2].name == Self.item }

    private func append(_ string: String, _ parser: XMLParser) {
        guard let top = open.indices.last, open[top].text != nil, stopped == nil else { return }
        open[top].text?.append(string)
        let bytes = open[top].text?.utf8.count ?? 0
        guard bytes > limits.lineBytes else { return }
        if item != nil, isInItem {
            // One oversized field costs its item, not the feed: stop collecting, skip the item.
            if item?.problem == nil {
                item?.problem = "<\(open[top].qualifiedName)> is over the \(limits.lineBytes)-byte limit for one field"
            }
            open[top].text = nil
            return
        }
        let place = item.map { " in \($0.location)" } ?? ""
        stop(
            CatalogueError(
                .fieldTooLong,
                "\(source): line \(parser.lineNumber): <\(open[top].qualifiedName)>\(place) is over the "
                    + "\(limits.lineBytes)-byte limit for one field",
                source: source, line: parser.lineNumber, field: open[top].qualifiedName))
        parser.abortParsing()
    }

    private func stop(_ error: CatalogueError) {
        if stopped == nil { stopped = error }
    }
}
