#!/usr/bin/env python3
"""What fitting on a sample costs (`podsim build --fit-sample N`): compares two models of the same
catalogue — one fitted on every episode, one on a sample — by their singular values and by the
top-10 neighbours of QUERIES seeded random episodes (exact inner-product scan of each model's
own unit vectors, the query itself left out). Prints one JSON object.

    python3 Benchmarks/sample-agreement.py full.podsim sampled.podsim [queries] [seed] [--truth truth.tsv]

With `--truth` (the file `podsim synth --truth` writes for the catalogue), it also prints, for
each model, the share of the 10 nearest of 1,000 seeded episodes that come from the query's own
dominant topic: whether the neighbourhoods that differ are worse, or near-ties reordered.

Reads the META section (singular values) straight from the model files (docs/MODEL-FORMAT.md)
and the vectors from `podsim export`'s .npy files next to them (pass PODSIM=binary to export).
Needs numpy (the anchors venv).
"""
import json
import os
import struct
import subprocess
import sys

import numpy as np


def meta(path):
    with open(path, "rb") as f:
        header = f.read(32)
        count = struct.unpack_from("<I", header, 12)[0]
        table = f.read(32 * count)
        for i in range(count):
            tag, _kind, offset, length, _checksum = struct.unpack_from("<4sIQQQ", table, 32 * i)
            if tag == b"META":
                f.seek(offset)
                return json.loads(f.read(length))
    raise SystemExit(f"{path}: no META section")


def export(path):
    """`podsim export` of the model's vectors (.npy) and ids (.ids) beside it, once."""
    if not (os.path.exists(path + ".npy") and os.path.exists(path + ".ids")):
        subprocess.run([os.environ.get("PODSIM", "podsim"), "export", "--model", path, "--vectors", path + ".npy",
                        "--ids", path + ".ids"], check=True)


def vectors(path):
    export(path)
    return np.load(path + ".npy", mmap_mode="r")


def ids(path):
    export(path)
    with open(path + ".ids") as f:
        return [line.rstrip("\n") for line in f]


def top10(v, batch):
    """The 10 nearest rows of each row in `batch` by an exact scan of `v`, itself left out."""
    scores = np.asarray(v[batch]) @ np.asarray(v).T
    scores[np.arange(len(batch)), batch] = -np.inf
    return np.argsort(-scores, axis=1, kind="stable")[:, :10]


def topic_share(path, truth, rows):
    v = vectors(path)
    topic = np.array([truth[i] for i in ids(path)])
    same = []
    for start in range(0, len(rows), 100):
        batch = rows[start:start + 100]
        same += list((topic[top10(v, batch)] == topic[batch][:, None]).mean(axis=1))
    return float(np.mean(same))


truth_path = None
if "--truth" in sys.argv:
    at = sys.argv.index("--truth")
    truth_path = sys.argv[at + 1]
    del sys.argv[at:at + 2]
full_path, sample_path = sys.argv[1], sys.argv[2]
queries = int(sys.argv[3]) if len(sys.argv) > 3 else 200
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
a, b = meta(full_path), meta(sample_path)
sa, sb = np.array(a["singularValues"]), np.array(b["singularValues"])
k = min(len(sa), len(sb))
relative = np.abs(sb[:k] - sa[:k]) / sa[:k]
va, vb = vectors(full_path), vectors(sample_path)
assert va.shape == vb.shape, (va.shape, vb.shape)
rows = np.random.default_rng(seed).choice(va.shape[0], size=queries, replace=False)
overlap = []
for start in range(0, queries, 50):
    batch = rows[start:start + 50]
    tops = [top10(v, batch) for v in (va, vb)]
    overlap += [len(set(x) & set(y)) / 10 for x, y in zip(*tops)]
topics = {}
if truth_path:
    truth = {}
    with open(truth_path) as f:
        for line in f:  # id TAB topic:weight topic:weight …, dominant first
            id_, mix = line.rstrip("\n").split("\t")
            truth[id_] = int(mix.split(" ")[0].split(":")[0])
    topic_rows = np.random.default_rng(seed).choice(va.shape[0], size=1000, replace=False)
    topics = {"same_topic_in_top10": {"queries": 1000, "chance": 1 / len(set(truth.values())),
                                      "full": topic_share(full_path, truth, topic_rows),
                                      "sample": topic_share(sample_path, truth, topic_rows)}}
print(json.dumps({
    "episodes": int(va.shape[0]), "full_documents": a["documentCount"], "sample_documents": b["documentCount"],
    "full_terms": a["terms"], "sample_terms": b["terms"],
    "sigma_relative_difference": {"max": float(relative.max()), "mean": float(relative.mean()),
                                  "sigma1": float(relative[0]), "sigma_k": float(relative[-1])},
    "top10_overlap": {"queries": queries, "mean": float(np.mean(overlap)), "min": float(np.min(overlap))},
    **topics,
}, indent=1))
