import Foundation
import PodsimCore

/// Hand-made relevance judgements for a catalogue (`Tests/Labels/seeds.json` for the seeds):
/// which episodes should come back for an episode or a text, and which guests for a topic.
public struct LabelledSet: Codable, Sendable {
    public struct SimilarCase: Codable, Sendable {
        public var query: String
        public var relevant: [String]
        public var why: String?
    }

    public struct SearchCase: Codable, Sendable {
        public var text: String
        public var relevant: [String]
    }

    public struct GuestCase: Codable, Sendable {
        public var topic: String
        public var relevant: [String]
    }

    public var similar: [SimilarCase]
    public var search: [SearchCase]
    public var guests: [GuestCase]

    /// Reads a labelled set; errors name the file.
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PodsimError(.io, "cannot read labelled set \(path): \(error.localizedDescription)")
        }
        do {
            self = try JSONDecoder().decode(LabelledSet.self, from: data)
        } catch {
            throw PodsimError(.invalidInput, "\(path) is not a labelled set: \(error)")
        }
    }
}
