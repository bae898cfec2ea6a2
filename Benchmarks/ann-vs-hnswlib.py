"""podsim's HNSW graph path against python hnswlib on the same vectors, in the same run.

    Benchmarks/ann-vs-hnswlib.sh --model MODEL [--rounds 3] [--queries 200] [--ef 16,32,64,128,256]

(the .sh wrapper makes the anchors' venv outside the repository, /work/venv-anchors by default,
and runs this file with its Python). The model's vectors go out through `podsim export --vectors`
and into hnswlib's inner-product space, so both index exactly the same unit vectors.

Build, `--build-rounds` times: `podsim index` on a copy of the model (hnswlib 0.6 from Debian, M 16,
ef_construction 200, every core in deterministic batches; its own "linked … in S s" is the time,
the whole command's beside it) against hnswlib's `add_items` (M 16, ef_construction 200) on every
core and on one thread. Queries: each round runs `podsim bench scan --model COPY --threads 1 --sweep-ef …` (every
query timed once at each ef, median) and then hnswlib's `knn_query` one query per call, one
thread, k = 10, over the same number of stored rows as queries; recall@10 of both against the
exact answer. Medians over rounds; each ratio is taken inside its round, so drift on a shared
machine falls on both sides.

On a shared machine the two halves can run as separate (shorter) locked runs:
`--only build` times the builds alone and saves hnswlib's index to `--anchor-index PATH`;
`--only query` skips the builds, queries the model's own graph (it must have one: `podsim build
--index hnsw` or `podsim index`) and loads hnswlib's index from PATH (built on every core and
saved there when it is missing).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import hnswlib
import numpy as np


def run(command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def hnswlib_build(data, threads):
    index = hnswlib.Index(space="ip", dim=data.shape[1])
    index.init_index(max_elements=data.shape[0], M=16, ef_construction=200, random_seed=100)
    index.set_num_threads(threads)
    start = time.perf_counter()
    index.add_items(data, np.arange(data.shape[0]))
    return index, time.perf_counter() - start


def hnswlib_sweep(index, data, efs, queries, seed):
    rng = np.random.default_rng(seed)
    picks = data[rng.integers(0, data.shape[0], queries)]
    truth = [set(np.argpartition(-(data @ q), 10)[:10].tolist()) for q in picks]
    index.set_num_threads(1)
    results = {}
    for ef in efs:
        index.set_ef(ef)
        index.knn_query(picks[:1], k=10)  # first touch
        times, found = [], 0
        for q, exact in zip(picks, truth):
            start = time.perf_counter()
            labels, _ = index.knn_query(q.reshape(1, -1), k=10)
            times.append(time.perf_counter() - start)
            found += len(exact & set(labels[0].tolist()))
        results[ef] = (statistics.median(times) * 1e3, found / (10 * queries))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--podsim", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "podsim"))
    parser.add_argument("--model", required=True, help="a podsim model file (its vectors are exported)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--ef", default="16,32,64,128,256", help="candidate list sizes to sweep")
    parser.add_argument("--build-rounds", type=int, default=1, help="times each side builds (medians)")
    parser.add_argument("--only", choices=["build", "query"], help="run one half (see above)")
    parser.add_argument("--anchor-index", help="where hnswlib's index is saved (--only build) or loaded (--only query)")
    args = parser.parse_args()
    efs = [int(x) for x in args.ef.split(",")]
    if args.rounds < 1 or args.build_rounds < 1 or args.queries < 1 or min(efs) < 1:
        parser.error("every count must be at least 1")
    work = tempfile.mkdtemp(prefix="ann-vs-hnswlib-")
    try:
        vectors = os.path.join(work, "vectors.npy")
        run([args.podsim, "export", "--model", args.model, "--vectors", vectors])
        data = np.load(vectors)
        if args.only == "query":
            copy = args.model
            anchor = hnswlib.Index(space="ip", dim=data.shape[1])
            if args.anchor_index and os.path.exists(args.anchor_index):
                anchor.load_index(args.anchor_index, max_elements=data.shape[0])
            else:
                anchor, _ = hnswlib_build(data, os.cpu_count())
                if args.anchor_index:
                    anchor.save_index(args.anchor_index)
        else:
            copy = os.path.join(work, "model.podsim")
            builds = []
            for round in range(args.build_rounds):
                shutil.copyfile(args.model, copy)
                start = time.perf_counter()
                output = subprocess.run([args.podsim, "index", "--model", copy], check=True, capture_output=True, text=True)
                podsim_whole = time.perf_counter() - start
                linked = re.search(r"\(the graph ([0-9.]+) s", output.stdout)
                podsim_link = float(linked.group(1)) if linked else podsim_whole
                anchor, anchor_all = hnswlib_build(data, os.cpu_count())
                if args.anchor_index and round == 0:
                    anchor.save_index(args.anchor_index)
                _, anchor_one = hnswlib_build(data, 1)
                builds.append((podsim_link, podsim_whole, anchor_all, anchor_one))
                print(f"build round {round + 1}: podsim links {podsim_link:.1f} s ({podsim_whole:.1f} s with the model read and "
                      f"written) | hnswlib {anchor_all:.1f} s ({os.cpu_count()} threads), {anchor_one:.1f} s (1 thread)", file=sys.stderr)
            median = lambda i: statistics.median(b[i] for b in builds)
            ratio = statistics.median(b[0] / b[2] for b in builds)
            print(f"{data.shape[0]} x {data.shape[1]} vectors from {os.path.basename(args.model)}; load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            print(f"build, medians of {len(builds)}: podsim index links {median(0):.1f} s on {os.cpu_count()} threads "
                  f"({median(1):.1f} s with the model read and written) | hnswlib {median(2):.1f} s ({os.cpu_count()} threads), "
                  f"{median(3):.1f} s (1 thread) | podsim/hnswlib on {os.cpu_count()} threads {ratio:.2f}x")
            if args.only == "build":
                return
        rounds = []
        for round in range(args.rounds):
            podsim = json.loads(run([
                args.podsim, "bench", "scan", "--model", copy, "--threads", "1", "--json", "--skip-plain",
                "--repetitions", "3", "--queries", str(args.queries), "--probe-megabytes", "64", "--sweep-ef", args.ef]))
            ours = {p["ef"]: (p["p50_ms"], p["recall_at_10"]) for p in podsim["ann_sweep"]}
            theirs = hnswlib_sweep(anchor, data, efs, args.queries, seed=round)
            rounds.append((ours, theirs))
            print(f"round {round + 1}: " + ", ".join(
                f"ef {ef} podsim {ours[ef][0]:.3f} ms r {ours[ef][1]:.3f} / hnswlib {theirs[ef][0]:.3f} ms r {theirs[ef][1]:.3f}"
                for ef in efs), file=sys.stderr)
        print(f"{data.shape[0]} x {data.shape[1]} vectors from {os.path.basename(args.model)}; hnswlib {hnswlib.__version__ if hasattr(hnswlib, '__version__') else ''} "
              f"M 16, ef_construction 200; one query per call, one thread, k = 10, {args.queries} queries; medians of {args.rounds} rounds; "
              f"load at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"{'ef':>5} {'podsim p50 ms':>14} {'recall@10':>10} {'hnswlib p50 ms':>15} {'recall@10':>10} {'podsim/hnswlib':>15}")
        for ef in efs:
            ours = statistics.median(r[0][ef][0] for r in rounds)
            theirs = statistics.median(r[1][ef][0] for r in rounds)
            ratio = statistics.median(r[0][ef][0] / r[1][ef][0] for r in rounds)
            print(f"{ef:>5} {ours:>14.3f} {rounds[0][0][ef][1]:>10.4f} {theirs:>15.3f} {rounds[0][1][ef][1]:>10.4f} {ratio:>14.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
