import Foundation
import PodsimTestSupport
import Testing

@testable import PodsimCLI

/// The memory figures `build` and `bench` print are the process's own.
struct MemoryTests {
    /// Fields of /proc/PID/status as Linux writes them: a tab, then spaces before the number.
    @Test func statusFieldsAreReadAfterTheirTab() {
        let status = "Name:\tpodsim\nVmPeak:\t  812340 kB\nVmHWM:\t   41234 kB\nRssAnon:\t    9876 kB\nRssFile:\t   30000 kB\nThreads:\t4\n"
        #expect(Memory.kilobyteFields(["VmHWM", "RssAnon", "RssFile"], in: status)
            == ["VmHWM": 41_234 * 1024, "RssAnon": 9_876 * 1024, "RssFile": 30_000 * 1024])
        #expect(Memory.kilobyteFields(["VmSwap"], in: status).isEmpty)
    }

    #if os(Linux)
    /// Linux carries ru_maxrss over fork and exec; the peak a build prints must not be its
    /// parent's. The parent here is this test process after touching 512 MB, a large test run's size.
    @Test func aBuildStartedByALargeProcessPrintsItsOwnPeak() throws {
        let megabytes = 512
        let ballast = UnsafeMutableRawPointer.allocate(byteCount: megabytes << 20, alignment: 4096)
        defer { ballast.deallocate() }
        for page in stride(from: 0, to: megabytes << 20, by: 4096) { ballast.storeBytes(of: 1, toByteOffset: page, as: UInt8.self) }
        let directory = try TemporaryDirectory()
        let catalogue = directory.path + "/c.jsonl"
        try [
            #"{"id":"a-1","show":"A","title":"Kubernetes operators","description":"Operators for stateful databases."}"#,
            #"{"id":"a-2","show":"A","title":"Database backups","description":"Backups of databases in production."}"#,
        ].joined(separator: "\n").write(toFile: catalogue, atomically: true, encoding: .utf8)
        let build = try PodsimProcess.run(["build", "--dimensions", "1", "-o", directory.path + "/m.podsim", catalogue])
        #expect(build.status == 0, "\(build.stderr)")
        let peak = try #require(build.stdout.firstMatch(of: /peak memory ([0-9.]+) MB/).flatMap { Double($0.1) })
        #expect(peak < Double(megabytes), "a two-episode build reported \(peak) MB")
        withExtendedLifetime(ballast) {}
    }
    #endif
}
