import ArgumentParser
import Foundation
import PodsimClient
import PodsimCore

/// `--model` or `--server` for the commands that change a model (add, add --replace, delete): a
/// model file rewritten in place, or a running server (ADD, UPSERT, DELETE), which writes its own
/// model file before it answers.
struct ModelChangeTarget: ParsableArguments {
    @Option(help: "Model file to change, rewritten in place (default: \(ModelOptions.defaultModel)).")
    var model: String?

    @Option(help: ArgumentHelp(
        "Change the model of the podsim server at host:port instead (AUTH with $PODSIM_AUTH_TOKEN when set).",
        valueName: "host:port"))
    var server: String?

    @OptionGroup var tls: TLSClientOptions

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(help: .hidden)
    var testPauseAt: TestPause?

    /// Runs a write of the model file with the crash-safety tests' pause, if one was asked for.
    func write<T>(_ body: () throws -> T) throws -> T {
        try WriteHooks.$current.withValue(TestPause.hooks(testPauseAt)) { try body() }
    }

    /// `--model`, or the default.
    var modelPath: String { model ?? ModelOptions.defaultModel }

    func validate() throws {
        try ServerCall.validate(
            server: server, modelGiven: model != nil, tls: tls,
            modelConflict: "change a running server's model, or a model file")
    }
}
