import CPodsimKernels

/// Which rows may appear in an answer (the episode asked about, same-show and date filters).
/// Scans call it only for rows whose score could enter the answer — a few hundred of a million —
/// and may call it from several threads at once, so it must be a pure function of the row.
public typealias RowFilter = @Sendable (Int) -> Bool

/// Where a scan puts the rows it scores: the exact `TopKSelector`, or a `RescoringPool` that
/// keeps approximate candidates for exact rescoring.
protocol CandidateSink {
    /// A row scoring below this cannot enter, so the scan skips it (and its filter call).
    var entryThreshold: Float { get }
    mutating func offer(row: Int, score: Float)
}

extension TopKSelector: CandidateSink {
    var entryThreshold: Float { threshold }
    mutating func offer(row: Int, score: Float) { insert(row: row, score: score) }
}

/// The scan loop shared by every path that scores rows one by one.
///
/// Why streams: one sequential stream of rows leaves the core waiting on memory — the kernel's
/// instructions fill the reorder buffer before enough cache-line misses are in flight. Reading
/// `streams` far-apart segments of the row range in lockstep keeps that many hardware-prefetched
/// streams busy at once (measured on a memory-bound machine: docs/PERFORMANCE.md). Scores go to a small block buffer first so the kernel loop stays free of
/// heap and filter code, and the kernel scores neighbouring rows of a block together; the result
/// is the same whatever order rows are offered in.
public enum RowScan {
    /// Segments of the row range read in lockstep. Default 8 (measured: 4 and 16 were no better).
    public static let streams = 8
    /// Rows per segment scored before they are offered to the sink. Default 32 (8 × 32 scores:
    /// 1 KB, in L1).
    static let blockRows = 32

    /// Scores every row of `rows` with `kernel` and offers those that pass the sink's threshold
    /// and `isAllowed` to `sink`.
    static func scan<Kernel: RowScoring, Sink: CandidateSink>(
        _ kernel: Kernel, rows: Range<Int>, where isAllowed: RowFilter?, into sink: inout Sink
    ) {
        scoreBlocks(kernel, rows: rows) { list, scores in
            for i in list.indices { offer(list[i], scores[i], isAllowed, &sink) }
        }
    }

    /// Writes the score of every row of `rows` to `scores[row - rows.lowerBound]`, reading the
    /// rows in the same interleaved streams as `scan`.
    static func scoreAll<Kernel: RowScoring>(_ kernel: Kernel, rows: Range<Int>, into scores: UnsafeMutableBufferPointer<Float>) {
        precondition(scores.count == rows.count, "one score per row")
        scoreBlocks(kernel, rows: rows) { list, blockScores in
            for i in list.indices { scores[list[i] - rows.lowerBound] = blockScores[i] }
        }
    }

    /// Scores `rows` a block at a time — `blockRows` rows from each of the `streams` segments,
    /// listed offset by offset so that neighbouring rows of the list (which the kernel scores
    /// together) come from different streams — and hands each block's rows and scores to `visit`.
    /// The last `rows.count % streams` rows come in a block of their own.
    private static func scoreBlocks<Kernel: RowScoring>(
        _ kernel: Kernel, rows: Range<Int>, _ visit: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Float>) -> Void
    ) {
        let segment = rows.count / streams
        withUnsafeTemporaryAllocation(of: Int.self, capacity: streams * blockRows) { list in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: streams * blockRows) { scores in
                func score(_ count: Int) {
                    kernel.score(rows: list.baseAddress!, count: count, into: scores.baseAddress!)
                    visit(UnsafeBufferPointer(rebasing: list[..<count]), UnsafeBufferPointer(rebasing: scores[..<count]))
                }
                var done = 0
                while done < segment {
                    let block = min(blockRows, segment - done)
                    let first = rows.lowerBound + done
                    for offset in 0..<block {
                        for stream in 0..<streams { list[offset * streams + stream] = first + stream * segment + offset }
                    }
                    score(block * streams)
                    done += block
                }
                let rest = (rows.lowerBound + streams * segment)..<rows.upperBound
                for row in rest { list[row - rest.lowerBound] = row }
                if !rest.isEmpty { score(rest.count) }
            }
        }
    }

    /// Offers row `firstRow + i` with `scores[i]`, for i < count, where the score may enter: the
    /// many below the sink's threshold are skipped 16 at a time (`podsim_first_at_least`), the
    /// rest go through `offer`. For a batch's contiguous runs of scores, mostly below threshold.
    static func offerPassing<Sink: CandidateSink>(
        _ scores: UnsafePointer<Float>, count: Int, firstRow: Int, _ isAllowed: RowFilter?, _ sink: inout Sink
    ) {
        var i = podsim_first_at_least(scores, count, sink.entryThreshold)
        while i < count {
            offer(firstRow + i, scores[i], isAllowed, &sink)
            i += 1
            i += podsim_first_at_least(scores + i, count - i, sink.entryThreshold)
        }
    }

    /// The admission step of every path (scan and batch): the same threshold, filter and
    /// tie handling everywhere.
    @inline(__always)
    static func offer<Sink: CandidateSink>(_ row: Int, _ score: Float, _ isAllowed: RowFilter?, _ sink: inout Sink) {
        guard !(score < sink.entryThreshold) else { return }
        if let isAllowed, !isAllowed(row) { return }
        sink.offer(row: row, score: score)
    }
}
