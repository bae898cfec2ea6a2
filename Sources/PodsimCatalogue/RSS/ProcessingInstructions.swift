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
    /// itself when there is none. Reads the bytes in place: nothing is copied unless a space
    /// has to go in.
    static func withData(_ data: Data) -> Data {
        let (width, insertions) = data.withUnsafeBytes { raw -> (Width, [Int]) in
            let units = CodeUnits(raw)
            return (units.width, positionsWithoutData(units))
        }
        guard !insertions.isEmpty else { return data }
        return insertingSpaces(into: data, width: width, at: insertions)
    }

    private static let commentStart = Array("<!--".utf16), commentEnd = Array("-->".utf16)
    private static let cdataStart = Array("<![CDATA[".utf16), cdataEnd = Array("]]>".utf16)
    private static let instructionStart = Array("<?".utf16), instructionEnd = Array("?>".utf16)

    /// Unit indices of the `?` of every `<?target?>` outside comments and CDATA sections.
    static func positionsWithoutData<Units: RandomAccessCollection>(_ units: Units) -> [Int]
    where Units.Element == UInt16, Units.Index == Int {
        func starts(_ pattern: [UInt16], at index: Int) -> Bool {
            guard index + pattern.count <= units.endIndex else { return false }
            for offset in pattern.indices where units[index + offset] != pattern[offset] { return false }
            return true
        }
        func find(_ pattern: [UInt16], from index: Int) -> Int? {
            var j = index
            while j < units.endIndex {
                if units[j] == pattern[0], starts(pattern, at: j) { return j }
                j += 1
            }
            return nil
        }
        var positions: [Int] = []
        var i = units.startIndex
        while i < units.endIndex {
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
                while j < units.endIndex, !isWhiteSpace(units[j]), !starts(instructionEnd, at: j) { j += 1 }
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

    /// How a document's code units are stored: bytes for UTF-8 and the 8-bit encodings, 16-bit
    /// units after a UTF-16 byte-order mark.
    enum Width { case eight, sixteenBigEndian, sixteenLittleEndian }

    /// A document's code units, read from its bytes in place. Unit 0 of a UTF-16 document is the
    /// one after its byte-order mark; an odd trailing byte is not a unit (libxml2 refuses it).
    struct CodeUnits: RandomAccessCollection {
        let bytes: UnsafeRawBufferPointer
        let width: Width

        init(_ bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
            if bytes.starts(with: [0xFE, 0xFF]) {
                width = .sixteenBigEndian
            } else if bytes.starts(with: [0xFF, 0xFE]) {
                width = .sixteenLittleEndian
            } else {
                width = .eight
            }
        }

        var startIndex: Int { 0 }
        var endIndex: Int { width == .eight ? bytes.count : (bytes.count - 2) / 2 }

        subscript(index: Int) -> UInt16 {
            switch width {
            case .eight: return UInt16(bytes[index])
            case .sixteenBigEndian: return UInt16(bytes[2 + 2 * index]) << 8 | UInt16(bytes[3 + 2 * index])
            case .sixteenLittleEndian: return UInt16(bytes[3 + 2 * index]) << 8 | UInt16(bytes[2 + 2 * index])
            }
        }
    }

    /// `data` with a space unit inserted before each of the unit `positions` (ascending).
    static func insertingSpaces(into data: Data, width: Width, at positions: [Int]) -> Data {
        let unitBytes = width == .eight ? 1 : 2
        let prefix = width == .eight ? 0 : 2
        let space: [UInt8] = switch width {
        case .eight: [0x20]
        case .sixteenBigEndian: [0x00, 0x20]
        case .sixteenLittleEndian: [0x20, 0x00]
        }
        var out = Data(capacity: data.count + positions.count * unitBytes)
        var copied = data.startIndex
        for position in positions {
            let at = data.startIndex + prefix + position * unitBytes
            out.append(data[copied..<at])
            out.append(contentsOf: space)
            copied = at
        }
        out.append(data[copied...])
        return out
    }
}
