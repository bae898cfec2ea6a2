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

    /// RECOMMEND: episodes liked together and what a listener of them all would want next.
    public struct RecommendCase: Codable, Sendable {
        public var like: [String]
        public var relevant: [String]
        public var why: String?
    }

    /// SIMILAR_SHOWS: a show and the shows a listener of it would want next.
    public struct ShowCase: Codable, Sendable {
        public var show: String
        public var relevant: [String]
    }

    public var similar: [SimilarCase]
    public var search: [SearchCase]
    public var guests: [GuestCase]
    /// Optional in the file (a set may label only some tasks), like every task.
    public var recommend: [RecommendCase]
    public var shows: [ShowCase]

    enum CodingKeys: String, CodingKey { case similar, search, guests, recommend, shows }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        similar = try container.decodeIfPresent([SimilarCase].self, forKey: .similar) ?? []
        search = try container.decodeIfPresent([SearchCase].self, forKey: .search) ?? []
        guests = try container.decodeIfPresent([GuestCase].self, forKey: .guests) ?? []
        recommend = try container.decodeIfPresent([RecommendCase].self, forKey: .recommend) ?? []
        shows = try container.decodeIfPresent([ShowCase].self, forKey: .shows) ?? []
    }

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
