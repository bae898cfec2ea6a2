import ArgumentParser
import Foundation
import PodsimClient
import PodsimCore
import PodsimProtocol

/// A `--server` query that failed, worded as the local command would word it where there is a
/// local equivalent: NOT_FOUND and BAD_REQUEST print the server's message alone.
struct ServerFailure: Error, CustomStringConvertible {
    let error: PodsimClientError

    var description: String {
        guard error.code == .server, let status = error.status else { return error.message }
        switch status {
        case .notFound, .badRequest:
            return error.message
        case .unauthorized:
            return "\(error) — set PODSIM_AUTH_TOKEN to the server's token"
        default:
            return "the server answered \(error)"
        }
    }
}
