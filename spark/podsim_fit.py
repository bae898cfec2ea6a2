"""podsim's fit on Apache Spark: TF-IDF and truncated SVD of a staged corpus.

`podsim build --spark MASTER` stages the catalogue (one line per episode, `ROW<TAB>"json text"`,
rows in model order), runs this script with spark-submit, and assembles the model file from what
it writes. Nobody needs to run it by hand; its arguments are podsim's to choose.

Stages (each failure is reported as one line `podsim-spark-error: STAGE: message` on stdout):
  read        the staged corpus, as text partitions
  analyse     `podsim analyze` per partition, a subprocess of the executor, so the corpus is
              analysed by the same code that analyses queries later (terms and counts per episode)
  vocabulary  document frequencies, min/max-df pruning, the term cap (highest df, ties by term
              in UTF-8 order), ids in UTF-8 order of the term text — VocabularySelection.swift
  tf-idf      weights (1 + ln tf) · idf with idf = ln((1 + n) / (1 + df)) + 1 (float32), rows
              L2-normalised in float64 in term-id order, stored as float32 — TFIDFWeighting.swift
  svd         RowMatrix.computeSVD (MLlib: ARPACK Lanczos on AᵀA, its products distributed)
  signs       canonical signs: in each column of U = A·V/σ the entry of largest magnitude is
              positive (lowest row on ties) — RandomizedSVD.canonicalizeSigns
  vectors     episode vectors A·V, L2-normalised, float32, streamed to the driver in row order

Output directory (little-endian binary, row-major):
  vocabulary.jsonl   one JSON array per term in id order: [term, df, display form]
  idf.f32            idf per term
  projection.f32     V, terms × k
  vectors.f32        episode vectors, episodes × k
  fit.json           singular values, ‖A‖F², counts, Spark version, master, times
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone

STAGE = ["start"]


def fail(stage, message):
    line = " ".join(str(message).split())[:600]
    print(f"podsim-spark-error: {stage}: {line}", flush=True)
    sys.exit(2)


START = time.monotonic()


def progress(message):
    print(f"podsim-spark: {message} ({time.monotonic() - START:.1f} s)", flush=True)


def one_line(error):
    """The informative line of a Spark/Py4J error: our own analyzer message when it is there,
    else the first line naming an exception."""
    text = str(error)
    for line in text.splitlines():
        if "podsim-analyze-failed:" in line:
            return line[line.index("podsim-analyze-failed:") + len("podsim-analyze-failed:"):].strip()
    for line in text.splitlines():
        stripped = line.strip().lstrip(":").strip()
        if "Exception:" in stripped or "Error:" in stripped:
            return stripped
    return " ".join(text.split())[:600] or type(error).__name__


def analyse_partition(podsim, configuration, fail_row):
    """Pipes a partition's lines through `podsim analyze`; yields ('D', row, [(term, count)])
    and ('S', stem, surface, count) records."""
    def run(index, lines):
        from pyspark import SparkFiles
        executable = SparkFiles.get(os.path.basename(podsim))
        command = [executable, "analyze", "--configuration", configuration]
        if fail_row is not None:
            command += ["--test-fail-at-row", str(fail_row)]
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)

            def feed():
                try:
                    for line in lines:
                        process.stdin.write(line.encode("utf-8") + b"\n")
                except BrokenPipeError:
                    pass  # the analyzer stopped early; its status and stderr say why
                finally:
                    try:
                        process.stdin.close()
                    except BrokenPipeError:
                        pass

            writer = threading.Thread(target=feed, daemon=True)
            writer.start()
            for raw in process.stdout:
                fields = raw.decode("utf-8").rstrip("\n").split("\t")
                if fields[0] == "D":
                    yield ("D", int(fields[1]), [(fields[i], int(fields[i + 1])) for i in range(2, len(fields), 2)])
                else:
                    yield ("S", fields[1], fields[2], int(fields[3]))
            status = process.wait()
            writer.join()
            if status != 0:
                errors.seek(0)
                lines_out = [l for l in errors.read().decode("utf-8", "replace").splitlines() if l.strip()]
                last = lines_out[-1] if lines_out else "(no message)"
                raise RuntimeError(
                    f"podsim-analyze-failed: partition {index}: podsim analyze exited with status {status}: {last}")
    return run


def select_vocabulary(frequencies, documents, analyzer):
    """VocabularySelection: prune by df, cap by highest df (ties: smaller term), ids by term."""
    min_df = analyzer["minDocumentFrequency"]
    max_documents = analyzer["maxDocumentFrequency"] * documents
    kept = frequencies.filter(lambda item: item[1] >= min_df and item[1] <= max_documents)
    cap = analyzer.get("maxFeatures")
    if cap is not None:
        # Python compares str by code point, which is UTF-8 byte order.
        selected = kept.takeOrdered(cap, key=lambda item: (-item[1], item[0]))
    else:
        selected = kept.collect()
    selected.sort(key=lambda item: item[0])
    return selected


def more_frequent(a, b):
    """Of two (count, surface word), the more frequent; on a tie the smaller word."""
    if a[0] != b[0]:
        return a if a[0] > b[0] else b
    return a if a[1] < b[1] else b


def idf_of(df, documents):
    import numpy as np
    return np.float32(math.log((1 + documents) / (1 + df)) + 1)


def weigh(term_ids, idf, terms):
    """One document's TF-IDF row as (ids, float32 values): TFIDFWeighting.normalizedWeights."""
    import numpy as np
    entries = sorted((term_ids[t], c) for t, c in terms if t in term_ids)
    raw = [(1 + math.log(c)) * float(idf[i]) for i, c in entries]
    norm = math.sqrt(sum(w * w for w in raw))  # summed in term-id order, as in Swift
    ids = np.array([i for i, _ in entries], dtype=np.int32)
    if norm == 0:
        return ids, np.zeros(len(entries), dtype=np.float32)
    return ids, np.array([w / norm for w in raw], dtype=np.float64).astype(np.float32)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--podsim", required=True)
    parser.add_argument("--analyzer", required=True, help="AnalyzerConfiguration JSON")
    parser.add_argument("--dimensions", type=int, required=True)
    parser.add_argument("--partitions", type=int, required=True)
    parser.add_argument("--test-fail-at-row", type=int)
    args = parser.parse_args()
    analyzer = json.loads(args.analyzer)
    started = datetime.now(timezone.utc)

    stage = "start"
    try:
        import numpy as np
        from pyspark import StorageLevel
        from pyspark.mllib.linalg import SparseVector
        from pyspark.mllib.linalg.distributed import RowMatrix
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName("podsim-fit").getOrCreate()
        sc = spark.sparkContext
        sc.setLogLevel("ERROR")
        sc.addFile(args.podsim)
        progress(f"Spark {sc.version} on {sc.master}, {args.partitions} partitions")

        stage = "read"
        corpus = "file://" + os.path.abspath(args.corpus) if "://" not in args.corpus else args.corpus
        lines = sc.textFile(corpus, minPartitions=args.partitions)

        stage = "analyse"
        records = lines.mapPartitionsWithIndex(
            analyse_partition(args.podsim, json.dumps(analyzer), args.test_fail_at_row)
        ).persist(StorageLevel.MEMORY_AND_DISK)
        documents = records.filter(lambda r: r[0] == "D").map(lambda r: (r[1], r[2]))
        n = documents.count()
        progress(f"analysed {n} episodes")

        stage = "vocabulary"
        frequencies = documents.flatMap(lambda d: ((t, 1) for t, _ in d[1])).reduceByKey(lambda a, b: a + b)
        selected = select_vocabulary(frequencies, n, analyzer)
        if not selected:
            fail(stage, f"no term survived pruning in {n} documents (minDocumentFrequency="
                        f"{analyzer['minDocumentFrequency']}, maxDocumentFrequency={analyzer['maxDocumentFrequency']})")
        terms = [t for t, _ in selected]
        term_ids = {t: i for i, t in enumerate(terms)}
        idf = np.array([idf_of(df, n) for _, df in selected], dtype=np.float32)
        # Display forms: per stem its most frequent surface word, ties the smallest (CorpusAccumulator).
        stems = {s for t in terms for s in t.split(" ")}
        stems_b = sc.broadcast(stems)
        surfaces = (records.filter(lambda r: r[0] == "S" and r[1] in stems_b.value)
                    .map(lambda r: ((r[1], r[2]), r[3])).reduceByKey(lambda a, b: a + b)
                    .map(lambda kv: (kv[0][0], (kv[1], kv[0][1])))
                    .reduceByKey(more_frequent)
                    .collectAsMap())
        display = [" ".join(surfaces[s][1] if s in surfaces else s for s in t.split(" ")) for t in terms]
        progress(f"vocabulary: kept {len(terms)} terms")

        stage = "tf-idf"
        width = len(terms)
        ids_b = sc.broadcast(term_ids)
        idf_b = sc.broadcast(idf)
        rows = documents.map(lambda d: (d[0], weigh(ids_b.value, idf_b.value, d[1]))).persist(StorageLevel.MEMORY_AND_DISK)
        # ‖A‖F² (for the share of variance kept) and the non-zeros, in one pass.
        frobenius, non_zeros = rows.map(
            lambda r: (float(np.dot(r[1][1].astype(np.float64), r[1][1].astype(np.float64))), len(r[1][0]))
        ).reduce(lambda a, b: (a[0] + b[0], a[1] + b[1]))
        progress(f"matrix: {n} × {width}, {non_zeros} non-zeros")

        stage = "svd"
        matrix = RowMatrix(rows.map(lambda r: SparseVector(width, r[1][0], r[1][1].astype(np.float64))), n, width)
        # The JVM-side rows are a conversion of the Python RDD: cache them, or every ARPACK
        # iteration would unpickle the whole matrix again.
        matrix._java_matrix_wrapper._java_model.rows().persist(sc._jvm.org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK())
        k = min(args.dimensions, n, width)
        # rCond as the local fit's numerical rank: σ below σ₁·max(m, n)·ε is rounding noise.
        svd = matrix.computeSVD(k, computeU=False, rCond=max(n, width) * np.finfo(np.float64).eps)
        sigma = np.array(svd.s.toArray(), dtype=np.float64)
        v = np.array(svd.V.toArray(), dtype=np.float64)
        order = np.argsort(-sigma, kind="stable")
        sigma, v = sigma[order], v[:, order]
        progress(f"svd: {len(sigma)} singular values, σ₁ = {sigma[0]:.4f}")

        stage = "signs"
        v_b = sc.broadcast(v)

        def column_extremes(index, part):
            best = None
            for row, (ids, values) in part:
                u = values.astype(np.float64) @ v_b.value[ids] if len(ids) else np.zeros(v_b.value.shape[1])
                magnitude = np.abs(u)
                if best is None:
                    best = (magnitude.copy(), np.full(len(u), row), u.copy())
                else:
                    better = magnitude > best[0]  # strictly: the lowest row wins ties
                    best[0][better] = magnitude[better]
                    best[1][better] = row
                    best[2][better] = u[better]
            if best is not None:
                yield best

        def keep_larger(a, b):
            take = (b[0] > a[0]) | ((b[0] == a[0]) & (b[1] < a[1]))
            return (np.where(take, b[0], a[0]), np.where(take, b[1], a[1]), np.where(take, b[2], a[2]))

        extremes = rows.mapPartitionsWithIndex(column_extremes).reduce(keep_larger)
        flips = np.where(extremes[2] < 0, -1.0, 1.0)
        v = v * flips
        v_b.unpersist()
        v_b = sc.broadcast(v)

        stage = "vectors"
        os.makedirs(args.output, exist_ok=True)

        def project(part):
            for row, (ids, values) in part:
                u = values.astype(np.float64) @ v_b.value[ids] if len(ids) else np.zeros(v_b.value.shape[1])
                vector = u.astype(np.float32)
                norm = math.sqrt(float(np.dot(vector.astype(np.float64), vector.astype(np.float64))))
                if norm > 0:
                    vector = (vector.astype(np.float64) / norm).astype(np.float32)
                yield row, vector.tobytes()

        expected = 0
        with open(os.path.join(args.output, "vectors.f32"), "wb") as out:
            for row, data in rows.mapPartitions(project).toLocalIterator():
                if row != expected:
                    fail(stage, f"episode rows out of order: got row {row}, expected {expected}")
                out.write(data)
                expected += 1
        if expected != n:
            fail(stage, f"wrote {expected} vectors for {n} episodes")

        stage = "write"
        with open(os.path.join(args.output, "vocabulary.jsonl"), "w", encoding="utf-8") as out:
            for (term, df), shown in zip(selected, display):
                out.write(json.dumps([term, df, shown], ensure_ascii=False) + "\n")
        idf.astype("<f4").tofile(os.path.join(args.output, "idf.f32"))
        v.astype("<f4").tofile(os.path.join(args.output, "projection.f32"))
        finished = datetime.now(timezone.utc)
        with open(os.path.join(args.output, "fit.json"), "w") as out:
            json.dump({
                "documents": n, "terms": width, "nonZeros": int(non_zeros),
                "singularValues": [float(s) for s in sigma], "squaredFrobeniusNorm": float(frobenius),
                "sparkVersion": sc.version, "master": sc.master,
                "started": started.strftime("%Y-%m-%dT%H:%M:%SZ"), "finished": finished.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "svd": "RowMatrix.computeSVD (MLlib, ARPACK Lanczos on AᵀA)",
            }, out)
        progress(f"done in {(finished - started).total_seconds():.1f} s")
        spark.stop()
    except SystemExit:
        raise
    except BaseException as error:  # every failure becomes one line naming its stage
        fail(stage, one_line(error))


if __name__ == "__main__":
    main()
