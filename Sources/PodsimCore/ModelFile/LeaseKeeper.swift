import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one thread that answers the kernel when a writer wants a file whose lease a
/// `LeasedFileMapping` holds: it copies that mapping out of the file (`detach()`) so the writer
/// can go on.
///
/// The kernel tells a lease holder with SIGIO. The handler only writes a byte to a pipe; this
/// thread wakes on it and asks every mapping whether its lease is being broken. It also looks
/// once a second without a signal, in case the signal went to no thread (every thread blocking
/// it): a writer then waits at most that long plus the copy. SIGIO's default action ends the
/// process, so the handler is installed before any lease is taken, and leases are not used at
/// all when something else in the process already handles SIGIO.
final class LeaseKeeper: @unchecked Sendable {
    // @unchecked: `lock` guards `mappings`; the pipe's descriptors never change after init.

    static let shared = LeaseKeeper()

    /// Seconds between looks at the leases when no signal came.
    static let pollMilliseconds: Int32 = 1_000

    /// False when the keeper could not start (SIGIO taken, no pipe): leases are then not used.
    let isRunning: Bool
    private let lock = NSLock()
    private var mappings: [ObjectIdentifier: LeasedFileMapping] = [:]
    private let readEnd: Int32

    private init() {
        var previous = sigaction()
        var fds: [Int32] = [-1, -1]
        guard sigaction(SIGIO, nil, &previous) == 0,
              Self.isDefaultOrIgnored(previous),
              pipe(&fds) == 0
        else {
            isRunning = false
            readEnd = -1
            return
        }
        for end in fds {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        readEnd = fds[0]
        leaseSignalPipe = fds[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let saved = errno
            var byte: UInt8 = 1
            _ = write(leaseSignalPipe, &byte, 1)
            errno = saved
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        guard sigaction(SIGIO, &action, nil) == 0 else {
            isRunning = false
            return
        }
        isRunning = true
        let thread = Thread { [self] in run() }
        thread.name = "podsim-lease-keeper"
        thread.start()
    }

    private static func isDefaultOrIgnored(_ action: sigaction) -> Bool {
        let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        return handler == unsafeBitCast(SIG_DFL, to: Int.self) || handler == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    func register(_ mapping: LeasedFileMapping) {
        lock.withLock { mappings[ObjectIdentifier(mapping)] = mapping }
    }

    func unregister(_ mapping: LeasedFileMapping) {
        lock.withLock { mappings[ObjectIdentifier(mapping)] = nil }
    }

    private func run() {
        // Let the signal reach this thread even if the thread that started it blocks SIGIO.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGIO)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        var waiting = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        var drain = [UInt8](repeating: 0, count: 64)
        while true {
            _ = poll(&waiting, 1, Self.pollMilliseconds)
            while read(readEnd, &drain, drain.count) > 0 {}
            let current = lock.withLock { Array(mappings.values) }
            for mapping in current where mapping.isLeaseBreaking {
                mapping.detach()
                unregister(mapping)
            }
        }
    }
}

/// The write end of the keeper's pipe, for the signal handler (which can capture nothing).
nonisolated(unsafe) private var leaseSignalPipe: Int32 = -1
