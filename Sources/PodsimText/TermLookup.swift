import Foundation

/// Folded word → term (filtered, then stemmed), with a cache because a corpus repeats a few
/// thousand words millions of times and stemming is the costly step. Not thread-safe: it owns
/// a libstemmer object; `TermLookupPool` hands each thread its own.
final class TermLookup {
    /// Cached words before the cache is emptied, in entries (≈ 100 bytes each); default 200,000.
    static let cacheCapacity = 200_000

    private let filter: TermFilter
    private let stemmer: SnowballStemmer?
    /// Word → term, with "" for a dropped word (a real term is never empty).
    private var cache: [String: String] = [:]

    init(filter: TermFilter, stemmer: SnowballStemmer?) {
        self.filter = filter
        self.stemmer = stemmer
    }

    /// The term for a folded word, or nil when the filter drops it.
    func term(for word: String) -> String? {
        if let cached = cache[word] { return cached.isEmpty ? nil : cached }
        let term = filter.keeps(word) ? (stemmer?.stem(word) ?? word) : ""
        if cache.count >= Self.cacheCapacity { cache.removeAll(keepingCapacity: true) }
        cache[word] = term
        return term.isEmpty ? nil : term
    }
}

/// A lock-guarded stack of idle `TermLookup`s: a caller takes one for a whole document (one lock
/// round-trip per document, none per word) and returns it, so concurrent callers never share a
/// stemmer and each warm cache keeps serving.
final class TermLookupPool: @unchecked Sendable {
    /// Idle lookups kept for reuse; extra ones are freed. Default 16 (well above the core count).
    static let maximumIdle = 16

    private let lock = NSLock()
    private var idle: [TermLookup] = []
    private let filter: TermFilter
    private let language: String?

    /// - Parameter language: Snowball algorithm, or nil for no stemming; must already be known
    ///   to libstemmer (checked by `Analyzer.init`).
    init(filter: TermFilter, language: String?) {
        self.filter = filter
        self.language = language
    }

    func withLookup<Result>(_ body: (TermLookup) throws -> Result) rethrows -> Result {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        let lookup = reused ?? TermLookup(filter: filter, stemmer: language.map(Self.makeStemmer))
        defer {
            lock.lock()
            if idle.count < Self.maximumIdle { idle.append(lookup) }
            lock.unlock()
        }
        return try body(lookup)
    }

    /// Stemming silently switching off would analyse queries unlike the corpus, so a stemmer
    /// that cannot be made (only possible when out of memory: the name was checked) is fatal.
    private static func makeStemmer(_ language: String) -> SnowballStemmer {
        guard let stemmer = SnowballStemmer(language: language) else {
            preconditionFailure("libstemmer could not create a '\(language)' stemmer (out of memory)")
        }
        return stemmer
    }
}
