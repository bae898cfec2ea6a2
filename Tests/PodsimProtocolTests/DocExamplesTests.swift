import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PodsimProtocol
import Testing

/// docs/PROTOCOL.md is what third parties write clients from; its hex examples must be the bytes
/// the codec really writes and reads. Examples are fenced blocks tagged `hex <name>`, the name
/// matching a `GoldenExample`.
@Suite("docs/PROTOCOL.md examples match the codec")
struct DocExamplesTests {
    /// The repository's docs/PROTOCOL.md, found from this file's path (Tests/PodsimProtocolTests/).
    static func protocolDocument() throws -> String {
        let testsDirectory = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/"))
        let path = testsDirectory + "/../../docs/PROTOCOL.md"
        guard let file = fopen(path, "r") else { throw DocError("cannot open \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while case let count = fread(&chunk, 1, chunk.count, file), count > 0 {
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `hex <name>` blocks of a Markdown document, in order, as (name, block text).
    static func hexBlocks(in markdown: String) throws -> [(name: String, text: String)] {
        var blocks: [(String, String)] = []
        var open: (name: String, lines: [Substring])?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let current = open {
                if line.hasPrefix("```") {
                    blocks.append((current.name, current.lines.joined(separator: "\n")))
                    open = nil
                } else {
                    open?.lines.append(line)
                }
            } else if line.hasPrefix("```hex ") {
                open = (String(line.dropFirst("```hex ".count)).trimmingSpaces, [])
            }
        }
        if let open { throw DocError("the block \"\(open.name)\" is never closed") }
        return blocks
    }

    @Test("every hex block names a known example and holds exactly the codec's bytes")
    func blocksMatchTheCodec() throws {
        let blocks = try Self.hexBlocks(in: Self.protocolDocument())
        #expect(!blocks.isEmpty)
        for block in blocks {
            let example = try #require(GoldenExample.all.first { $0.name == block.name },
                                       "docs/PROTOCOL.md: no example is named \"\(block.name)\"")
            let bytes = try #require(ByteBuffer.fromHex(block.text), "docs/PROTOCOL.md: \"\(block.name)\" is not hex")
            #expect(bytes.hex == example.frame.wireBytes.hex, "docs/PROTOCOL.md: \"\(block.name)\" differs from the encoder")
            #expect(bytes.hex == example.bytes.hex, "docs/PROTOCOL.md: \"\(block.name)\" differs from the golden bytes")
        }
    }

    @Test("every message has an example in the document, once")
    func everyMessageIsDocumented() throws {
        let names = try Self.hexBlocks(in: Self.protocolDocument()).map(\.name)
        for example in GoldenExample.all {
            #expect(names.filter { $0 == example.name }.count == 1, "docs/PROTOCOL.md: \"\(example.name)\" appears \(names.filter { $0 == example.name }.count) times")
        }
    }

    @Test("the parser reads names, strips comments, and refuses an unclosed block")
    func parser() throws {
        let markdown = "text\n```hex PING request\n00 00 00 08  # length\n01 01 00 00 00 00 00 07\n```\n```swift\nlet x = 1\n```\n"
        let blocks = try Self.hexBlocks(in: markdown)
        #expect(blocks.count == 1 && blocks[0].name == "PING request")
        #expect(ByteBuffer.fromHex(blocks[0].text)?.hex == "000000080101000000000007")
        #expect(throws: DocError.self) { try Self.hexBlocks(in: "```hex X\n00\n") }
    }
}

struct DocError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
