import Foundation
import Testing
@testable import PodsimText

@Suite struct AnalyzerConfigurationTests {
    @Test func defaults() {
        let configuration = AnalyzerConfiguration()
        #expect(configuration.version == AnalyzerConfiguration.currentVersion)
        #expect(configuration.language == "english")
        #expect(configuration.minTokenLength == 2)
        #expect(!configuration.keepNumbers)
        #expect(configuration.bigrams)
        #expect(configuration.minDocumentFrequency == 2)
        #expect(configuration.maxDocumentFrequency == 0.5)
        #expect(configuration.maxFeatures == nil)
    }

    @Test func jsonRoundTrip() throws {
        let configuration = AnalyzerConfiguration(
            language: "porter", extraStopwords: ["episode"], minTokenLength: 3, keepNumbers: true,
            minDocumentFrequency: 5, maxDocumentFrequency: 0.25, maxFeatures: 1000)
        let json = try configuration.jsonData()
        #expect(try AnalyzerConfiguration(json: json) == configuration)
        // Canonical: the same configuration always encodes to the same bytes.
        #expect(try configuration.jsonData() == json)
        #expect(try AnalyzerConfiguration(json: AnalyzerConfiguration().jsonData()) == AnalyzerConfiguration())
    }

    private func json(removing key: String? = nil, setting overrides: [String: Any] = [:]) throws -> Data {
        var object = try #require(
            try JSONSerialization.jsonObject(with: AnalyzerConfiguration().jsonData()) as? [String: Any])
        if let key { object[key] = nil }
        for (key, value) in overrides { object[key] = value }
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test func missingFieldIsNamed() throws {
        let error = try #require(throws: TextError.self) {
            try AnalyzerConfiguration(json: try json(removing: "stemming"))
        }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains("stemming"))
    }

    @Test func wrongTypeIsNamed() throws {
        let error = try #require(throws: TextError.self) {
            try AnalyzerConfiguration(json: try json(setting: ["minTokenLength": "two"]))
        }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains("minTokenLength"))
    }

    @Test func newerVersionIsRefused() throws {
        let error = try #require(throws: TextError.self) {
            try AnalyzerConfiguration(json: try json(setting: ["version": AnalyzerConfiguration.currentVersion + 1]))
        }
        #expect(error.kind == .unsupportedVersion)
    }

    @Test func outOfRangeStoredValueIsRefused() throws {
        let error = try #require(throws: TextError.self) {
            try AnalyzerConfiguration(json: try json(setting: ["maxDocumentFrequency": 2.0]))
        }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains("maxDocumentFrequency"))
    }

    @Test func notJSONIsRefused() throws {
        let error = try #require(throws: TextError.self) {
            try AnalyzerConfiguration(json: Data("not json".utf8))
        }
        #expect(error.kind == .invalidConfiguration)
    }
}
