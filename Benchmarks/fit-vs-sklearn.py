"""podsim build against scikit-learn's TF-IDF + TruncatedSVD, the same catalogues in the same run.

    Benchmarks/fit-vs-sklearn.sh --debian debian.jsonl [--synthetic 100000] [--rounds 3] [--accuracy]

(the .sh wrapper makes the anchors' venv outside the repository, /work/venv-anchors by default,
and runs this file with its Python). For each catalogue — the Debian package descriptions
(`shared/bench/debian_catalogue.py OUT.jsonl` writes them) and a `podsim synth` catalogue — each
round times, as separate processes one after the other:

  podsim   `podsim build --seed 42 catalogue.jsonl` (defaults: k = 128, bigrams, p = 10, q = 4)
  sklearn  TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_df=0.5,
           stop_words="english") + TruncatedSVD(128, n_iter=5, random_state=42) on title + "\\n" +
           description, the text podsim analyses

with wall time and peak resident memory (ru_maxrss of that process alone, from wait4). It prints
medians over rounds and each round's ratio (sklearn time / podsim time), so drift on a shared
machine falls on both sides. --accuracy also compares σ₁…σ₁₂₈ at the defaults with a converged
run — podsim with --power-iterations/--oversampling raised, scikit-learn with ARPACK (tol 0) —
and prints the worst and mean relative error of each. The machine (lscpu model, load, memory
read bandwidth of one thread summing a 1 GiB NumPy buffer) heads the output.
"""
import argparse
import glob
import json
import os
import re
import selectors
import statistics
import subprocess
import sys
import tempfile
import time


def run_with_rusage(command):
    """Runs command as a direct child and returns (seconds, peak RSS bytes, CPU seconds, stdout,
    stderr). CPU time (user + system) is printed beside wall time: on a machine shared with other
    builds it says what the work cost when the wall clock mostly says how long it waited."""
    read_out, write_out = os.pipe()
    read_err, write_err = os.pipe()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(write_out, 1)
        os.dup2(write_err, 2)
        for fd in (read_out, read_err, write_out, write_err):
            os.close(fd)
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    os.close(write_out)
    os.close(write_err)
    # Drain both pipes while the child runs (a full pipe would block it).
    chunks = {read_out: [], read_err: []}
    selector = selectors.DefaultSelector()
    for fd in chunks:
        selector.register(fd, selectors.EVENT_READ)
    open_fds = set(chunks)
    while open_fds:
        for key, _ in selector.select():
            data = os.read(key.fd, 65536)
            if data:
                chunks[key.fd].append(data)
            else:
                selector.unregister(key.fd)
                os.close(key.fd)
                open_fds.discard(key.fd)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    out = b"".join(chunks[read_out]).decode()
    err = b"".join(chunks[read_err]).decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed ({os.waitstatus_to_exitcode(status)}):\n{err[-2000:]}")
    return seconds, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, out, err


def model_singular_values(path):
    """σ₁…σ_k from a model file's META section (JSON ModelInfo)."""
    data = open(path, "rb").read()
    at = data.index(b'"singularValues"')
    start = data.index(b"[", at)
    return json.loads(data[start : data.index(b"]", start) + 1])


# --unigrams: both sides without bigrams (podsim --no-bigrams --min-df 2, scikit-learn
# ngram_range (1, 1)): the bigram vocabulary scikit-learn builds before min_df prunes it does not
# fit in 24 GiB at 1M synthetic episodes (its worker was killed by the OOM killer at 24.3 GB).
UNIGRAMS = False


def podsim_fit(podsim, catalogue, extra=()):
    if UNIGRAMS:
        extra = ["--no-bigrams", "--min-df", "2", *extra]
    with tempfile.TemporaryDirectory() as directory:
        model = os.path.join(directory, "fit.podsim")
        command = [podsim, "build", "--seed", "42", "-o", model, *extra, catalogue]
        seconds, rss, cpu, out, _ = run_with_rusage(command)
        phases = re.search(r"^time (.*)$", out, re.M).group(1)
        terms = re.search(r"terms (\d+)", out).group(1)
        return {"seconds": seconds, "rss": rss, "cpu": cpu, "phases": phases, "terms": int(terms),
                "sigma": model_singular_values(model)}


def sklearn_fit(catalogue, exact=False):
    command = [sys.executable, __file__, "--sklearn-worker", catalogue] + (["--exact"] if exact else []) + (["--unigrams"] if UNIGRAMS else [])
    seconds, rss, cpu, out, _ = run_with_rusage(command)
    result = json.loads(out)
    result.update(seconds=seconds, rss=rss, cpu=cpu)
    return result


def sklearn_worker(catalogue, exact):
    """The anchor pipeline in this process: prints phase times, vocabulary size and σ as JSON."""
    import numpy as np
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()
    texts = []
    files = sorted(glob.glob(os.path.join(catalogue, "*.jsonl"))) if os.path.isdir(catalogue) else [catalogue]
    for name in files:
        with open(name, encoding="utf-8") as lines:
            for line in lines:
                episode = json.loads(line)
                texts.append(episode.get("title", "") + "\n" + episode.get("description", ""))
    loaded = time.perf_counter()
    vectorizer = TfidfVectorizer(ngram_range=(1, 1) if UNIGRAMS else (1, 2), sublinear_tf=True, min_df=2, max_df=0.5, stop_words="english")
    matrix = vectorizer.fit_transform(texts)
    vectorized = time.perf_counter()
    if exact:
        svd = TruncatedSVD(128, algorithm="arpack", tol=0, random_state=42)
    else:
        svd = TruncatedSVD(128, n_iter=5, random_state=42)
    svd.fit_transform(matrix)
    done = time.perf_counter()
    print(json.dumps({
        "phases": f"load {loaded - start:.3f} s, tf-idf {vectorized - loaded:.3f} s, svd {done - vectorized:.3f} s",
        "terms": matrix.shape[1], "nonzeros": int(matrix.nnz),
        "sigma": sorted(np.asarray(svd.singular_values_, dtype=float).tolist(), reverse=True)}))


def relative_errors(values, reference):
    errors = [abs(v - r) / r for v, r in zip(values, reference)]
    worst = max(range(len(errors)), key=errors.__getitem__)
    return max(errors), statistics.mean(errors), worst + 1


def bandwidth_gbs():
    """Single-thread streaming read bandwidth: summing a 1 GiB float64 buffer, best of 3."""
    import numpy as np
    data = np.ones(1 << 27)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        data.sum()
        best = min(best, time.perf_counter() - start)
    return data.nbytes / best / 1e9


def machine():
    model = "unknown"
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    return f"{model}, {os.cpu_count()} cores, load {' '.join(f'{x:.2f}' for x in os.getloadavg())}, read bandwidth {bandwidth_gbs():.1f} GB/s (1 thread)"


def compare(name, catalogue, podsim, rounds):
    print(f"\n== {name}{' (unigrams on both sides)' if UNIGRAMS else ''}: {catalogue}")
    podsim_runs, sklearn_runs, ratios = [], [], []
    for round in range(rounds):
        p = podsim_fit(podsim, catalogue)
        s = sklearn_fit(catalogue)
        podsim_runs.append(p)
        sklearn_runs.append(s)
        ratios.append(s["seconds"] / p["seconds"])
        print(f"round {round + 1}: podsim {p['seconds']:.2f} s (CPU {p['cpu']:.1f} s), {p['rss'] / 2**20:.0f} MiB ({p['phases']}; {p['terms']} terms) | "
              f"sklearn {s['seconds']:.2f} s (CPU {s['cpu']:.1f} s), {s['rss'] / 2**20:.0f} MiB ({s['phases']}; {s['terms']} terms) | "
              f"sklearn/podsim {ratios[-1]:.2f}× wall, {s['cpu'] / p['cpu']:.2f}× CPU; load {os.getloadavg()[0]:.1f}", flush=True)
    median = lambda runs, key: statistics.median(r[key] for r in runs)
    print(f"median of {rounds}: podsim {median(podsim_runs, 'seconds'):.2f} s, peak {median(podsim_runs, 'rss') / 2**20:.0f} MiB; "
          f"sklearn {median(sklearn_runs, 'seconds'):.2f} s, peak {median(sklearn_runs, 'rss') / 2**20:.0f} MiB; "
          f"speed-up {statistics.median(ratios):.2f}× wall, {statistics.median(s['cpu'] / p['cpu'] for p, s in zip(podsim_runs, sklearn_runs)):.2f}× CPU (medians of per-round ratios)")
    return podsim_runs[0], sklearn_runs[0]


def accuracy(catalogue, podsim, default_podsim, default_sklearn, iterations, oversampling):
    print(f"\n== σ₁…σ₁₂₈ accuracy on {catalogue}")
    converged = podsim_fit(podsim, catalogue, ["--power-iterations", str(iterations), "--oversampling", str(oversampling)])
    worst, mean, at = relative_errors(default_podsim["sigma"], converged["sigma"])
    print(f"podsim defaults vs --power-iterations {iterations} --oversampling {oversampling} ({converged['seconds']:.1f} s): "
          f"worst {worst * 100:.3f} % (σ{at}), mean {mean * 100:.3f} %")
    exact = sklearn_fit(catalogue, exact=True)
    worst, mean, at = relative_errors(default_sklearn["sigma"], exact["sigma"])
    print(f"sklearn TruncatedSVD(n_iter=5) vs ARPACK tol 0 ({exact['seconds']:.1f} s): worst {worst * 100:.3f} % (σ{at}), mean {mean * 100:.3f} %")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--podsim", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "podsim"))
    parser.add_argument("--debian", help="the Debian catalogue (JSON Lines); skipped when not given")
    parser.add_argument("--synthetic", type=int, default=100_000, help="synthetic episodes (0 = skip)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--accuracy", action="store_true", help="also compare σ with converged runs (Debian catalogue)")
    parser.add_argument("--reference-iterations", type=int, default=16)
    parser.add_argument("--reference-oversampling", type=int, default=128)
    parser.add_argument("--unigrams", action="store_true", help="both sides without bigrams (see UNIGRAMS)")
    parser.add_argument("--sklearn-worker", help=argparse.SUPPRESS)
    parser.add_argument("--exact", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    global UNIGRAMS
    UNIGRAMS = args.unigrams
    if args.sklearn_worker:
        return sklearn_worker(args.sklearn_worker, args.exact)
    if args.rounds < 1 or args.synthetic < 0:
        parser.error("--rounds must be at least 1 and --synthetic not negative")
    print(machine())
    if args.debian:
        podsim_run, sklearn_run = compare("Debian catalogue", args.debian, args.podsim, args.rounds)
        if args.accuracy:
            accuracy(args.debian, args.podsim, podsim_run, sklearn_run, args.reference_iterations, args.reference_oversampling)
    if args.synthetic:
        with tempfile.TemporaryDirectory() as directory:
            os.mkdir(os.path.join(directory, "catalogue"))
            catalogue = os.path.join(directory, "catalogue", "synthetic.jsonl")
            subprocess.run([args.podsim, "synth", "--episodes", str(args.synthetic), "--seed", "7", "-o", catalogue],
                           check=True, capture_output=True)
            if not os.path.exists(catalogue):
                # Large catalogues come as synthetic-001.jsonl, -002, … (podsim reads at most 256 MiB
                # a file): both sides then read the directory, in file-name order.
                catalogue = os.path.dirname(catalogue)
            compare(f"{args.synthetic} synthetic episodes", catalogue, args.podsim, args.rounds)
    print(f"load at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
