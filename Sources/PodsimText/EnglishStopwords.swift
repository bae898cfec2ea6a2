/// The built-in English stop words: the Snowball English stop word list, plus contractions the
/// Snowball list leaves out (`could've`, `it'll`, `y'all`, …) and apostrophe-less negations as
/// people type them (`dont`, `isnt`). Words are stored folded: lowercase, straight apostrophe.
///
/// The Snowball list is used under its BSD licence:
///
///   Copyright (c) 2001, Dr Martin Porter
///   Copyright (c) 2002, Richard Boulton
///   All rights reserved.
///
///   Redistribution and use in source and binary forms, with or without modification, are
///   permitted provided that the following conditions are met:
///   1. Redistributions of source code must retain the above copyright notice, this list of
///      conditions and the following disclaimer.
///   2. Redistributions in binary form must reproduce the above copyright notice, this list of
///      conditions and the following disclaimer in the documentation and/or other materials
///      provided with the distribution.
///   3. Neither the name of the copyright holder nor the names of its contributors may be used
///      to endorse or promote products derived from this software without specific prior
///      written permission.
///
///   THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS
///   OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
///   MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE
///   COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
///   EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
///   SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
///   HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR
///   TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
///   SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
public enum EnglishStopwords {
    /// Snowball's English list (snowballstem.org, algorithms/english/stop.txt), in its order.
    public static let snowball: [String] = [
        // pronouns
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
        "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
        "it", "its", "itself", "they", "them", "their", "theirs", "themselves",
        "what", "which", "who", "whom", "this", "that", "these", "those",
        // verb forms
        "am", "is", "are", "was", "were", "be", "been", "being",
        "have", "has", "had", "having", "do", "does", "did", "doing",
        "would", "should", "could", "ought",
        // compound forms
        "i'm", "you're", "he's", "she's", "it's", "we're", "they're", "i've", "you've", "we've",
        "they've", "i'd", "you'd", "he'd", "she'd", "we'd", "they'd", "i'll", "you'll", "he'll",
        "she'll", "we'll", "they'll",
        "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't",
        "didn't", "won't", "wouldn't", "shan't", "shouldn't", "can't", "cannot", "couldn't",
        "mustn't",
        "let's", "that's", "who's", "what's", "here's", "there's", "when's", "where's", "why's",
        "how's",
        // articles and the rest
        "a", "an", "the",
        "and", "but", "if", "or", "because", "as", "until", "while",
        "of", "at", "by", "for", "with", "about", "against", "between", "into", "through",
        "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out",
        "on", "off", "over", "under",
        "again", "further", "then", "once",
        "here", "there", "when", "where", "why", "how",
        "all", "any", "both", "each", "few", "more", "most", "other", "some", "such",
        "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very",
    ]

    /// Contractions missing from the Snowball list, and negations typed without the apostrophe.
    public static let contractions: [String] = [
        "ain't", "could've", "should've", "would've", "might've", "must've",
        "daren't", "needn't", "oughtn't", "mightn't",
        "it'll", "it'd", "that'll", "that'd", "there'll", "there'd", "there're",
        "who'll", "who'd", "who've", "who're", "what'll", "what'd", "what're", "what've",
        "where'd", "how'd", "why'd", "y'all",
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "hasnt", "havent",
        "hadnt", "wouldnt", "shouldnt", "couldnt", "cant", "mustnt", "thats", "youre",
        "theyre", "ive", "youve", "weve", "theyve",
    ]

    /// Both lists as one set.
    public static let all: Set<String> = Set(snowball).union(contractions)
}
