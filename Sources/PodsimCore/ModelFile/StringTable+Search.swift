#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sorted string tables: episode ids, terms, guest keys and shows are stored in one order and
/// found by one binary search, which reads entries in place (nothing is decoded).
extension StringTable {
    /// The order of every sorted table in a model file: UTF-8 bytes compared lexicographically,
    /// which is Unicode scalar order — independent of locale and of Swift's `String` comparison.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// -1, 0 or 1 as `a` sorts before, equal to or after `b` in `precedes` order.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        // memcmp compares as unsigned bytes, the order above; a byte loop made the sortedness
        // check of 1M ids at open 35 ms.
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// The index of `string` in this table, which must be sorted by `precedes`; nil when it is
    /// absent (or an entry on the way cannot be read).
    public func index(of string: String) -> Int? {
        var string = string
        return string.withUTF8 { wanted in
            guard let point = insertionPoint(of: UnsafeRawBufferPointer(wanted)), point < count,
                  let found = try? utf8(at: point), Self.compare(found, UnsafeRawBufferPointer(wanted)) == 0
            else { return nil }
            return point
        }
    }

    /// The first index whose entry does not sort before `string`: where it is, or would be
    /// inserted. Nil when an entry on the way cannot be read.
    public func insertionPoint(of string: String) -> Int? {
        var string = string
        return string.withUTF8 { insertionPoint(of: UnsafeRawBufferPointer($0)) }
    }

    private func insertionPoint(of wanted: UnsafeRawBufferPointer) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            guard let candidate = try? utf8(at: mid) else { return nil }
            if Self.compare(candidate, wanted) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The first index whose entry does not sort strictly after the one before it (a duplicate
    /// or a step back), or nil when the whole table is strictly sorted. Checked once when a model
    /// opens, on raw bytes.
    func firstUnsortedIndex() throws -> Int? {
        guard count > 1 else { return nil }
        var previous = try utf8(at: 0)
        for index in 1..<count {
            let entry = try utf8(at: index)
            if Self.compare(previous, entry) >= 0 { return index }
            previous = entry
        }
        return nil
    }
}
