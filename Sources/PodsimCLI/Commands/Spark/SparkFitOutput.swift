import Foundation
import PodsimCore
import PodsimLinearAlgebra
import PodsimText

/// What the Spark job wrote (see `spark/podsim_fit.py`), read back and checked into a
/// `FittedModel`: vocabulary, idf, projection, vectors and `fit.json`.
struct SparkFitOutput {
    /// `fit.json`.
    struct Summary: Decodable {
        var documents: Int
        var terms: Int
        var nonZeros: Int
        var singularValues: [Double]
        var squaredFrobeniusNorm: Double
        var sparkVersion: String
        var master: String
        var started: String
        var finished: String
        var svd: String
    }

    let directory: URL

    func read(analyzer: AnalyzerConfiguration, episodes: Int, requestedDimensions: Int) throws -> FittedModel {
        let summary: Summary
        do {
            summary = try JSONDecoder().decode(Summary.self, from: Data(contentsOf: file("fit.json")))
        } catch {
            throw SparkFailure(stage: "assemble", "fit.json is unreadable: \(error)")
        }
        guard summary.documents == episodes else {
            throw SparkFailure(stage: "assemble", "Spark fitted \(summary.documents) episodes, podsim staged \(episodes)")
        }
        var terms: [String] = []
        var frequencies: [Int32] = []
        var display: [String] = []
        let vocabulary = try String(contentsOf: file("vocabulary.jsonl"), encoding: .utf8)
        for (number, line) in vocabulary.split(separator: "\n").enumerated() {
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], entry.count == 3,
                  let term = entry[0] as? String, let df = entry[1] as? Int, let shown = entry[2] as? String else {
                throw SparkFailure(stage: "assemble", "vocabulary.jsonl line \(number + 1) is not [term, df, display form]")
            }
            terms.append(term)
            frequencies.append(Int32(df))
            display.append(shown)
        }
        let k = summary.singularValues.count
        let idf = try floats("idf.f32", count: terms.count)
        // The idf is podsim's formula of n and df, bit for bit: a Spark job that computed it
        // otherwise would weigh queries unlike the corpus.
        for (index, df) in frequencies.enumerated() {
            let expected = TFIDFWeighting.inverseDocumentFrequency(documentFrequency: Int(df), documentCount: episodes)
            guard idf[index] == expected else {
                throw SparkFailure(stage: "assemble", "Spark's idf of '\(terms[index])' is \(idf[index]), podsim's formula gives \(expected)")
            }
        }
        let features: TFIDFModel
        do {
            features = try TFIDFModel(
                configuration: analyzer, terms: terms, idf: idf, documentFrequency: frequencies, displayForms: display,
                documentCount: episodes)
        } catch let error as TextError {
            throw SparkFailure(stage: "assemble", error.message)
        }
        let variance = summary.singularValues.reduce(0) { $0 + $1 * $1 } / summary.squaredFrobeniusNorm
        var note: String?
        if k < requestedDimensions {
            note = "requested \(requestedDimensions) dimensions but the \(episodes)×\(terms.count) matrix has rank \(k); using \(k)"
        }
        return FittedModel(
            features: features, singularValues: summary.singularValues, explainedVarianceRatio: min(1, variance),
            dimensionNote: note, projection: try floats("projection.f32", count: terms.count * k),
            vectors: try floats("vectors.f32", count: episodes * k),
            provenance: FitProvenance(
                engine: "spark", version: summary.sparkVersion, master: summary.master, started: summary.started,
                finished: summary.finished, svd: summary.svd))
    }

    /// The TF-IDF rows the job streamed beside the vectors (`lexical-*`), for the model's lexical
    /// sections, so a Spark-built model ranks with `ScoreFusion` like a local one. Checked
    /// before use: offsets from 0 to the non-zeros, non-decreasing, term ids strictly increasing
    /// within a row and below `terms`, weights finite.
    func lexicalRows(episodes: Int, terms: Int) throws -> SparseMatrix {
        let offsetData = try bytes("lexical-offsets.u64")
        guard offsetData.count == (episodes + 1) * 8 else {
            throw SparkFailure(stage: "assemble", "lexical-offsets.u64 holds \(offsetData.count) bytes, not \(episodes + 1) offsets")
        }
        let offsets: [Int] = offsetData.withUnsafeBytes { raw in
            (0...episodes).map { Int(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
        let nonZeros = offsets[episodes]
        guard offsets[0] == 0, nonZeros >= 0, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw SparkFailure(stage: "assemble", "lexical-offsets.u64 is not a non-decreasing run of offsets from 0")
        }
        let ids = try words("lexical-terms.u32", count: nonZeros).map(Int32.init(bitPattern:))
        let weights = try floats("lexical-weights.f32", count: nonZeros)
        for row in 0..<episodes {
            for entry in offsets[row]..<offsets[row + 1] {
                let ordered = entry == offsets[row] || ids[entry - 1] < ids[entry]
                guard ids[entry] >= 0, Int(ids[entry]) < terms, ordered, weights[entry].isFinite else {
                    throw SparkFailure(stage: "assemble", "lexical row \(row) has a bad entry: term \(ids[entry]) of \(terms), weight \(weights[entry])")
                }
            }
        }
        return SparseMatrix(rows: episodes, columns: terms, rowStart: offsets, columnIndices: ids, values: weights)
    }

    private func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    private func bytes(_ name: String) throws -> Data {
        do { return try Data(contentsOf: file(name)) } catch {
            throw SparkFailure(stage: "assemble", "\(name) is missing from the job's output")
        }
    }

    /// A little-endian file of exactly `count` float32 values.
    private func floats(_ name: String, count: Int) throws -> [Float] {
        try words(name, count: count).map(Float.init(bitPattern:))
    }

    /// A little-endian file of exactly `count` 32-bit words.
    private func words(_ name: String, count: Int) throws -> [UInt32] {
        let data = try bytes(name)
        guard data.count == count * 4 else {
            throw SparkFailure(stage: "assemble", "\(name) holds \(data.count) bytes, not \(count) 32-bit values")
        }
        return data.withUnsafeBytes { raw in
            (0..<count).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        }
    }
}
