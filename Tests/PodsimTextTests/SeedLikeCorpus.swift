/// Synthetic episode descriptions shaped like the seed pages (glued sentences, mixed-case
/// product names, possessives, numbers, punctuation), from a seeded generator so every run
/// sees the same text.
func seedLikeCorpus(count: Int, seed: UInt64) -> [String] {
    var random = SplitMix64(seed: seed)
    let words = [
        "platform", "engineering", "teams", "Kubernetes", "clusters", "feature", "flags", "experimentation",
        "experiments", "observability", "tracing", "eBPF", "GraphQL", "DevOps", "OpenTofu", "Terraform",
        "modules", "security", "scans", "pipelines", "delivery", "Sören's", "naïve", "café", "k8s", "2026",
        "the", "and", "of", "with", "don't", "it's", "workflowsThe", "DagsterPete", "running", "migrations",
        "databases", "Postgres", "latency", "budgets", "on-call", "incidents", "reviews", "AI", "agents",
        "golden", "paths", "developer", "experience", "cost", "FinOps", "vCluster", "InfluxDB", "東京",
    ]
    let separators = [" ", " ", " ", " ", ", ", ". ", "\n", " -- ", "; ", "/"]
    return (0..<count).map { _ in
        var text = ""
        for _ in 0..<(8 + Int(random.next() % 40)) {
            text += words[Int(random.next() % UInt64(words.count))]
            text += separators[Int(random.next() % UInt64(separators.count))]
        }
        return text
    }
}

/// Steele, Lea & Flood's SplitMix64: tiny, fast, and identical on every platform.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
