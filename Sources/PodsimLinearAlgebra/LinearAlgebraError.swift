/// The one error type of the linear-algebra module. `message` says what went wrong in terms a
/// user can act on (which argument, which shape, which routine and its `info` value); `code` is
/// stable for callers to switch over. New codes can be added without breaking callers (a struct
/// with a `Code`, not an enum — the same pattern as `PodsimError`).
public struct LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// An argument outside its allowed range (k = 0, negative oversampling, …).
        public static let invalidArgument = Code("invalidArgument")
        /// Operand shapes that do not fit together (or a buffer too small for its shape).
        public static let dimensionMismatch = Code("dimensionMismatch")
        /// A matrix with no rows, no columns or only zeros: there is no structure to find.
        public static let emptyMatrix = Code("emptyMatrix")
        /// A NaN or infinite entry, which would silently poison every factorisation.
        public static let nonFiniteValue = Code("nonFiniteValue")
        /// A LAPACK routine returned a non-zero `info`.
        public static let lapackFailure = Code("lapackFailure")
    }

    public var code: Code
    public var message: String
    /// The LAPACK routine that failed (for `.lapackFailure`), e.g. `"dgesdd"`.
    public var routine: String?
    /// The routine's `info` value (for `.lapackFailure`): negative = argument `-info` was
    /// illegal, positive = the routine's own failure (e.g. dgesdd did not converge).
    public var info: Int?

    public init(_ code: Code, _ message: String, routine: String? = nil, info: Int? = nil) {
        self.code = code
        self.message = message
        self.routine = routine
        self.info = info
    }

    public var description: String { message }

    /// The error for a LAPACK routine that returned `info != 0`, explaining what the sign means.
    static func lapack(_ routine: String, info: Int) -> LinearAlgebraError {
        let meaning: String
        if routine == "dgesdd" && info == -4 {
            meaning = "the matrix contains NaN"  // dgesdd's documented use of info = -4
        } else if info < 0 {
            meaning = "argument \(-info) had an illegal value"
        } else {
            meaning = "the routine did not converge or the input is degenerate"
        }
        return LinearAlgebraError(
            .lapackFailure, "LAPACK \(routine) failed with info = \(info): \(meaning)",
            routine: routine, info: info)
    }
}
