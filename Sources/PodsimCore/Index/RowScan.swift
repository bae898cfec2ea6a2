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
/// streams busy at once; on the project's 2-core Xeon this took a 1M × 128 Float scan from
/// 1.4–1.7× to 1.0–1.1× the time of a one-thread 512 MB read, and the int8 scan from 1.3× to
/// 0.3–0.4× (see docs/PERFORMANCE.md). Scores go to a small block buffer first so the kernel loop stays free of
/// heap and filter code; the result is the same whatever order rows are offered in.
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
        let segment = rows.count / streams
        withUnsafeTemporaryAllocation(of: Float.self, capacity: streams * blockRows) { scores in
            var done = 0
            while done < segment {
                let block = min(blockRows, segment - done)
                let first = rows.lowerBound + done
                for offset in 0..<block {
                    for stream in 0..<streams {
                        scores[stream * blockRows + offset] = kernel.score(first + stream * segment + offset)
                    }
                }
                for stream in 0..<streams {
                    for offset in 0..<block {
                        offer(first + stream * segment + offset, scores[stream * blockRows + offset], isAllowed, &sink)
                    }
                }
                done += block
            }
        }
        for row in (rows.lowerBound + streams * segment)..<rows.upperBound {
            offer(row, kernel.score(row), isAllowed, &sink)
        }
    }

    /// Writes the score of every row of `rows` to `scores[row - rows.lowerBound]`, reading the
    /// rows in the same interleaved streams as `scan`.
    static func scoreAll<Kernel: RowScoring>(_ kernel: Kernel, rows: Range<Int>, into scores: UnsafeMutableBufferPointer<Float>) {
        precondition(scores.count == rows.count, "one score per row")
        let segment = rows.count / streams
        for offset in 0..<segment {
            for stream in 0..<streams {
                let row = rows.lowerBound + stream * segment + offset
                scores[row - rows.lowerBound] = kernel.score(row)
            }
        }
        for row in (rows.lowerBound + streams * segment)..<rows.upperBound {
            scores[row - rows.lowerBound] = kernel.score(row)
        }
    }

    /// The admission step of every path (scan and `sgemm` batch): the same threshold, filter and
    /// tie handling everywhere.
    @inline(__always)
    static func offer<Sink: CandidateSink>(_ row: Int, _ score: Float, _ isAllowed: RowFilter?, _ sink: inout Sink) {
        guard !(score < sink.entryThreshold) else { return }
        if let isAllowed, !isAllowed(row) { return }
        sink.offer(row: row, score: score)
    }
}
