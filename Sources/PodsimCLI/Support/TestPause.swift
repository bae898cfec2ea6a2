import ArgumentParser
import PodsimCore

/// Where the crash-safety tests stop a model write (`build`, `add`, `delete`) to kill it: the
/// hidden `--test-pause-at` option, not for users.
enum TestPause: String, ExpressibleByArgument {
    case beforeRename = "before-rename", afterRename = "after-rename"

    /// With a moment, the writer says on standard error that it reached it, then waits for
    /// standard input to close: a test kills it there, at a known point, without guessing a
    /// delay. Without one, no hooks.
    static func hooks(_ moment: TestPause?) -> WriteHooks {
        guard let moment else { return WriteHooks() }
        let pause: @Sendable (String) -> Void = { path in
            printError("podsim: paused \(moment.rawValue) (\(path))")
            while readLine() != nil {}
        }
        return moment == .beforeRename ? WriteHooks(beforeRename: pause) : WriteHooks(afterRename: pause)
    }
}
