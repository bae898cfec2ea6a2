import FuzzSupport
import PodsimCatalogue
import PodsimEpisodes

/// Properties every catalogue parser's output must have, whatever the source format: the
/// model builder and the wire protocol rely on them.
public enum CatalogueCheck {
    /// Name the fuzz input goes by in error messages.
    public static let source = "fuzz-input"

    /// Every episode has an id, a show and a title, and ids are unique within the source.
    public static func checkEpisodes(_ episodes: [Episode], format: String) {
        var seen: Set<String> = []
        for episode in episodes {
            FuzzCheck.require(!episode.id.isEmpty, "\(format): an episode without an id: \(episode)")
            FuzzCheck.require(
                !episode.show.allSatisfy(\.isWhitespace), "\(format): an episode without a show: \(episode)")
            FuzzCheck.require(!episode.title.isEmpty, "\(format): an episode without a title: \(episode)")
            FuzzCheck.require(seen.insert(episode.id).inserted, "\(format): episode id \(episode.id) used twice")
        }
    }

    /// A refusal's message names the source, so a user knows which file to fix.
    public static func checkRefusal(_ error: CatalogueError, format: String) {
        FuzzCheck.require(
            error.message.contains(source), "\(format): error message does not name the source: \(error.message)")
    }
}
