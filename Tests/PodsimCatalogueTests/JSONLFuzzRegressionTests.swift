import Foundation
import PodsimEpisodes
import Testing

@testable import PodsimCatalogue

/// Inputs found by fuzzing the JSON Lines parser (`scripts/fuzz.sh jsonl`, docs/FUZZING.md).
///
/// The finding: encode → decode changed a guest's name. Names have their white space collapsed,
/// and that was done on `Character`s: a combining mark after a newline or tab is a grapheme of
/// its own and survived, but after the space that replaced the newline it joined the space's
/// grapheme, which counts as white space — so the second decode dropped the mark.
/// `GuestName.collapsingWhiteSpace` now works on Unicode scalars.
@Suite struct JSONLFuzzRegressionTests {
    /// fuzz-artifacts/jsonl/crash-74bd991fa17669b7caefeccee671182cfc9db72b, byte for byte.
    static let crash74BD991F = Data(base64Encoded: """
        eyJpZCI6InljIiwicHViOmxpc2hlZCI6IiIsImRlc2NyaXA6bGlzaGVkIjoiIiwiZGVzY3JpcHRpb24iOiJXYXJlaG91P2Vz\
        2J5lcC0yIiwic2hvdyI6IkRheXMuIiwiZ3Vlc3RzIjpbIlPDtnJlbiBSUlJSUlJSUlJSUlJSUlJSUlJSUlJSUm51bGxSUlJS\
        UlJSUlJSUlJSLTA0IiwiMmR1cmF0aW9uX3NlY1JSUlJSUlJSUlJSUlJSUi0wNCIsIjFkdXJhdGlvbl9zZWNSUlJSUlJSUlJS\
        UlJSUlItMDQiLCIyZHVyYXRpb25fc2Vjc29yLTA0IiwiMmR1cmF0b25fc2VjUlJSUlJSUlJSUlJSUlJSUlJSUlJSUlItMDMi\
        LCIsZHVyYXRpb25fc2VjUlJSUlJSUlJSUlJSUlJSLTA0IiwiMmR1cmF0aW9uX3NlY3Nvck9wdGlvbmFsaXVzdGlvbl9zZWNz\
        b3ItMDQiLCIyZHUpYXRvbl9zZVJSUlJSUlJSUi0wNCIsIjJkdXJhdGlvbl9zZWNSUlJSUlJSUlJzb3ItMDQiLCIyZHUpYXRv\
        bl9zZVJSUlJSUlJSUi0wNCIsIjJkdXJhdGlvbl9zZWNSUlJSUlJSUlJSUlJSUlItMDgiLCIyZHVyYXRpb25fc2Vjc29yT3B0\
        aW9uYWxTU1NTUlJSWlJSUlJSUlJSUlJSUlJSUlJSUlJSUlJSUlJSUlJSUlJSUlJ9UlJbW1tbW1tbW1t1cmF0aW9uX3NlY3Nv\
        ci0wNCIsIjJkdXJhdG9uX3NlY1JSUlJSUlJSUlJSUlJSUlJSUlJSUlJSUi0wNCIsIjJkdXJhdGlvbl9zZWNSUlJSUlJSUlJS\
        UlJSUlItMDMiLCIyZHVyYXRpb251MDBlYiBTODg4MTUxMDE5MTI1OWFuZCBcXCBhbmUuXG7Nm1RhYnNcdGhlcmUsIHF1b3Rl\
        cyBcIiBhbmQgXFwgYW5kIFwvIDBzbGFzaC4gRW1vamkgXHVkODNjXHVkZmE3LiIsImd1ZXN0bW9qaSBcdWQ4M2NcdWRmYTcu\
        IiwiZ3Vlc3R6b1x1MDBlYiAgc21pdGgiLCJCbyBDaGVuIl19DQoNCnsiaWQiOiJ4LzIiLCJzaG93IjoiQ2Fmw6kgVGFsayIs\
        InRpdGxlIjoiIiwiZGVzY3JpcHRpb24iOiJObyB0aXRsZSBoZXJlLCBzbyBvbjg4ODg4ODg4ODg4ODhhdGEwRGF5cyIsIm51\
        bWJlciI6MywibnVtYmVyIjowLCJ0aXRsZSI6Ikt1YmVybmV0ZXMgdXBncmFkZXMyIiwiZHVyYXRpb25fc2Vjb25kcyI6MTgw\
        MCwiZGVzY3JpcHRpb24iOiJLdWJlcm5ldGVzIHVwZ3JhZGVzIGFuZCBjbDUtMDYiLCJkZXNjcmlwdGlvbiI6IkRhdGEgcGlw\
        ZWxpbmVzLCBzdHJlYW1pbmcgYW5kIHdhcmVob3VzZXMgd2l0aCBBbmEgTGltYS4iLCJndWVzdHMiOlsiQW5hIExpbWEiLCJD\
        eSBQYXJrIl19CnsiaWQiOiJiLTIiLCJzaG93IjoiQmV0YSIsImRlc2NyaXB0aW9uIjoiU3RyZWFtaW5nIGFsbCB0aGUgdGhp\
        bmdzIFtpbiByZWFsICd0aW1lIHRvZGF5LiIsImd1ZXN0cyI6WyJzb3JlbiAgbWFfc2Vjc29yLTA0IiwiMmR1cmF0b25fc2Vj\
        UlJSUlJSUlJSUlJSUlJSUlJSUlJSUlItMDQiLCIyZHVyYXRpb25fc2VjZmFsc2VSUlJSUlJSUlJSUlJSUlItMDQiLCIyZHVy\
        YXRpb25fc2Vjc29yT3B0aW9uYWxpdXMiLCIgIl19Cg==
        """)!

    @Test func theFuzzerInputSurvivesTheRoundTrip() throws {
        let episodes = try JSONLCatalogue.decode(Self.crash74BD991F, source: "fuzz.jsonl")
        #expect(episodes.count == 3)
        let again = try JSONLCatalogue.decode(Data(JSONLCatalogue.encode(episodes).utf8), source: "fuzz.jsonl")
        #expect(again == episodes)
        // The combining mark after the escaped newline is kept, after one space.
        #expect(episodes[0].guests.contains { $0.contains("ane. \u{35B}Tabs") })
    }

    @Test(arguments: ["a\t\u{35B}b", "a\n\u{35B}b", "a\r\n\u{35B}b", "a \u{35B}b", "  a \u{301}  b  ", "\u{85}a\u{2028}b"])
    func collapsingWhiteSpaceIsStableAndKeepsMarks(name: String) {
        let once = GuestName(name).display
        #expect(GuestName(once).display == once)
        #expect(GuestName.key(for: once) == GuestName.key(for: name))
        let marks = { (s: String) in s.unicodeScalars.filter { $0.properties.generalCategory == .nonspacingMark }.count }
        #expect(marks(once) == marks(name))
        #expect(!once.hasPrefix(" ") && !once.hasSuffix(" ") && !once.contains("  "))
    }
}
