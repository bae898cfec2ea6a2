import Foundation

/// Gives every processing instruction of a feed data before FoundationXML sees it.
///
/// Why: for `<?name?>` — an instruction without data, valid XML — libxml2 reports the data as a
/// NULL pointer, and FoundationXML (swift-corelibs-foundation, Swift 6.3.1) calls `strlen` on it:
/// a segmentation fault, not an error. Found by fuzzing (docs/FUZZING.md). With one space,
/// `<?name ?>`, libxml2 reports empty data instead, which means the same; podsim ignores
/// processing instructions anyway. Comments and CDATA sections are skipped (a `<?` inside them
/// is text), and UTF-16 documents are scanned in 16-bit units, so no other byte changes.
/// An inserted space moves the column of what follows on its line by one, nothing else.
enum ProcessingInstructions {
    /// `data` with a space after the target of every instruction that has no data; `data`
    /// itself when there is none.
    static func withData(_ data: Data) -> Data {
        let text = CodeUnits(data)
        let insertions = positionsWithoutData(text.units)
        guard !insertions.isEmpty else { return data }
        return text.bytes(insertingSpacesAt: insertions)
    }

    private static let commentStart = Array("<!--".utf16), commentEnd = Array("-->".utf16)
    private static let cdataStart = Array("<![CDATA[".utf16), cdataEnd = Array("]]>".utf16)
    private static let instructionStart = Array("<?".utf16), instructionEnd = Array("?>".utf16)

    /// Unit indices of the `?` of every `<?target?>` outside comments and CDATA sections.
    static func positionsWithoutData(_ units: [UInt16]) -> [Int] {
        func starts(_ pattern: [UInt16], at index: Int) -> Bool {
            guard index + pattern.count <= units.count else { return false }
            for offset in pattern.indices where units[index + offset] != pattern[offset] { return false }
            return true
        }
        func find(_ pattern: [UInt16], from index: Int) -> Int? {
            var j = index
            while j < units.count {
                if units[j] == pattern[0], starts(pattern, at: j) { return j }
                j += 1
            }
            return nil
        }
        var positions: [Int] = []
        var i = 0
        while i < units.count {
            guard units[i] == 0x3C else {  // "<"
                i += 1
                continue
            }
            if starts(commentStart, at: i) {
                guard let end = find(commentEnd, from: i + commentStart.count) else { break }
                i = end + commentEnd.count
            } else if starts(cdataStart, at: i) {
                guard let end = find(cdataEnd, from: i + cdataStart.count) else { break }
                i = end + cdataEnd.count
            } else if starts(instructionStart, at: i) {
                // The target runs to white space or "?>"; "?>" right after it means no data.
                var j = i + 2
                while j < units.count, !isWhiteSpace(units[j]), !starts(instructionEnd, at: j) { j += 1 }
                if j > i + 2, starts(instructionEnd, at: j) {
                    positions.append(j)
                    i = j + 2
                } else {
                    guard let end = find(instructionEnd, from: j) else { break }
                    i = end + 2
                }
            } else {
                i += 1
            }
        }
        return positions
    }

    private static func isWhiteSpace(_ unit: UInt16) -> Bool {
        unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D
    }

    /// A document's code units: bytes for UTF-8 and the 8-bit encodings, 16-bit units after a
    /// UTF-16 byte-order mark (kept, like the byte order).
    struct CodeUnits {
        enum Width { case eight, sixteenBigEndian, sixteenLittleEndian }

        let width: Width
        let prefix: [UInt8]
        let units: [UInt16]

        init(_ data: Data) {
            let bytes = [UInt8](data)
            if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
                let bigEndian = bytes[0] == 0xFE
                width = bigEndian ? .sixteenBigEndian : .sixteenLittleEndian
                prefix = Array(bytes[0..<2])
                let body = bytes[2...]
                units = stride(from: body.startIndex, to: body.endIndex - 1, by: 2).map { index in
                    let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                    return bigEndian ? first << 8 | second : second << 8 | first
                }
                // An odd trailing byte stays as it was, for libxml2 to refuse.
                trailing = body.count % 2 == 1 ? [bytes[bytes.count - 1]] : []
            } else {
                width = .eight
                prefix = []
                units = bytes.map(UInt16.init)
                trailing = []
            }
        }

        private let trailing: [UInt8]

        func bytes(insertingSpacesAt positions: [Int]) -> Data {
            var out = prefix
            out.reserveCapacity(prefix.count + (units.count + positions.count) * (width == .eight ? 1 : 2) + trailing.count)
            var next = positions.makeIterator()
            var insertion = next.next()
            for (index, unit) in units.enumerated() {
                if index == insertion {
                    append(0x20, to: &out)
                    insertion = next.next()
                }
                append(unit, to: &out)
            }
            out += trailing
            return Data(out)
        }

        private func append(_ unit: UInt16, to out: inout [UInt8]) {
            switch width {
            case .eight: out.append(UInt8(truncatingIfNeeded: unit))
            case .sixteenBigEndian: out += [UInt8(unit >> 8), UInt8(truncatingIfNeeded: unit)]
            case .sixteenLittleEndian: out += [UInt8(truncatingIfNeeded: unit), UInt8(unit >> 8)]
            }
        }
    }
}
