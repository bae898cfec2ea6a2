/// Invariant checks for fuzz targets.
///
/// A broken invariant must stop the process so that libFuzzer saves the input under
/// `crash-<sha1>`: `fatalError` traps (SIGILL), which libFuzzer reports as a deadly signal, and
/// prints `message` first so the report says which property failed and on what values.
public enum FuzzCheck {
    /// Stops the process with `message` unless `condition` holds.
    public static func require(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        if !condition() {
            fatalError("fuzz invariant broken: \(message())", file: file, line: line)
        }
    }

    /// Stops the process: this place must be unreachable for any input.
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        fatalError("fuzz invariant broken: \(message)", file: file, line: line)
    }
}
