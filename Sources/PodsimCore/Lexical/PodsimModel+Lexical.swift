import PodsimEpisodes

extension PodsimModel {
    /// Episode `row`'s TF-IDF row as (term, weight) pairs in term order: stored (`LexicalRows`),
    /// or, in a model without the LX sections, its indexed text analysed again — the same row,
    /// since the build analyses that text with the same vocabulary and idf.
    func lexicalRow(_ row: Int) -> [(term: Int32, weight: Float)] {
        if let lexical {
            let query = lexical.query(row: row)
            return zip(query.terms, query.weights).map { (term: Int32(bitPattern: $0), weight: $1) }
        }
        let text = Episode.indexedText(title: episodes.title(row), description: episodes.description(row))
        return features.transform(text).sorted { $0.term < $1.term }
    }

    /// Episode `row`'s TF-IDF row as a lexical query; nil when it has no term.
    func lexicalQuery(row: Int) -> LexicalQuery? {
        if let lexical { return lexical.nonEmptyQuery(row: row) }
        return LexicalQuery(lexicalRow(row))
    }
}
