import Foundation
import Testing
@testable import PodsimCore

/// Which names count as a killed writer's temporary file (`AtomicFileOutput`'s naming).
@Suite struct StaleTemporaryFilesTests {
    @Test func onlyTheWritersOwnNamingMatches() {
        #expect(StaleTemporaryFiles.writerPID(of: ".m.podsim.tmp-123-ab12", name: "m.podsim") == 123)
        #expect(StaleTemporaryFiles.writerPID(of: ".m.podsim.tmp-123-ab12", name: "other.podsim") == nil)
        #expect(StaleTemporaryFiles.writerPID(of: "m.podsim.tmp-123-ab12", name: "m.podsim") == nil)
        #expect(StaleTemporaryFiles.writerPID(of: ".m.podsim.tmp-123-xyz", name: "m.podsim") == nil)
        #expect(StaleTemporaryFiles.writerPID(of: ".m.podsim.tmp-123-", name: "m.podsim") == nil)
        #expect(StaleTemporaryFiles.writerPID(of: ".m.podsim.tmp-0-ab", name: "m.podsim") == nil)
        #expect(StaleTemporaryFiles.writerPID(of: ".m.podsim.tmp--5-ab", name: "m.podsim") == nil)
        #expect(StaleTemporaryFiles.writerPID(of: ".m.podsim.tmp-12-ab-cd", name: "m.podsim") == nil)
    }

    @Test func aLiveProcessIsNotGone() {
        #expect(!StaleTemporaryFiles.isGone(getpid()))
        #expect(!StaleTemporaryFiles.isGone(1))  // init exists (EPERM or success, never ESRCH)
    }
}
