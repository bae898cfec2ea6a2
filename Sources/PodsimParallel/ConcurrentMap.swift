import Dispatch

/// Runs `count` independent jobs on all cores and returns their results in job order. Shared by
/// the analysis (PodsimText) and the catalogue loader (PodsimCatalogue), which depend on nothing
/// else in common.
///
/// Each job writes only its own slot of a preallocated buffer, so no two threads touch the same
/// memory; that is why the `@unchecked Sendable` box below is sound.
public func concurrentMap<Output>(_ count: Int, _ job: @Sendable (Int) -> Output) -> [Output] {
    let slots = ResultSlots<Output>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        slots.store(job(index), at: index)
    }
    return slots.take()
}

private final class ResultSlots<Output>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Output?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<Output?>.allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    func store(_ result: Output, at index: Int) { base[index] = result }

    /// The results in order; called once, after every job has finished.
    func take() -> [Output] {
        (0..<count).map { base[$0]! }
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
