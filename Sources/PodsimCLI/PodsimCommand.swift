import ArgumentParser
import PodsimCore

@main
struct PodsimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podsim",
        abstract: "More-like-this similarity and guest recommendations for podcast episodes.")
}
