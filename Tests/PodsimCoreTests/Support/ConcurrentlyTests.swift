import Foundation
import Testing

@testable import PodsimCore

/// Two steps of a model's opening run on two threads; both results come back, and an error from
/// either is thrown once both are done.
struct ConcurrentlyTests {
    struct Failure: Error, Equatable { let name: String }

    @Test func bothResultsComeBackFromTwoThreads() throws {
        let (a, b) = try Concurrently.run({ (1...100).reduce(0, +) }, { "second" })
        #expect(a == 5_050 && b == "second")
    }

    @Test func anErrorOfEitherIsThrownTheFirstsFirst() {
        #expect(throws: Failure(name: "first")) {
            _ = try Concurrently.run({ () throws -> Int in throw Failure(name: "first") }, { () throws -> Int in throw Failure(name: "second") })
        }
        #expect(throws: Failure(name: "second")) {
            _ = try Concurrently.run({ 1 }, { () throws -> Int in throw Failure(name: "second") })
        }
        #expect(throws: Failure(name: "first")) {
            _ = try Concurrently.run({ () throws -> Int in throw Failure(name: "first") }, { 2 })
        }
    }
}
