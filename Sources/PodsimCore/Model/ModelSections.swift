/// The sections of a podsim model file (`docs/MODEL-FORMAT.md` describes each). Arrays are indexed
/// by *row*: episodes are stored in ascending order of their id's UTF-8 bytes, so row order is id
/// order and "ties broken by id" is "ties broken by row".
enum ModelSections {
    /// JSON `ModelInfo`: model id, build parameters, analyzer configuration, singular values, shows.
    static let info: SectionTag = "META"

    // Features (PodsimText): the vocabulary, sorted; its idf, document frequencies and display forms.
    static let terms: SectionTag = "TERM"
    static let idf: SectionTag = "TIDF"
    static let documentFrequency: SectionTag = "TDFQ"
    static let displayForms: SectionTag = "TDSP"

    /// Term → latent projection V: `terms × dimensions` Float, row-major (term t at `t * dimensions`).
    static let projection: SectionTag = "PROJ"
    /// Episode vectors: `episodes × dimensions` Float, row-major, each L2-normalised.
    static let vectors: SectionTag = "VECS"

    // Episode metadata, one entry per row.
    static let episodeIDs: SectionTag = "EPID"
    static let episodeTitles: SectionTag = "EPTI"
    static let episodePublished: SectionTag = "EPPB"
    static let episodeDescriptions: SectionTag = "EPDS"
    static let episodeShows: SectionTag = "EPSH"
    static let episodeNumbers: SectionTag = "EPNO"
    static let episodeDurations: SectionTag = "EPDU"
    /// Episode → guests, CSR: `EPGO` has rows + 1 offsets into `EPGI` (guest indices).
    static let episodeGuestOffsets: SectionTag = "EPGO"
    static let episodeGuests: SectionTag = "EPGI"

    /// Show names, indexed by `EPSH`.
    static let shows: SectionTag = "SHOW"

    // Guests, sorted by normalised name key.
    static let guestNames: SectionTag = "GSTN"
    static let guestKeys: SectionTag = "GSTK"
    /// Guest → episodes, CSR: `GSEO` has guests + 1 offsets into `GSER` (episode rows).
    static let guestEpisodeOffsets: SectionTag = "GSEO"
    static let guestEpisodes: SectionTag = "GSER"

    /// Every episode's TF-IDF row, CSR (`LexicalRows`): `LXOF` has rows + 1 offsets (u64) into
    /// `LXTM` (term ids, u32, increasing within a row) and `LXWT` (weights, f32, unit-length rows).
    static let lexicalOffsets: SectionTag = "LXOF"
    static let lexicalTerms: SectionTag = "LXTM"
    static let lexicalWeights: SectionTag = "LXWT"
}
