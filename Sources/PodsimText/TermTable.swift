/// Terms as integer ids while counting a corpus: a unigram is named by its stem's id, a bigram
/// by its two stem ids. Bigram text is only built on demand (`text(ofTerm:)`), because most
/// bigrams occur once and are pruned, and building their strings per occurrence would dominate
/// fitting time and memory.
struct TermTable: Sendable {
    private(set) var stems: [String] = []
    private var stemIndex: [String: Int32] = [:]
    /// Stem id → its unigram term id, or -1 before the stem has been counted as a unigram.
    private var stemTerm: [Int32] = []
    /// (first stem << 32 | second stem) → bigram term id.
    private var bigramIndex: [UInt64: Int32] = [:]
    /// Term id → (first stem, second stem); the second is -1 for a unigram.
    private(set) var termFirst: [Int32] = []
    private(set) var termSecond: [Int32] = []
    /// Term id → documents it occurs in.
    var documentFrequency: [Int32] = []

    var termCount: Int { termFirst.count }

    mutating func internStem(_ stem: String) -> Int32 {
        if let id = stemIndex[stem] { return id }
        let id = Int32(stems.count)
        stems.append(stem)
        stemIndex[stem] = id
        stemTerm.append(-1)
        return id
    }

    mutating func unigram(_ stem: Int32) -> Int32 {
        if stemTerm[Int(stem)] < 0 { stemTerm[Int(stem)] = newTerm(first: stem, second: -1) }
        return stemTerm[Int(stem)]
    }

    mutating func bigram(_ first: Int32, _ second: Int32) -> Int32 {
        let key = UInt64(UInt32(first)) << 32 | UInt64(UInt32(second))
        if let term = bigramIndex[key] { return term }
        let term = newTerm(first: first, second: second)
        bigramIndex[key] = term
        return term
    }

    /// The text of a term: its stem, or the two stems joined by a space.
    func text(ofTerm term: Int) -> String {
        let first = stems[Int(termFirst[term])]
        let second = termSecond[term]
        return second < 0 ? first : first + " " + stems[Int(second)]
    }

    private mutating func newTerm(first: Int32, second: Int32) -> Int32 {
        termFirst.append(first)
        termSecond.append(second)
        documentFrequency.append(0)
        return Int32(termFirst.count - 1)
    }
}
