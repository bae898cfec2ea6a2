import NIOHTTP1

/// One answer of the metrics endpoint: status, content type and body. Routing is a pure function
/// (`ProbeResponse.answer`), so it is tested without sockets.
struct ProbeResponse: Sendable, Equatable {
    var status: HTTPResponseStatus
    var contentType: String
    var body: [UInt8]
    /// Extra header fields (`Allow` on a 405).
    var headers: [(String, String)] = []

    /// Prometheus text exposition format 0.0.4.
    static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"
    static let textContentType = "text/plain; charset=utf-8"

    /// The answer to `method` on `uri`: GET on `/metrics`, `/healthz` or `/readyz` (a query string
    /// is ignored); 405 for any other method on those paths; 404 for any other path.
    static func answer(method: HTTPMethod, uri: String, server: PodsimServer) -> ProbeResponse {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
        guard ["/metrics", "/healthz", "/readyz"].contains(path) else {
            return text(.notFound, "no such path: \(path.prefix(100)); try /metrics, /healthz or /readyz\n")
        }
        guard method == .GET else {
            var response = text(.methodNotAllowed, "\(method.rawValue.prefix(20)) is not allowed on \(path); use GET\n")
            response.headers = [("Allow", "GET")]
            return response
        }
        switch path {
        case "/metrics":
            return ProbeResponse(status: .ok, contentType: prometheusContentType, body: server.metricsExposition())
        case "/healthz":
            return text(.ok, "ok\n")
        default:
            switch server.readiness {
            case .ready: return text(.ok, "ready\n")
            case .loading: return text(.serviceUnavailable, "not ready: loading the model\n")
            case .draining: return text(.serviceUnavailable, "not ready: draining for shutdown\n")
            case .stopped: return text(.serviceUnavailable, "not ready: stopped\n")
            }
        }
    }

    static func text(_ status: HTTPResponseStatus, _ text: String) -> ProbeResponse {
        ProbeResponse(status: status, contentType: textContentType, body: Array(text.utf8))
    }

    static func == (lhs: ProbeResponse, rhs: ProbeResponse) -> Bool {
        lhs.status == rhs.status && lhs.contentType == rhs.contentType && lhs.body == rhs.body
            && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
    }
}
