import Foundation

/// The validated text of one source: read with size limits, checked for UTF-8, split into lines.
///
/// Every parser goes through this type so that size, encoding and line-length failures read
/// the same whatever the format.
struct SourceText: Sendable {
    /// One line of the source with its position, for error messages.
    struct Line: Sendable {
        /// 1-based line number.
        var number: Int
        /// 0-based byte offset of the line's first byte.
        var byteOffset: Int
        /// The line without its terminator (`\n` or `\r\n`).
        var text: Substring
    }

    /// The name used in messages (the path as the user gave it).
    let source: String
    /// The whole text, a leading byte-order mark removed.
    let text: String
    /// The byte length of a stripped byte-order mark (0 or 3), so offsets stay file offsets.
    let bomBytes: Int

    /// Validates `data` as UTF-8 text under `limits`. `source` names it in errors.
    init(data: Data, source: String, limits: SourceLimits) throws(CatalogueError) {
        try SourceText.checkSize(data.count, source: source, limits: limits)
        try SourceText.checkUTF8(data, source: source)
        let hasBOM = data.starts(with: [0xEF, 0xBB, 0xBF])
        self.source = source
        self.bomBytes = hasBOM ? 3 : 0
        self.text = String(decoding: data.dropFirst(bomBytes), as: UTF8.self)
    }

    /// Reads and validates the file at `path`.
    init(path: String, limits: SourceLimits) throws(CatalogueError) {
        try self.init(data: SourceText.read(path: path, limits: limits), source: path, limits: limits)
    }

    /// The lines of the text; throws when one is longer than `limits.lineBytes`.
    func lines(limits: SourceLimits) throws(CatalogueError) -> [Line] {
        var result: [Line] = []
        var offset = bomBytes
        var number = 0
        let utf8 = text.utf8
        // Split on UTF-8 bytes, not Characters (`\r\n` is one Character and would hide the `\n`)
        // nor scalars (decoding every scalar made this split a fifth of loading a large
        // catalogue): the byte 0x0A is never part of a longer UTF-8 sequence. The line ends are
        // found by memchr over the string's bytes (a generic split of the UTF-8 view cost a
        // tenth of loading a large catalogue); a line is then a range of the view.
        let ends = Self.lineEnds(utf8)
        var start = 0
        for end in ends + [utf8.count] {
            number += 1
            let rawCount = end - start
            let length = rawCount > 0 && Self.byte(utf8, end - 1) == UInt8(ascii: "\r") ? rawCount - 1 : rawCount
            guard length <= limits.lineBytes else {
                throw CatalogueError(
                    .lineTooLong,
                    "\(source): line \(number) is \(length) bytes, over the \(limits.lineBytes)-byte line limit",
                    source: source, line: number, byteOffset: offset)
            }
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            let upper = utf8.index(lower, offsetBy: length)
            result.append(Line(number: number, byteOffset: offset, text: Substring(utf8[lower..<upper])))
            offset += rawCount + 1
            start = end + 1
        }
        return result
    }

    /// Offsets of every `\n` in `utf8`, in order.
    private static func lineEnds(_ utf8: String.UTF8View) -> [Int] {
        let found = utf8.withContiguousStorageIfAvailable { buffer -> [Int] in
            guard let base = buffer.baseAddress else { return [] }
            var ends: [Int] = []
            var position = 0
            while position < buffer.count, let hit = memchr(base + position, 0x0A, buffer.count - position) {
                let index = hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
                ends.append(index)
                position = index + 1
            }
            return ends
        }
        if let found { return found }
        return utf8.indices.filter { utf8[$0] == 0x0A }.map { utf8.distance(from: utf8.startIndex, to: $0) }
    }

    private static func byte(_ utf8: String.UTF8View, _ offset: Int) -> UInt8 {
        utf8[utf8.index(utf8.startIndex, offsetBy: offset)]
    }

    /// Reads a regular file, checking its size before loading it into memory.
    static func read(path: String, limits: SourceLimits) throws(CatalogueError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CatalogueError(.unreadable, "\(path): no such file", source: path)
        }
        guard !isDirectory.boolValue else {
            throw CatalogueError(.unreadable, "\(path): is a directory, expected a file", source: path)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size { try checkSize(size, source: path, limits: limits) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CatalogueError(.unreadable, "\(path): cannot be read (check permissions)", source: path)
        }
    }

    /// Throws `.tooLarge` when `bytes` is over `limits.sourceBytes`.
    static func checkSize(_ bytes: Int, source: String, limits: SourceLimits) throws(CatalogueError) {
        guard bytes > limits.sourceBytes else { return }
        throw CatalogueError(
            .tooLarge, "\(source): \(bytes) bytes is over the \(limits.sourceBytes)-byte limit for a catalogue source",
            source: source)
    }

    /// Throws `.invalidUTF8` naming the line and byte offset of the first ill-formed sequence.
    static func checkUTF8(_ data: Data, source: String) throws(CatalogueError) {
        let invalid = data.withUnsafeBytes { raw in
            UTF8Validator.firstInvalidOffset(raw.bindMemory(to: UInt8.self))
        }
        guard let offset = invalid else { return }
        let line = 1 + data.prefix(offset).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        throw CatalogueError(
            .invalidUTF8, "\(source): line \(line): invalid UTF-8 at byte offset \(offset); save the file as UTF-8",
            source: source, line: line, byteOffset: offset)
    }
}
