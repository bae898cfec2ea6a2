import Foundation
import PodsimTestSupport
import Testing
@testable import PodsimCore

/// A damaged model file is refused with an error naming the file — never a crash.
@Suite struct ModelLoadingTests {
    func damagedCopy(_ damage: (inout [UInt8]) -> Void) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: SeedModel.built.path)))
        damage(&bytes)
        let path = try TemporaryDirectory().file("damaged.podsim")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func expectRefused(_ path: String, mentioning words: [String]) {
        do {
            _ = try PodsimModel(contentsOf: path)
            Issue.record("a damaged model loaded")
        } catch let error as PodsimError {
            #expect(error.code == .modelFile)
            #expect(error.message.contains(path), "message does not name the file: \(error.message)")
            for word in words { #expect(error.message.lowercased().contains(word), "'\(word)' not in: \(error.message)") }
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test(arguments: [0.001, 0.3, 0.6, 0.999])
    func truncated(at fraction: Double) throws {
        let path = try damagedCopy { $0.removeLast(Int(Double($0.count) * (1 - fraction))) }
        expectRefused(path, mentioning: [])
    }

    @Test func truncatedInsideTheVectors() throws {
        let reader = try ModelFileReader(path: SeedModel.built.path)
        let vectors = try reader.sectionInfo("VECS")
        let path = try damagedCopy { $0.removeLast($0.count - Int(vectors.offset) - 100) }
        expectRefused(path, mentioning: ["truncated"])
    }

    @Test func bitFlipInTheVectors() throws {
        let vectors = try ModelFileReader(path: SeedModel.built.path).sectionInfo("VECS")
        let path = try damagedCopy { $0[Int(vectors.offset) + 17] ^= 0x04 }
        expectRefused(path, mentioning: ["vecs"])
    }

    @Test func wrongMagic() throws {
        let path = try damagedCopy { $0.replaceSubrange(0..<4, with: Array("GIF8".utf8)) }
        expectRefused(path, mentioning: ["not a podsim model"])
        let text = try TemporaryDirectory().file("notes.podsim")
        try "this is not a model".write(toFile: text, atomically: true, encoding: .utf8)
        expectRefused(text, mentioning: [])
    }

    @Test func newerFormatVersion() throws {
        // The format version is the u32 after the 8-byte magic.
        let path = try damagedCopy { $0[8] = 2 }
        expectRefused(path, mentioning: ["newer podsim", "version 2"])
    }

    @Test func missingFile() {
        expectRefused("/nonexistent/episodes.podsim", mentioning: [])
    }
}
