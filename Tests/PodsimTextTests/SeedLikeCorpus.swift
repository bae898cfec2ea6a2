import PodsimTestSupport

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
