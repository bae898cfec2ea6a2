/// One folded word as the scanner found it, before stop words and stemming.
struct RawWord {
    var surface: String
    var kind: Token.Kind
    /// A phrase boundary (sentence end, URL, glue split) lies between this word and the
    /// previous non-compound word, so the two must not form a bigram.
    var breakBefore: Bool
    var sentence: Int
}

/// Splits text into folded words. The rules:
///
/// - A word is a run of letters and digits of any script (plus combining marks). Everything
///   else separates words; hyphens and slashes too (`six-lane` → `six`, `lane`).
/// - An apostrophe (`'`, `’`, `ʼ`) between two word characters stays inside the word. A word
///   that is then a stop word as a whole (`don't`, `it's`) is left whole for the stop list;
///   otherwise a possessive `'s` is dropped (`Trevor's` → `trevor`).
/// - Sentence boundaries are line breaks and `. ! ? ; : …` — except a `.` or `:` between two
///   word characters followed by a non-capital (`Split.io`, `10:30`, `3.5`), which only
///   separates words.
/// - URLs (`http://…`, `https://…`, `www.…` up to the next whitespace) are skipped: they are
///   link boilerplate, not topic words.
/// - Glued text: a word is split before a capital that follows a lowercase letter or digit
///   and is followed by a lowercase letter (`workflowsThe` → `workflows` `The`, `DevOps` →
///   `Dev` `Ops`, `305Played` → `305` `Played`), unless the piece before it is a single
///   letter or digit (`iPhone`, `vCluster`, `3Com`). A capital
///   followed by another capital starts an all-caps run and is not a split (`eBPF`, `GraphQL`,
///   `InfluxDB`). As Elasticsearch's word_delimiter `preserve_original` does, a split word is
///   also emitted whole, after its pieces, as a `.compound` word (`devops`), so mixed-case
///   product names stay findable; the pieces are phrase-separated from each other, because a
///   glued sentence boundary and a product name look the same.
struct WordScanner: Sendable {
    /// Folded stop words; a word equal to one is emitted unsplit so the filter drops it whole.
    let stopwords: Set<String>

    func scan(_ text: String, _ emit: (RawWord) -> Void) {
        let scalars = Array(text.unicodeScalars)
        var state = ScanState()
        var index = 0
        var wordStart = -1
        while index < scalars.count {
            let scalar = scalars[index]
            if ScalarClass.isWord(scalar) {
                if wordStart < 0 { wordStart = index }
                index += 1
                continue
            }
            if ScalarClass.isApostrophe(scalar), wordStart >= 0, index + 1 < scalars.count,
                ScalarClass.isWord(scalars[index + 1])
            {
                index += 1
                continue
            }
            if wordStart >= 0 {
                if startsURL(scalars, word: wordStart..<index) {
                    while index < scalars.count && !ScalarClass.isWhitespace(scalars[index]) { index += 1 }
                    wordStart = -1
                    state.pendingBreak = true
                    continue
                }
                flushWord(scalars[wordStart..<index], into: &state, emit)
                wordStart = -1
            }
            if endsSentence(scalars, at: index) { state.endSentence() }
            index += 1
        }
        if wordStart >= 0 { flushWord(scalars[wordStart..<scalars.count], into: &state, emit) }
    }

    /// True when the word just ended is a URL scheme (`http:` + `//`) or a `www.` host.
    private func startsURL(_ scalars: [Unicode.Scalar], word: Range<Int>) -> Bool {
        let end = word.upperBound
        // Cheap tests first: this runs at every word end.
        guard word.count <= 5, scalars[end] == ":" || scalars[end] == "." else { return false }
        let lowered = TextFolding.fold(scalars[word])
        if scalars[end] == ":", end + 2 < scalars.count, scalars[end + 1] == "/", scalars[end + 2] == "/" {
            return lowered == "http" || lowered == "https" || lowered == "ftp"
        }
        return scalars[end] == "." && lowered == "www"
    }

    private func endsSentence(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let scalar = scalars[index]
        if ScalarClass.isLineBreak(scalar) { return true }
        guard ScalarClass.isSentencePunctuation(scalar) else { return false }
        let inWord =
            (scalar == "." || scalar == ":") && index > 0 && index + 1 < scalars.count && ScalarClass.isWord(scalars[index - 1])
            && ScalarClass.isWord(scalars[index + 1]) && !ScalarClass.isUppercase(scalars[index + 1])
        return !inWord
    }

    private func flushWord(
        _ word: ArraySlice<Unicode.Scalar>, into state: inout ScanState, _ emit: (RawWord) -> Void
    ) {
        let folded = TextFolding.fold(word)
        if stopwords.contains(folded) {
            state.emitWord(folded, kind: .word, emit)
            return
        }
        var kept = word
        if kept.count >= 3, ScalarClass.isApostrophe(kept[kept.endIndex - 2]),
            kept.last == "s" || kept.last == "S"
        {
            kept = kept.dropLast(2)
        }
        let splits = Self.gluePoints(kept)
        guard !splits.isEmpty else {
            state.emitWord(kept.count == word.count ? folded : TextFolding.fold(kept), kind: .word, emit)
            return
        }
        var pieceStart = kept.startIndex
        for split in splits + [kept.endIndex] {
            if pieceStart != kept.startIndex { state.pendingBreak = true }
            state.emitWord(TextFolding.fold(kept[pieceStart..<split]), kind: .part, emit)
            pieceStart = split
        }
        state.emitWord(TextFolding.fold(kept), kind: .compound, emit)
    }

    /// Indices where a glued word splits: lowercase or digit → Capital + lowercase, with at
    /// least two scalars in the piece before the split.
    static func gluePoints(_ word: ArraySlice<Unicode.Scalar>) -> [Int] {
        var points: [Int] = []
        guard word.count >= 4 else { return points }
        var pieceStart = word.startIndex
        for index in (word.startIndex + 1)..<(word.endIndex - 1)
        where (ScalarClass.isLowercase(word[index - 1]) || ScalarClass.isDigit(word[index - 1]))
            && ScalarClass.isUppercase(word[index])
            && ScalarClass.isLowercase(word[index + 1]) && index - pieceStart >= 2
        {
            points.append(index)
            pieceStart = index
        }
        return points
    }
}

/// Scanner bookkeeping: the current sentence and whether a phrase boundary is pending.
private struct ScanState {
    var sentence = 0
    var sentenceHasWords = false
    var pendingBreak = false

    mutating func emitWord(_ surface: String, kind: Token.Kind, _ emit: (RawWord) -> Void) {
        guard !surface.isEmpty else { return }
        emit(RawWord(surface: surface, kind: kind, breakBefore: kind != .compound && pendingBreak, sentence: sentence))
        if kind != .compound { pendingBreak = false }
        sentenceHasWords = true
    }

    /// Sentences are counted only when they hold words, so blank lines do not inflate indices.
    mutating func endSentence() {
        pendingBreak = true
        if sentenceHasWords {
            sentence += 1
            sentenceHasWords = false
        }
    }
}
