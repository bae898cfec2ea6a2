import Foundation

/// Writes a line to standard error (progress, notes) so standard output stays parseable.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
