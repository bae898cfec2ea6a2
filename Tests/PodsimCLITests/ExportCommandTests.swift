import Foundation
import PodsimTestSupport
import Testing

/// `podsim export`: a `.npy` NumPy reads, rows in the model's order, and the ids beside them.
@Suite struct ExportCommandTests {
    /// Parses a 2-D little-endian float32 `.npy` (format 1.0): shape and values.
    static func readNPY(_ data: Data) throws -> (rows: Int, columns: Int, values: [Float]) {
        let bytes = [UInt8](data)
        try #require(bytes.count > 10 && Array(bytes[0..<6]) == [0x93] + Array("NUMPY".utf8) && bytes[6] == 1 && bytes[7] == 0)
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0, "the data starts 64-byte aligned")
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (") && header.hasSuffix("\n"))
        let shape = try #require(header.range(of: #"\((\d+), (\d+)\)"#, options: .regularExpression).map { header[$0] })
        let numbers = shape.dropFirst().dropLast().split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces))! }
        let payload = bytes[(10 + headerLength)...]
        #expect(payload.count == numbers[0] * numbers[1] * 4)
        let values = stride(from: payload.startIndex, to: payload.endIndex, by: 4).map { i in
            Float(bitPattern: UInt32(payload[i]) | UInt32(payload[i + 1]) << 8 | UInt32(payload[i + 2]) << 16 | UInt32(payload[i + 3]) << 24)
        }
        return (numbers[0], numbers[1], values)
    }

    @Test func vectorsAndIdsRoundTrip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let vectors = directory.file("vectors.npy"), ids = directory.file("ids.txt")
        let result = try PodsimProcess.run(["export", "--vectors", vectors, "--ids", ids])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote 30 × 24 float32 vectors to \(vectors) and their ids to \(ids)\n")
        let array = try Self.readNPY(try Data(contentsOf: URL(fileURLWithPath: vectors)))
        #expect(array.rows == 30 && array.columns == 24)
        for row in 0..<array.rows {
            let vector = array.values[(row * 24)..<((row + 1) * 24)]
            let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5, "row \(row) is a unit vector")
        }
        let listed = try #require(try PodsimProcess.json(["episodes"]) as? [[String: Any]]).map { $0["id"] as! String }
        #expect(try String(contentsOfFile: ids, encoding: .utf8) == listed.joined(separator: "\n") + "\n")
        // The rows are the vectors podsim ranks with: the closest row to episode 333's is the
        // episode `similar` names first.
        let asked = try #require(listed.firstIndex(of: "devops-paradox-333"))
        let query = array.values[(asked * 24)..<((asked + 1) * 24)]
        let best = (0..<30).filter { $0 != asked }.max { a, b in
            zip(query, array.values[(a * 24)..<((a + 1) * 24)]).reduce(0) { $0 + $1.0 * $1.1 }
                < zip(query, array.values[(b * 24)..<((b + 1) * 24)]).reduce(0) { $0 + $1.0 * $1.1 }
        }!
        #expect(listed[best] == "platform-engineering-podcast-2025-07-30")
    }

    @Test(arguments: [
        (["export", "--model", "/nonexistent/m.podsim", "--vectors", "/tmp/podsim-export-unused.npy"], "/nonexistent/m.podsim"),
        (["export", "--vectors", "/nonexistent-dir/v.npy"], "cannot create /nonexistent-dir/v.npy"),
    ])
    func failuresExitOneNamingTheFile(arguments: [String], fragment: String) throws {
        let result = try PodsimProcess.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains(fragment), "\(result.stderr)")
    }

    @Test(arguments: [["export"], ["export", "--vectors", "same", "--ids", "same"]])
    func misuseIsAUsageError(arguments: [String]) throws {
        #expect(try PodsimProcess.run(arguments).status == 64)
    }
}
