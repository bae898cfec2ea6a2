/// The one error type of the catalogue module: a source that could not be read or parsed.
/// `message` names the file and, where it applies, the line or byte offset.
public struct CatalogueError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
