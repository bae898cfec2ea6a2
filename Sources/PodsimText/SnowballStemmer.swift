import CStemmer

/// One libstemmer stemmer. A libstemmer object keeps its output in an internal buffer, so it
/// is not thread-safe: an instance is used by one thread at a time (see `TermLookupPool`).
final class SnowballStemmer {
    private let handle: OpaquePointer

    /// Nil when libstemmer has no algorithm of that name (for UTF-8 input).
    init?(language: String) {
        guard let handle = sb_stemmer_new(language, "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit { sb_stemmer_delete(handle) }

    /// The Snowball stem of a lowercase word; the word itself if libstemmer runs out of memory
    /// or returns nothing (a term is never empty).
    func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count <= Int(Int32.max),
                let output = sb_stemmer_stem(handle, base, Int32(bytes.count))
            else { return String(decoding: bytes, as: UTF8.self) }
            let length = Int(sb_stemmer_length(handle))
            guard length > 0 else { return String(decoding: bytes, as: UTF8.self) }
            return String(decoding: UnsafeBufferPointer(start: output, count: length), as: UTF8.self)
        }
    }

    /// Algorithm names this libstemmer offers, for error messages.
    static var availableLanguages: [String] {
        var names: [String] = []
        guard var cursor = sb_stemmer_list() else { return names }
        while let name = cursor.pointee {
            names.append(String(cString: name))
            cursor += 1
        }
        return names
    }
}
