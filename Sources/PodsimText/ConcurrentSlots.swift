import Dispatch

/// Runs `count` independent jobs on all cores and returns their results in job order.
///
/// Each job writes only its own slot of a preallocated buffer, so no two threads touch the same
/// memory; that is why the `@unchecked Sendable` box below is sound.
func concurrentMap<Result>(_ count: Int, _ job: @Sendable (Int) -> Result) -> [Result] {
    let slots = ResultSlots<Result>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        slots.store(job(index), at: index)
    }
    return slots.take()
}

private final class ResultSlots<Result>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Result?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<Result?>.allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    func store(_ result: Result, at index: Int) { base[index] = result }

    /// The results in order; called once, after every job has finished.
    func take() -> [Result] {
        (0..<count).map { base[$0]! }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
