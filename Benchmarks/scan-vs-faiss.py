"""podsim's scan paths against faiss-cpu's IndexFlatIP, the same sizes in the same run.

    Benchmarks/scan-vs-faiss.sh [--vectors 1000000] [--dimensions 128] [--rounds 3]

(the .sh wrapper makes the anchors' venv outside the repository, /work/venv-anchors by default,
and runs this file with its Python). Each round runs `podsim bench scan --threads 1 --json` on
synthetic vectors, then times faiss IndexFlatIP on the same number of vectors and dimensions —
one query per `search` call, one OpenMP thread, k = 10, the way a server asks — and prints every
podsim path's ms/query over faiss's. Medians over rounds; the ratio of each round is taken inside
the round, so drift on a shared machine falls on both sides.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import faiss
import numpy as np


def faiss_ms_per_query(vectors, dimensions, queries, repetitions, seed):
    rng = np.random.default_rng(seed)
    data = rng.standard_normal((vectors, dimensions), dtype=np.float32)
    faiss.normalize_L2(data)
    index = faiss.IndexFlatIP(dimensions)
    index.add(data)
    picks = data[rng.integers(0, vectors, queries)]
    index.search(picks[:1], 10)  # first touch
    times = []
    for repetition in range(repetitions):
        query = picks[repetition % queries : repetition % queries + 1]
        start = time.perf_counter()
        index.search(query, 10)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--podsim", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "podsim"))
    parser.add_argument("--vectors", type=int, default=1_000_000)
    parser.add_argument("--dimensions", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repetitions", type=int, default=9, help="queries timed per path per round (median)")
    parser.add_argument("--queries", type=int, default=50, help="distinct queries (podsim: also the recall sample)")
    args = parser.parse_args()
    if args.vectors < 1 or args.dimensions < 1 or args.rounds < 1 or args.repetitions < 1 or args.queries < 1:
        parser.error("every count must be at least 1")
    faiss.omp_set_num_threads(1)
    rounds = []
    for round in range(args.rounds):
        command = [args.podsim, "bench", "scan", "--threads", "1", "--json", "--vectors", str(args.vectors),
                   "--dimensions", str(args.dimensions), "--repetitions", str(args.repetitions),
                   "--queries", str(args.queries), "--skip-plain"]
        podsim = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        anchor = faiss_ms_per_query(args.vectors, args.dimensions, args.queries, args.repetitions, seed=round)
        rounds.append((podsim, anchor))
        print(f"round {round + 1}: faiss {anchor:.2f} ms/query; " + ", ".join(
            f"{p['path']} {p['ms_per_query']:.2f}" for p in podsim["paths"]), file=sys.stderr)
    first = rounds[0][0]
    print(f"{args.vectors} x {args.dimensions}, one query per call, 1 thread, k = 10; faiss {faiss.__version__} "
          f"IndexFlatIP; podsim kernel {first.get('kernel', '?')}; medians of {args.rounds} rounds")
    print(f"faiss IndexFlatIP: {statistics.median(a for _, a in rounds):.2f} ms/query; "
          f"the vectors read once at the measured bandwidth: "
          f"{statistics.median(p['vector_read_ms'] for p, _ in rounds):.2f} ms "
          f"({statistics.median(p['bandwidth_gb_per_s'] for p, _ in rounds):.1f} GB/s)")
    print(f"{'path':<22} {'ms/query':>9} {'recall@10':>10} {'/ faiss':>8}")
    for path in [p["path"] for p in first["paths"]]:
        ms = [next(p["ms_per_query"] for p in run["paths"] if p["path"] == path) for run, _ in rounds]
        ratio = [next(p["ms_per_query"] for p in run["paths"] if p["path"] == path) / anchor for run, anchor in rounds]
        recall = next(p["recall_at_10"] for p in first["paths"] if p["path"] == path)
        print(f"{path:<22} {statistics.median(ms):>9.2f} {recall:>10.4f} {statistics.median(ratio):>7.2f}x")


if __name__ == "__main__":
    main()
