import Benchmark
import NIOCore
import PodsimProtocol

/// Wire codec: a SIMILAR request and a 10-hit answer, encoded into frames and decoded back.
enum CodecBenchmarks {
    static let request = PodsimRequest.similar(SimilarRequest(episodeID: "devops-paradox-341", k: 10))
    static let response = PodsimResponse.similar((0..<10).map {
        EpisodeHit(id: "devops-paradox-\(300 + $0)", score: 0.9 - Float($0) / 100, show: "DevOps Paradox",
                   title: "#\(300 + $0): Platform engineering, feature flags and the cost of Kubernetes")
    })

    static func register() {
        Benchmark("codec: encode request + 10-hit response", configuration: .init(timeUnits: .microseconds, scalingFactor: .kilo)) { benchmark in
            let encoder = FrameEncoder()
            var buffer = ByteBuffer()
            for iteration in benchmark.scaledIterations {
                buffer.clear()
                try? encoder.encode(data: request.frame(requestID: UInt32(iteration)), out: &buffer)
                try? encoder.encode(data: response.frame(opcode: .similar, requestID: UInt32(iteration)), out: &buffer)
                blackHole(buffer.readableBytes)
            }
        }

        Benchmark("codec: decode request + 10-hit response", configuration: .init(timeUnits: .microseconds, scalingFactor: .kilo)) { benchmark in
            var bytes = ByteBuffer()
            let encoder = FrameEncoder()
            try? encoder.encode(data: request.frame(requestID: 1), out: &bytes)
            try? encoder.encode(data: response.frame(opcode: .similar, requestID: 1), out: &bytes)
            for _ in benchmark.scaledIterations {
                var buffer = bytes
                var decoder = FrameDecoder()
                if case .frame(let frame)? = try? decoder.decode(buffer: &buffer) { blackHole(PodsimRequest.decode(frame)) }
                if case .frame(let frame)? = try? decoder.decode(buffer: &buffer) { blackHole(PodsimResponse.decode(frame)) }
            }
        }
    }
}
