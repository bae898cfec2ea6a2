import Testing

@testable import PodsimCore

/// One search and one order for every sorted table in a model file (ids, terms, guest keys).
struct StringTableSearchTests {
    private func withTable(_ strings: [String], _ body: (StringTable) throws -> Void) throws {
        let bytes = StringTable.encode(strings)
        var words = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
        words.withUnsafeMutableBytes { $0.copyBytes(from: bytes) }
        try words.withUnsafeBytes { raw in
            try body(try StringTable(UnsafeRawBufferPointer(rebasing: raw[..<bytes.count]), origin: ByteOrigin(path: "t", section: "TEST", fileOffset: 0)))
        }
    }

    /// UTF-8 byte order: upper case before lower, "é" (U+00E9) after every ASCII letter, a prefix first.
    static let sorted = ["Zebra", "apple", "apples", "banana", "caf", "café", "zoo", "Ωmega"]

    @Test func theOrderIsUTF8ByteOrder() {
        #expect(Self.sorted.sorted(by: StringTable.precedes) == Self.sorted)
        #expect(StringTable.precedes("apple", "apples") && !StringTable.precedes("apples", "apple"))
        #expect(!StringTable.precedes("same", "same"))
    }

    @Test func everyEntryIsFoundAndNothingElse() throws {
        try withTable(Self.sorted) { table in
            for (index, string) in Self.sorted.enumerated() { #expect(table.index(of: string) == index) }
            let unsorted = try table.firstUnsortedIndex()
            #expect(unsorted == nil)
            for absent in ["", "Apple", "appl", "applesauce", "cafe", "zzz", "Ω"] { #expect(table.index(of: absent) == nil, "\(absent)") }
            #expect(table.insertionPoint(of: "") == 0)
            #expect(table.insertionPoint(of: "apples") == 2)
            #expect(table.insertionPoint(of: "applesauce") == 3)
            #expect(table.insertionPoint(of: "ω") == Self.sorted.count)
        }
    }

    @Test(arguments: [(["a", "c", "b"], 2), (["a", "a"], 1), (["b", "a", "c"], 1)])
    func anUnsortedTableNamesTheFirstBadIndex(strings: [String], index: Int) throws {
        try withTable(strings) { table in
            let found = try table.firstUnsortedIndex()
            #expect(found == index)
        }
    }

    @Test func anEmptyTableFindsNothing() throws {
        try withTable([]) { table in
            #expect(table.index(of: "a") == nil && table.insertionPoint(of: "a") == 0)
            let unsorted = try table.firstUnsortedIndex()
            #expect(unsorted == nil)
        }
    }
}
