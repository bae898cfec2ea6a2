/// A growing list of strings kept as one UTF-8 byte array and end offsets: 10M episode ids take
/// their bytes plus 8 per id, where 10M Swift strings would take ~75 bytes each (object header,
/// capacity, allocator rounding). Used by the streaming build (`CatalogueScan`).
struct PackedStrings: Sendable {
    private(set) var bytes: [UInt8] = []
    /// End offset of string i in `bytes` (its start is the previous end, or 0).
    private(set) var ends: [UInt64] = []

    var count: Int { ends.count }

    mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
        ends.append(UInt64(bytes.count))
    }

    func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// UTF-8 length of string `index`.
    func length(_ index: Int) -> Int { range(index).count }

    func string(_ index: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(index)]), as: UTF8.self) }
    }

    /// Whether string `index` is byte for byte `other`.
    func equals(_ index: Int, _ other: String) -> Bool {
        var other = other
        return other.withUTF8 { utf8 in
            bytes.withUnsafeBufferPointer { $0[range(index)].elementsEqual(utf8) }
        }
    }

    /// Whether strings `a` and `b` have the same bytes.
    func sameBytes(_ a: Int, _ b: Int) -> Bool {
        bytes.withUnsafeBufferPointer { $0[range(a)].elementsEqual($0[range(b)]) }
    }

    /// Heap bytes held (for the memory check).
    var heapBytes: Int { bytes.capacity + ends.capacity * 8 }
}
