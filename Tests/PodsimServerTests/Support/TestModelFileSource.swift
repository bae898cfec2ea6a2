import Logging
import PodsimCatalogue
@testable import PodsimServer

extension ModelFileSource {
    /// A source on the model file at `path` that decodes ADD payloads as the CLI does.
    static func forTests(_ path: String, logger: Logger = Logger(label: "podsim.test")) -> ModelFileSource {
        ModelFileSource(path: path, decodeEpisodes: { try JSONLCatalogue.decode(payload: $0) }, logger: logger)
    }
}
