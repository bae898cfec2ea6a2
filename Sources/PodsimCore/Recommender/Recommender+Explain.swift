import PodsimEpisodes
extension Recommender {
    /// The terms episodes `a` and `b` share that contribute most to their similarity.
    ///
    /// Both episodes' text is analysed again with the model's analyzer and vocabulary (so the
    /// file need not store a TF-IDF matrix); each shared term t contributes `w_a(t)·w_b(t)` to
    /// their TF-IDF cosine. The latent cosine — what `similar` ranks by — is reported alongside:
    /// it can be high with few shared terms when the episodes use related words. Character grams
    /// count in the term cosine but are not listed (`#<post` reads as nothing).
    public func explain(_ a: String, _ b: String, k: Int = 10) throws -> Explanation {
        let k = try Self.checked(k: k, available: model.info.terms)
        let rowA = try row(of: a)
        let rowB = try row(of: b)
        let weightsA = model.features.transform(indexedText(rowA))
        let weightsB = Dictionary(uniqueKeysWithValues: model.features.transform(indexedText(rowB)).map { ($0.term, $0.weight) })
        var shared: [(term: Int32, contribution: Float)] = []
        for (term, weight) in weightsA {
            if let other = weightsB[term] { shared.append((term, weight * other)) }
        }
        let termCosine = shared.reduce(Float(0)) { $0 + $1.contribution }
        shared.sort { $0.contribution > $1.contribution || ($0.contribution == $1.contribution && $0.term < $1.term) }
        return Explanation(
            latentCosine: model.index.score(rowA, rowB), termCosine: termCosine,
            terms: shared.lazy.filter { !self.model.features.isCharacterGram(Int($0.term)) }.prefix(k).map {
                SharedTerm(term: model.features.displayForm(Int($0.term)), contribution: $0.contribution)
            })
    }

    /// The `termsPerDimension` terms with the largest weight in each latent dimension: what each
    /// axis of the space is "about". Dimension 0 has the largest singular value.
    public func topics(termsPerDimension: Int = 8) -> [Topic] {
        let d = model.dimensions
        let termCount = model.features.termCount
        return (0..<d).map { dimension in
            var selector = TopKSelector(k: min(termsPerDimension, termCount))
            model.projection.withUnsafeBufferPointer { v in
                for term in 0..<termCount where !model.features.isCharacterGram(term) {
                    selector.insert(row: term, score: v[term * d + dimension])
                }
            }
            return Topic(
                dimension: dimension, singularValue: model.info.singularValues[dimension],
                terms: selector.sorted().map { model.features.displayForm($0.row) })
        }
    }

    /// The text an episode was indexed from (the same as at build time).
    func indexedText(_ row: Int) -> String {
        Episode.indexedText(title: model.episodes.title(row), description: model.episodes.description(row))
    }
}
