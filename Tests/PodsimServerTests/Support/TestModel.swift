import NIOConcurrencyHelpers
import Foundation
import NIOPosix
import PodsimProtocol
@testable import PodsimServer

/// A small, deterministic model: every answer is computed from the request, so a test can work
/// out what the server must send without hard-coding it.
///
/// Known episodes are `ep-1…ep-N` plus any ADDed ids. SIMILAR returns min(k, 50) hits with ids
/// `<asked id>/<n>` and titles that name the model; SEARCH hits are derived from the text; `"fault"` as SEARCH text makes the
/// model answer out of contract (a PING answer). `probe` records where answers ran; `gate` makes
/// answers wait; `delaySeconds` makes each answer sleep.
struct TestModel: ModelService {
    var modelID: String
    var episodeIDs: [String]
    var queryCost: Int = 10
    var probe: Probe? = nil
    var gate: Gate? = nil
    /// Seconds each answer sleeps (a slow model).
    var delaySeconds: Double = 0
    /// Characters in each hit's title (to make answers large).
    var titleLength = 8
    /// Whether queries waiting for a worker are handed to it together (`QueryBatcher`; the
    /// answers are the one-by-one ones, `ModelService.answer(batch:)`'s default).
    var batchesQueries = false

    init(modelID: String, episodes: Int = 20) {
        self.modelID = modelID
        self.episodeIDs = (1...episodes).map { "ep-\($0)" }
    }

    var summary: ModelSummary {
        ModelSummary(episodes: UInt32(episodeIDs.count), guests: 3, terms: 100 + UInt32(episodeIDs.count), dimensions: 8)
    }

    func answer(_ query: ModelQuery) -> PodsimResponse {
        probe?.record(onEventLoop: MultiThreadedEventLoopGroup.currentEventLoop != nil)
        gate?.pass()
        if delaySeconds > 0 { Thread.sleep(forTimeInterval: delaySeconds) }
        switch query {
        case .similar(let similar):
            guard episodeIDs.contains(similar.episodeID) else { return notFound(similar.episodeID) }
            return .similar(hits(prefix: similar.episodeID, k: similar.k))
        case .search(let search):
            if search.text == "fault" { return .pong }
            return .search(hits(prefix: "q:" + search.text, k: search.k))
        case .guests(let guests):
            return .guests((1...min(Int(guests.k), 3)).map { GuestHit(name: "\(guests.topic) guest \($0)", score: 0.5, episodeIDs: ["ep-\($0)"]) })
        case .episode(let id):
            guard episodeIDs.contains(id) else { return notFound(id) }
            return .episode(EpisodeDetails(id: id, show: "Show", title: "Title of \(id)", published: "2025-07-30",
                                           guests: ["Ada"], description: "About \(id)."))
        case .explain(let explain):
            guard episodeIDs.contains(explain.episodeA) else { return notFound(explain.episodeA) }
            guard episodeIDs.contains(explain.episodeB) else { return notFound(explain.episodeB) }
            return .explain([TermContribution(term: explain.episodeA + "+" + explain.episodeB, contribution: 0.5)])
        case .guestsLike(let like):
            guard like.guestName == "Ada" else {
                return .failure(ErrorResponse(status: .notFound, message: "no guest \(like.guestName)"))
            }
            return .guestsLike([GuestHit(name: "Bob", score: 0.75, episodeIDs: ["ep-5"])])
        case .recommend(let recommend):
            if let unknown = (recommend.likeIDs + recommend.unlikeIDs).first(where: { !episodeIDs.contains($0) }) {
                return notFound(unknown)
            }
            return .recommend(hits(prefix: "like:" + recommend.likeIDs.joined(separator: "+"), k: recommend.k))
        case .similarShows(let similarShows):
            guard similarShows.show == "Show" else { return .failure(ErrorResponse(status: .notFound, message: "no show \(similarShows.show)")) }
            return .similarShows([ShowHit(show: "Other", score: 0.5, episodes: 2, episodeIDs: ["ep-1"])])
        case .guest(let name):
            guard name == "Ada" else { return .failure(ErrorResponse(status: .notFound, message: "no guest \(name)")) }
            return .guest(GuestDetails(name: "Ada", shows: ["Show"], episodeIDs: ["ep-1"], topTerms: ["rust"]))
        }
    }

    private func hits(prefix: String, k: UInt16) -> [EpisodeHit] {
        (1...min(Int(k), 50)).map { n in
            EpisodeHit(id: "\(prefix)/\(n)", score: 1 / Float(n + 1), show: "Show \(n % 3)",
                       title: modelID + ":" + String(repeating: "t", count: titleLength))
        }
    }

    private func notFound(_ id: String) -> PodsimResponse {
        .failure(ErrorResponse(status: .notFound, message: "no episode \(id)"))
    }
}

/// Records whether answers ran on an event loop (inline) or on a worker thread.
final class Probe: Sendable {
    private let calls = NIOLockedValueBox<[Bool]>([])

    func record(onEventLoop: Bool) { calls.withLockedValue { $0.append(onEventLoop) } }

    /// One entry per answer: true when it ran on an event loop.
    var ranOnEventLoop: [Bool] { calls.withLockedValue { $0 } }
}

/// Holds answers back until the test opens it; counts how many are waiting.
final class Gate: Sendable {
    private let condition = LockedCondition()

    /// Blocks the calling (worker) thread until `open()`.
    func pass() { condition.waitUntilOpen() }

    func open() { condition.open() }

    /// Answers that have reached the gate so far.
    var arrivals: Int { condition.arrivals }
}

/// NSCondition with the state it guards.
private final class LockedCondition: @unchecked Sendable {
    // @unchecked: `isOpen` and `arrived` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var isOpen = false
    private var arrived = 0

    func waitUntilOpen() {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        while !isOpen { condition.wait() }
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    var arrivals: Int {
        condition.lock()
        defer { condition.unlock() }
        return arrived
    }
}

extension TestModel {
    /// The answer to a model query sent as `request`, for comparing with what came over the wire.
    func answer(_ request: PodsimRequest) -> PodsimResponse {
        guard case .query(let query) = request.route else { preconditionFailure("\(request.opcode) is not a model query") }
        return answer(query)
    }
}
