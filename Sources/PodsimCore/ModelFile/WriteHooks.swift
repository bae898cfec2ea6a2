/// Moments of an atomic model write that a caller may act on: the complete temporary file is on
/// disk and about to be renamed over the destination, or the rename (and the directory's fsync)
/// is done. The crash-safety tests stop the writer at these moments to `kill -9` it there.
///
/// Injected as a task-local value around the write (`WriteHooks.$current.withValue(…)`), so the
/// builders need not pass it through every layer; nothing is set in normal use.
public struct WriteHooks: Sendable {
    public var beforeRename: (@Sendable (_ temporaryPath: String) -> Void)?
    public var afterRename: (@Sendable (_ destination: String) -> Void)?

    public init(
        beforeRename: (@Sendable (_ temporaryPath: String) -> Void)? = nil,
        afterRename: (@Sendable (_ destination: String) -> Void)? = nil
    ) {
        self.beforeRename = beforeRename
        self.afterRename = afterRename
    }

    /// The hooks of the current task (or thread), none by default.
    @TaskLocal public static var current = WriteHooks()
}
