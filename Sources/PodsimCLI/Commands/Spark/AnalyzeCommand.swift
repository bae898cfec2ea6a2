import ArgumentParser
import Foundation
import PodsimText

/// `podsim analyze` (hidden): the analyzer as a filter program, run by the Spark job on each
/// partition so the corpus is analysed by the very code that later analyses queries.
///
/// Reads lines `ROW<TAB>TEXT` (TEXT a JSON string, so it holds newlines and tabs), writes per
/// document one line `D<TAB>ROW<TAB>TERM<TAB>COUNT…` (every distinct term with its count; a
/// bigram's two stems are joined by a space) and per batch the surface words seen,
/// `S<TAB>STEM<TAB>SURFACE<TAB>COUNT`, from which the job picks display forms. A malformed line
/// ends the program with a non-zero status naming the line: a partition must not lose documents.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Turn episode texts on standard input into term counts (used by build --spark).",
        shouldDisplay: false)

    /// Documents analysed per batch; bounds memory at a few MB of text. Default 4,096.
    static let batchSize = 4_096

    @Option(help: "The analyzer configuration as JSON (AnalyzerConfiguration).")
    var configuration: String

    @Option(help: .hidden)
    var testFailAtRow: Int?

    func run() throws {
        let analyzer: Analyzer
        do {
            let decoded = try JSONDecoder().decode(AnalyzerConfiguration.self, from: Data(configuration.utf8))
            analyzer = try Analyzer(configuration: decoded)
        } catch let error as TextError {
            throw AnalyzeFailure(error.message)
        } catch {
            throw AnalyzeFailure("--configuration is not an analyzer configuration: \(error)")
        }
        var output = BufferedOutput()
        var rows: [Int] = []
        var texts: [String] = []
        var lineNumber = 0
        func flush() {
            let batch = TermCountBatch(documents: texts, analyzer: analyzer)
            for (index, row) in rows.enumerated() {
                var line = "D\t\(row)"
                for (term, count) in batch.terms(ofDocument: index) { line += "\t\(term)\t\(count)" }
                output.line(line)
            }
            for surface in batch.surfaces { output.line("S\t\(surface.stem)\t\(surface.surface)\t\(surface.count)") }
            rows.removeAll(keepingCapacity: true)
            texts.removeAll(keepingCapacity: true)
        }
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            let (row, text) = try Self.parse(line, lineNumber: lineNumber)
            if row == testFailAtRow { throw AnalyzeFailure("failing at row \(row) as --test-fail-at-row asks") }
            rows.append(row)
            texts.append(text)
            if rows.count == Self.batchSize { flush() }
        }
        flush()
        output.flush()
    }

    /// `ROW<TAB>"json string"` → (row, text).
    static func parse(_ line: String, lineNumber: Int) throws -> (Int, String) {
        guard let tab = line.firstIndex(of: "\t"), let row = Int(line[..<tab]), row >= 0 else {
            throw AnalyzeFailure("input line \(lineNumber) does not start with a row number and a tab")
        }
        let json = Data(line[line.index(after: tab)...].utf8)
        guard let text = try? JSONSerialization.jsonObject(with: json, options: .fragmentsAllowed) as? String else {
            throw AnalyzeFailure("input line \(lineNumber) (row \(row)): the text is not a JSON string")
        }
        return (row, text)
    }
}

/// Standard output in 64 KiB writes rather than one per line.
private struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func line(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

struct AnalyzeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = "podsim analyze: " + description }
}
