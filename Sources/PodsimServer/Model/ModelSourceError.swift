import Foundation
import PodsimCore

/// A model source's failure told twice: in full for the operator's log (`description`, which may
/// name the server's files) and without the server's paths for a client (`clientMessage`, the
/// text of status 9 or 1): a client may learn that the model file is truncated, not where the
/// server keeps it.
public struct ModelSourceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, on one line, paths included: for the log.
    public let description: String
    /// The same with the model file's path replaced by "the model file" and its directory
    /// removed (so a temporary file next to it shows only its name).
    public let clientMessage: String
    /// The error the source caught.
    public let underlying: any Error
    /// Whether the request was at fault (an ADD payload that does not decode), not the server.
    public let isClientFault: Bool

    /// `isClientFault` nil: decided from the error (a `PodsimError` of invalid input or argument).
    public init(_ error: any Error, modelPath: String, isClientFault: Bool? = nil) {
        underlying = error
        let code = (error as? PodsimError)?.code
        self.isClientFault = isClientFault ?? (code == .invalidInput || code == .invalidArgument)
        description = ErrorText.describe(error)
        clientMessage = Self.redact(description, modelPath: modelPath)
    }

    /// `text` with the model file's path (absolute, and as given if not a bare name) replaced, then its directory
    /// (absolute, so a relative path's working directory too) removed wherever it prefixes a name.
    static func redact(_ text: String, modelPath: String) -> String {
        let absolute = URL(fileURLWithPath: modelPath).standardizedFileURL
        var result = text
        // Longest first, so the absolute spelling is not left half-replaced by the relative one;
        // a bare file name is no path (and would also match inside a temporary file's name).
        for path in [absolute.path, modelPath].sorted(by: { $0.count > $1.count }) where path.contains("/") {
            result = result.replacingOccurrences(of: path, with: "the model file")
        }
        let directory = absolute.deletingLastPathComponent().path
        if directory != "/" {
            result = result.replacingOccurrences(of: directory + "/", with: "")
        }
        return result
    }
}
