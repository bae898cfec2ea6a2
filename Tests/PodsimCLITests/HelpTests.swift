import Foundation
import PodsimTestSupport
import Testing

/// `podsim --help` as a user reads it: the user's commands first, the developer commands apart.
/// A change to a command's name or abstract shows here first; update the text on purpose.
@Suite struct HelpTests {
    static let help = """
        OVERVIEW: More-like-this similarity and guest recommendations for podcast episodes.

        Build a model from seed pages or JSON Lines catalogues, then ask it for similar episodes, episodes
        about a text, or guests for a topic — from the command line or over TCP.

        USAGE: podsim <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          build                   Build a model file from seed pages, JSON Lines catalogues, RSS feeds, or
                                  directories of them.
          serve                   Serve a model over podsim's binary TCP protocol (docs/PROTOCOL.md).
          episodes                List the episodes in a model (in id order).
          episode                 Show one episode: metadata, guests and indexed description.
          similar                 Episodes most like a given episode (never the episode itself).
          search                  Episodes most like a free text (more like this, for text).
          recommend               Episodes like the liked ones (and a text), unlike the unliked ones; never
                                  those episodes.
          similar-shows           Shows most like a given show (never the show itself), each with its
                                  nearest episodes.
          guests                  Guests ranked by how well their episodes match a topic, with those
                                  episodes.
          guest                   A guest's profile: shows, episodes and what they talked about.
          guests-like             Guests whose episodes lie near a given guest's.
          explain                 The terms two episodes share that contribute most to their similarity.
          topics                  Top terms of each latent dimension: what the model's axes are about.
          add                     Fold new episodes into an existing model without a refit, and say when a
                                  refit is due.
          delete                  Remove episodes from a model, or from a running server's model (DELETE).
          export                  Write the episode vectors as a NumPy .npy file (float32, one row per
                                  episode), and the ids.

        DEVELOPER SUBCOMMANDS:
          evaluate                Score a model against a labelled set (MRR, hit@1, hit@3, recall@5).
          synth                   Write a synthetic catalogue (JSON Lines) to measure fit and query at
                                  scale, offline.
          bench                   Measure query latency and throughput, or compare the search paths.

          See 'podsim help <subcommand>' for detailed help.
        """

    @Test func topLevelHelpIsAsCommitted() throws {
        let result = try PodsimProcess.run(["--help"], environment: ["COLUMNS": "100"])
        #expect(result.status == 0)
        #expect(result.stdout == Self.help + "\n", "\(result.stdout)")
    }
}
