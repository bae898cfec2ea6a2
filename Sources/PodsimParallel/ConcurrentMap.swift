import Dispatch
import Foundation

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

/// `transform` of every element, in order, a chunk of elements per job (four chunks per core, so
/// uneven chunks even out): for passes over many cheap elements, where a job each would cost more
/// than the work.
public func concurrentMap<Element: Sendable, Output>(
    chunksOf elements: [Element], _ transform: @Sendable (Element) -> Output
) -> [Output] {
    let chunks = min(elements.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
    guard chunks > 1 else { return elements.map(transform) }
    let parts = concurrentMap(chunks) { chunk in
        elements[chunk * elements.count / chunks..<(chunk + 1) * elements.count / chunks].map(transform)
    }
    return Array(parts.joined())
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
