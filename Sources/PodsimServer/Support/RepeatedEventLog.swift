import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Logs events that can come by the thousand — connections refused at the limit, bad frames,
/// wrong AUTH tokens, reads over the buffer budget — without flooding the log.
///
/// The first event of a kind after a quiet spell is logged in full at once and opens a window of
/// `ServerConfiguration.logSummaryInterval`; the events of that kind within the window are only
/// counted, and when it ends one line sums them up ("refused 1400 more connections at the
/// connection limit in the last 10 s"). A flood costs at most two lines per kind per window, and
/// no event goes uncounted: `flush()` (at shutdown) writes the summaries of open windows.
final class RepeatedEventLog: Sendable {
    /// A kind of event and how its summary reads: "<count> <summary> in the last <window>".
    struct Kind: Hashable, Sendable {
        /// E.g. "more connections refused at the connection limit".
        var summary: String
    }

    private let logger: Logger
    private let window: TimeAmount
    /// Events counted, not logged, in each kind's open window.
    private let suppressed = NIOLockedValueBox<[Kind: Int]>([:])

    init(logger: Logger, window: TimeAmount) {
        self.logger = logger
        self.window = window
    }

    /// Records one event of `kind`. When it opens a window, `logInFull` logs it and the window's
    /// end is scheduled on `loop`; otherwise it is only counted.
    func record(_ kind: Kind, on loop: any EventLoop, logInFull: () -> Void) {
        let opens = suppressed.withLockedValue { windows -> Bool in
            if let count = windows[kind] {
                windows[kind] = count + 1
                return false
            }
            windows[kind] = 0
            return true
        }
        guard opens else { return }
        logInFull()
        loop.scheduleTask(in: window) { self.closeWindow(kind) }
    }

    /// Ends `kind`'s window: one summary line when events were counted in it.
    func closeWindow(_ kind: Kind) {
        guard let count = suppressed.withLockedValue({ $0.removeValue(forKey: kind) }), count > 0 else { return }
        logger.notice("\(count) \(kind.summary) in the last \(Self.describe(window))")
    }

    /// Ends every open window now (the server is stopping and their timers may never fire).
    func flush() {
        for kind in suppressed.withLockedValue({ Array($0.keys) }) { closeWindow(kind) }
    }

    /// "10 s", "0.25 s".
    static func describe(_ amount: TimeAmount) -> String {
        let seconds = Double(amount.nanoseconds) / 1e9
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}

extension RepeatedEventLog.Kind {
    static let refusedAtLimit = Self(summary: "more connections refused at the connection limit")
    static let badFrame = Self(summary: "more bad frames answered and their connections closed")
    static let wrongToken = Self(summary: "more AUTH requests with a wrong token")
    static let overBudget = Self(summary: "more connections closed over the budget for buffered request bytes")
}
