/// The one error type of the core. It carries what a user needs to act on the failure —
/// which file, which line or byte offset, which field — in `message`, and a stable `code`
/// that callers can switch over. New codes can be added without breaking callers
/// (the postgres-nio pattern: a struct with a `Code`, not an enum).
public struct PodsimError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Input text or a catalogue/seed file could not be read or parsed.
        public static let invalidInput = Code("invalidInput")
        /// An episode id (or guest name) that the model does not hold.
        public static let unknownEpisode = Code("unknownEpisode")
        /// An argument outside its allowed range (k, dimensions, …).
        public static let invalidArgument = Code("invalidArgument")
        /// A model file that is missing, truncated, corrupt or of an unsupported version.
        public static let modelFile = Code("modelFile")
        /// A BLAS/LAPACK routine reported failure.
        public static let linearAlgebra = Code("linearAlgebra")
        /// An I/O failure (open, write, fsync, rename) other than a bad model file.
        public static let io = Code("io")
        /// A build that would need more memory than the machine (or `--memory-limit`) allows;
        /// the message says how much it needs.
        public static let insufficientMemory = Code("insufficientMemory")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
