import Logging
import NIOConcurrencyHelpers

/// Reloads the model when its source changes under the running server — a `mv` of a new model
/// onto the path, a `cp` or `truncate` over the file in place — once the changed file loads.
///
/// Every `ServerConfiguration.modelCheckInterval` the server calls `check()` on its admin thread
/// (so it never runs beside a RELOAD, SIGHUP or ADD). A check compares the source's
/// `currentVersion()` (for a file: one `stat`) with the serving snapshot's `sourceVersion`; on a
/// difference it loads the source. A load that fails — a copy still being written, a truncated
/// or corrupt file — leaves the old model serving, from memory the file cannot take away
/// (`FileImage`), and is logged once; that version is not tried again, the next change is.
/// docs/MODEL-FILE-CHANGES.md tells the whole story.
final class ModelWatcher: Sendable {
    /// What the checks have done so far (tests wait on these).
    struct Counts: Sendable, Equatable {
        /// Checks completed.
        var checks = 0
        /// Changes that loaded and now serve.
        var reloads = 0
        /// Changed versions that did not load.
        var rejections = 0
    }

    private struct State {
        var counts = Counts()
        /// The version whose load failed last; not retried until the source changes again.
        var rejectedVersion: String?
    }

    private let models: ModelStore
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    init(models: ModelStore, logger: Logger) {
        self.models = models
        self.logger = logger
    }

    var counts: Counts { state.withLockedValue { $0.counts } }

    /// Looks at the source once and reloads when it changed. Blocking: call on the admin thread.
    func check() {
        defer { state.withLockedValue { $0.counts.checks += 1 } }
        let serving = models.current
        guard let now = models.source.currentVersion(), now != serving.sourceVersion,
              now != state.withLockedValue({ $0.rejectedVersion })
        else { return }
        do {
            let model = try models.reload()
            state.withLockedValue {
                $0.counts.reloads += 1
                $0.rejectedVersion = nil
            }
            logger.notice("the model file changed; reloaded", metadata: [
                "model_id": "\(model.modelID)", "previous_model_id": "\(serving.modelID)",
                "episodes": "\(model.summary.episodes)",
            ])
        } catch {
            state.withLockedValue {
                $0.counts.rejections += 1
                $0.rejectedVersion = now
            }
            logger.warning(
                "the model file changed but does not load (yet); the old model keeps serving and the file is read again when it changes",
                metadata: ["model_id": "\(serving.modelID)", "error": "\(ErrorText.describe(error))"])
        }
    }
}
