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
  svd         the local fit's randomized block Krylov SVD (RandomizedSVD.swift) written over
              MLlib's RowMatrix, seeded with --seed: each A·P is RowMatrix.multiply, each
              Aᵀ·(A·P) is summed per partition over the cached CSR blocks (RowMatrix multiplies
              only on the right) and the partitions' sums are added in partition order; the
              terms × s basis, Rayleigh–Ritz and the small SVD of R run on the driver, R itself
              from RowMatrix.tallSkinnyQR of A·D on the executors. tallSkinnyQR combines its partitions' factors in the
              order tasks finish: two runs with one seed agree to rounding, not to the bit
  signs       canonical signs: in each column of U = A·V/σ the entry of largest magnitude is
              positive (lowest row on ties) — RandomizedSVD.canonicalizeSigns
  vectors     episode vectors A·V, L2-normalised, float32, and the TF-IDF rows, streamed to the
              driver in row order

Output directory (little-endian binary, row-major):
  vocabulary.jsonl   one JSON array per term in id order: [term, df, display form]
  idf.f32            idf per term
  projection.f32     V, terms × k
  vectors.f32        episode vectors, episodes × k
  lexical-offsets.u64, lexical-terms.u32, lexical-weights.f32
                     the TF-IDF rows (CSR: episodes + 1 offsets, then term ids and weights), for
                     the model's lexical sections (LXOF, LXTM, LXWT)
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


def enter(stage):
    """Announces a stage to podsim (`podsim-spark-stage: NAME`), so that a job that dies without
    a word — its JVM out of memory — is still reported with the stage it was in."""
    print(f"podsim-spark-stage: {stage}", flush=True)
    return stage


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
    """VocabularySelection: prune by df (a character gram, `#…`, needs 2 episodes whatever the
    minimum), cap by highest df (ties: smaller term), ids by term."""
    min_df = analyzer["minDocumentFrequency"]
    gram_min_df = max(min_df, 2)
    max_documents = analyzer["maxDocumentFrequency"] * documents
    kept = frequencies.filter(lambda item: item[1] >= (gram_min_df if item[0].startswith("#") else min_df)
                              and item[1] <= max_documents)
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


def weigh(term_ids, idf, terms, blocks=None):
    """One document's TF-IDF row as (ids, float32 values): TFIDFWeighting.normalizedWeights.
    `blocks` (gram terms, share): the character grams (the first ids) and the words are
    normalised apart, to norms √share and √(1 − share), when a row has both."""
    import numpy as np
    entries = sorted((term_ids[t], c) for t, c in terms if t in term_ids)
    raw = [(1 + math.log(c)) * float(idf[i]) for i, c in entries]
    ids = np.array([i for i, _ in entries], dtype=np.int32)
    if blocks is not None:
        split = next((k for k, (i, _) in enumerate(entries) if i >= blocks[0]), None)
        if split is not None and split > 0:
            gram_norm = math.sqrt(sum(w * w for w in raw[:split]))
            word_norm = math.sqrt(sum(w * w for w in raw[split:]))
            gram_scale, word_scale = math.sqrt(blocks[1]), math.sqrt(1 - blocks[1])
            return ids, np.array([w / gram_norm * gram_scale if k < split else w / word_norm * word_scale
                                  for k, w in enumerate(raw)], dtype=np.float64).astype(np.float32)
    norm = math.sqrt(sum(w * w for w in raw))  # summed in term-id order, as in Swift
    if norm == 0:
        return ids, np.zeros(len(entries), dtype=np.float32)
    return ids, np.array([w / norm for w in raw], dtype=np.float64).astype(np.float32)


BLOCK_ROWS = 1024
"""Rows per cached CSR block: a pass gathers nnz × l doubles per block (~60 MB at 1,024 rows of
~60 terms and l = 138), so a Python worker's memory stays bounded whatever the partition size."""


def to_blocks(part):
    """A partition's weighted rows (row, (ids, values)) as CSR blocks of up to BLOCK_ROWS rows,
    each also sorted by column (for Aᵀ products): a tuple (rows, indptr, indices, data,
    rowidx, order, starts, columns) of numpy arrays."""
    batch = []
    for item in part:
        batch.append(item)
        if len(batch) == BLOCK_ROWS:
            yield make_block(batch)
            batch = []
    if batch:
        yield make_block(batch)


def make_block(batch):
    import numpy as np
    rows = np.array([row for row, _ in batch], dtype=np.int64)
    counts = np.array([len(ids) for _, (ids, _) in batch], dtype=np.int64)
    indptr = np.zeros(len(batch) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    indices = np.concatenate([ids for _, (ids, _) in batch]).astype(np.int32)
    data = np.concatenate([values for _, (_, values) in batch]).astype(np.float32)
    rowidx = np.repeat(np.arange(len(batch), dtype=np.int32), counts)
    order = np.argsort(indices, kind="stable").astype(np.int32)
    sorted_columns = indices[order]
    starts = np.flatnonzero(np.r_[True, sorted_columns[1:] != sorted_columns[:-1]]) if len(order) else np.zeros(0, np.int64)
    return rows, indptr, indices, data, rowidx, order, starts, sorted_columns[starts]


def block_times(block, p):
    """A_block · P (rows × l), float64. Each row is summed in term-id order (reduceat): the same
    bits on every run."""
    import numpy as np
    rows, indptr, indices, data = block[:4]
    y = np.zeros((len(rows), p.shape[1]))
    nonempty = indptr[1:] > indptr[:-1]
    if nonempty.any():
        y[nonempty] = np.add.reduceat(p[indices] * data[:, None], indptr[:-1][nonempty], axis=0)
    return y


def block_transpose_times(block, y, out):
    """out += A_blockᵀ · Y (terms × l), each term's sum in row order."""
    import numpy as np
    _, _, _, data, rowidx, order, starts, columns = block
    if len(order):
        out[columns] += np.add.reduceat(y[rowidx[order]] * data[order][:, None], starts, axis=0)


def block_totals(part):
    """(‖A_part‖F², non-zeros) of a partition's blocks, summed in block order."""
    import numpy as np
    total, count = 0.0, 0
    for block in part:
        data = block[3].astype(np.float64)
        total += float(np.dot(data, data))
        count += len(data)
    return total, count


def row_vectors(part, width):
    """A partition's CSR blocks as MLlib sparse rows, in row order (the rows of the RowMatrix)."""
    import numpy as np
    from pyspark.mllib.linalg import SparseVector
    for block in part:
        _, indptr, indices, data = block[:4]
        values = data.astype(np.float64)
        for start, end in zip(indptr[:-1], indptr[1:]):
            yield SparseVector(width, indices[start:end], values[start:end])


def row_matrix(sc, blocks, n, width):
    """A as MLlib's RowMatrix over the same rows, partitions and order as `blocks`, its rows
    cached in the JVM (memory and disk) so each product does not convert them again."""
    from pyspark.mllib.linalg.distributed import RowMatrix
    matrix = RowMatrix(blocks.mapPartitions(lambda part: row_vectors(part, width)), n, width)
    # pyspark has no persist on a RowMatrix: the JVM RDD it wraps is cached in place.
    matrix._java_matrix_wrapper._java_model.rows().persist(
        sc._jvm.org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK())
    return matrix


def times(matrix, p):
    """A·P (rows × l, distributed) by MLlib's RowMatrix.multiply: on the executors, each row's
    dot products summed over its non-zeros in term order, so every run gives the same bits."""
    from pyspark.mllib.linalg import DenseMatrix
    return matrix.multiply(DenseMatrix(p.shape[0], p.shape[1], p.ravel(order="F")))


def row_chunks(part):
    """A partition of MLlib row vectors as numpy matrices of BLOCK_ROWS rows: the same cut as
    `to_blocks`, so chunk i of a partition holds the rows of its block i."""
    import numpy as np
    batch = []
    for vector in part:
        batch.append(vector.toArray())
        if len(batch) == BLOCK_ROWS:
            yield np.array(batch)
            batch = []
    if batch:
        yield np.array(batch)


def transpose_times_of(pairs, shape):
    """A_partᵀ·Y_part (terms × l) of one partition from its (CSR block, Y rows) pairs."""
    import numpy as np
    out = np.zeros(shape)
    for block, y in pairs:
        if len(y) != len(block[0]):
            raise RuntimeError(f"a block of {len(block[0])} rows met {len(y)} rows of A·P")
        block_transpose_times(block, y, out)
    return out


RESULT_BYTES = 256 << 20
"""Bytes of per-partition sums fetched by one job: in local mode they land in the JVM that also
caches the matrix (twice: as the Python blocks and as the RowMatrix's rows), and four 220 MB
sums at once ran a 6 GB heap out of memory at 1M episodes."""


def gram(sc, matrix, blocks, p):
    """AᵀA·P over the whole matrix: one pass. A·P is MLlib's (RowMatrix.multiply); RowMatrix
    multiplies only on the right, so Aᵀ·(A·P) is summed here, per partition over its cached CSR
    blocks zipped with its rows of A·P. The partitions' terms × l sums come back in groups of
    RESULT_BYTES at most (one Spark job each) and are added in partition order, so the result has the
    same bits on every run (a tree or shuffle reduction adds them in whatever order tasks
    finish)."""
    y = times(matrix, p).rows.mapPartitions(row_chunks)
    pairs = one_per_batch(blocks).zip(one_per_batch(y))
    partitions = pairs.getNumPartitions()
    group = max(1, RESULT_BYTES // max(1, p.size * 8))
    shape = p.shape  # the task closes over the shape only: naming p there would ship P with it
    total = None
    for start in range(0, partitions, group):
        for w in sc.runJob(pairs, lambda part: [transpose_times_of(part, shape)], range(start, min(partitions, start + group))):
            total = w if total is None else total + w
    # RowMatrix.multiply broadcasts P and leaves the broadcast to Spark's cleaner, which frees it
    # only once the JVM has collected it: at 1M episodes two passes' copies (220 MB, several
    # times over) ran an 8 GB driver out of memory. A collection here lets the cleaner free them.
    sc._jvm.System.gc()
    return total


def one_per_batch(rdd):
    """`rdd` pickled one element per batch: `zip` otherwise re-batches both sides 100 elements
    at a time, and 100 blocks of a megabyte or more, twice over, per task, crowd a local-mode
    JVM that also caches the matrix."""
    from pyspark.serializers import BatchedSerializer, CPickleSerializer
    return rdd._reserialize(BatchedSerializer(CPickleSerializer(), 1))


def tsqr_r(matrix, directions):
    """R of the thin QR of A·D (rows × l, never gathered on one machine): MLlib's
    RowMatrix.tallSkinnyQR, which factors each partition's rows and combines the R factors in a
    tree. Its last level combines them in the order tasks finish, so R — and with it σ and V —
    can differ between runs in the last bits (R is unique up to its rows' signs, which the SVD
    does not see)."""
    return times(matrix, directions).tallSkinnyQR(computeQ=False).R.toArray()


def block_krylov_svd(sc, matrix, blocks, n, d, k, oversampling, power_iterations, seed, progress):
    """The local fit's algorithm (RandomizedSVD.swift: randomized block Krylov, Musco & Musco
    2015, then Rayleigh–Ritz and a small SVD) on the terms side, written over MLlib's RowMatrix:
    every A·P is RowMatrix.multiply and the small SVD's R comes from RowMatrix.tallSkinnyQR, on
    the executors; the d × s basis lives on the driver. Ω is drawn from numpy's PCG64 seeded
    with --seed, so the seed reaches the SVD (OpenBLAS runs on one thread: its sums depend on
    the thread count). Returns (σ descending, V terms × kept)."""
    import numpy as np
    l = k + min(oversampling, d - k)
    block_count = min(power_iterations, (d + l - 1) // l) + 1
    omega = np.random.default_rng(seed).standard_normal((d, l))
    basis = np.linalg.qr(omega)[0]
    offsets, widths, projections = [0], [l], []
    for i in range(block_count):
        progress(f"Krylov block {i + 1}/{block_count}: {basis.shape[1]} of at most {block_count * l} directions")
        w = gram(sc, matrix, blocks, basis[:, offsets[i]:offsets[i] + widths[i]])
        c = basis.T @ w
        projections.append(c)
        width = min(l if i + 1 < block_count else 0, w.shape[1], d - basis.shape[1])
        if width <= 0:
            break
        # Block classical Gram–Schmidt twice, each followed by a QR (KrylovBasis.absorb).
        following = np.linalg.qr(w - basis @ c)[0][:, :width]
        following -= basis @ (basis.T @ following)
        following = np.linalg.qr(following)[0]
        offsets.append(basis.shape[1])
        widths.append(width)
        basis = np.hstack([basis, following])
    # T = Pᵀ·AᵀA·P from the recorded projections (KrylovBasis.projectedMatrix).
    s = basis.shape[1]
    t = np.zeros((s, s))
    for block, c in enumerate(projections):
        o, w_ = offsets[block], widths[block]
        t[:o, o:o + w_] = c[:o]
        t[o:o + w_, :o] = c[:o].T
        t[o:o + w_, o:o + w_] = (c[o:o + w_] + c[o:o + w_].T) / 2
    progress(f"Rayleigh–Ritz: the best {min(l, s)} of {s} directions")
    ritz = np.linalg.svd(t)[0]
    directions = basis @ ritz[:, :min(l, s)]
    del basis
    progress(f"small SVD of the {n}×{directions.shape[1]} matrix A·D (TSQR)")
    sigma, wt = np.linalg.svd(tsqr_r(matrix, directions))[1:]
    # Numerical rank as the local fit: σ below σ₁·max(m, n)·ε is rounding noise.
    tolerance = sigma[0] * max(n, d) * np.finfo(np.float64).eps
    kept = min(k, int(np.count_nonzero(sigma > tolerance)))
    return sigma[:kept], directions @ wt[:kept].T


def column_extremes(index, part, v):
    """Per column of U ∝ A·V of a partition: (|largest entry|, its row, its value), the lowest
    row on ties."""
    import numpy as np
    best = None
    for block in part:
        u = block_times(block, v)
        if not len(u):
            continue
        magnitude = np.abs(u)
        at = np.argmax(magnitude, axis=0)  # the first maximum: the lowest row
        columns = np.arange(u.shape[1])
        found = (magnitude[at, columns], block[0][at], u[at, columns])
        best = found if best is None else keep_larger(best, found)
    if best is not None:
        yield index, best


def keep_larger(a, b):
    import numpy as np
    take = (b[0] > a[0]) | ((b[0] == a[0]) & (b[1] < a[1]))
    return (np.where(take, b[0], a[0]), np.where(take, b[1], a[1]), np.where(take, b[2], a[2]))


def project(part, v):
    """Per block: (first row, rows, episode vectors A·V L2-normalised as float32, row ends,
    term ids, weights) — the last three are the block's TF-IDF rows for the lexical sections."""
    import numpy as np
    for block in part:
        rows, indptr, indices, data = block[:4]
        if len(rows) and not np.array_equal(rows, np.arange(rows[0], rows[0] + len(rows))):
            raise RuntimeError(f"rows {rows[0]}… of a block are not consecutive")
        vectors = block_times(block, v).astype(np.float32)
        wide = vectors.astype(np.float64)
        norms = np.sqrt(np.einsum("ij,ij->i", wide, wide))
        nonzero = norms > 0
        vectors[nonzero] = (wide[nonzero] / norms[nonzero, None]).astype(np.float32)
        yield (int(rows[0]) if len(rows) else -1, len(rows), vectors.astype("<f4").tobytes(),
               indptr[1:].astype("<u8").tobytes(), indices.astype("<u4").tobytes(), data.astype("<f4").tobytes())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--podsim", required=True)
    parser.add_argument("--analyzer", required=True, help="AnalyzerConfiguration JSON")
    parser.add_argument("--dimensions", type=int, required=True)
    parser.add_argument("--partitions", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--oversampling", type=int, required=True)
    parser.add_argument("--power-iterations", type=int, required=True)
    parser.add_argument("--test-fail-at-row", type=int)
    parser.add_argument("--test-out-of-memory", action="store_true")
    args = parser.parse_args()
    analyzer = json.loads(args.analyzer)
    started = datetime.now(timezone.utc)

    stage = enter("start")
    try:
        import numpy as np
        from pyspark import StorageLevel
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName("podsim-fit").getOrCreate()
        sc = spark.sparkContext
        sc.setLogLevel("ERROR")
        sc.addFile(args.podsim)
        progress(f"Spark {sc.version} on {sc.master}, {args.partitions} partitions")
        if args.test_out_of_memory:
            # Fills the driver's heap with 2 GB arrays, as a job too big for its memory would.
            held = sc._jvm.java.util.ArrayList()
            while True:
                held.add(sc._jvm.java.lang.reflect.Array.newInstance(sc._jvm.java.lang.Long.TYPE, 1 << 28))

        stage = enter("read")
        corpus = "file://" + os.path.abspath(args.corpus) if "://" not in args.corpus else args.corpus
        lines = sc.textFile(corpus, minPartitions=args.partitions)
        # Listing the input's splits here, not lazily in the first job, so that a corpus Spark
        # cannot read (a path the executors do not see, or one Hadoop cannot parse) fails in
        # this stage and is reported as such.
        lines.getNumPartitions()

        stage = enter("analyse")
        records = lines.mapPartitionsWithIndex(
            analyse_partition(args.podsim, json.dumps(analyzer), args.test_fail_at_row)
        ).persist(StorageLevel.MEMORY_AND_DISK)
        documents = records.filter(lambda r: r[0] == "D").map(lambda r: (r[1], r[2]))
        n = documents.count()
        progress(f"analysed {n} episodes")

        stage = enter("vocabulary")
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

        stage = enter("tf-idf")
        width = len(terms)
        ids_b = sc.broadcast(term_ids)
        idf_b = sc.broadcast(idf)
        # The matrix as CSR blocks of consecutive rows (numpy arrays): compact when cached, and
        # every pass below is a few vectorised numpy calls per block, not a Python loop per row.
        grams = analyzer.get("characterGrams")
        row_blocks = (sum(1 for t in terms if t.startswith("#")), grams["share"]) if grams else None
        blocks = (documents.map(lambda d: (d[0], weigh(ids_b.value, idf_b.value, d[1], row_blocks)))
                  .mapPartitions(to_blocks).persist(StorageLevel.MEMORY_AND_DISK))
        # ‖A‖F² (for the share of variance kept) and the non-zeros, in one pass, summed in
        # partition order so the total has the same bits on every run.
        per_partition = blocks.mapPartitionsWithIndex(
            lambda index, part: [(index, block_totals(part))]).collect()
        frobenius = sum(total for _, (total, _) in sorted(per_partition))
        non_zeros = sum(count for _, (_, count) in sorted(per_partition))
        records.unpersist()
        progress(f"matrix: {n} × {width}, {non_zeros} non-zeros")

        stage = enter("svd")
        k = min(args.dimensions, n, width)
        matrix = row_matrix(sc, blocks, n, width)
        sigma, v = block_krylov_svd(
            sc, matrix, blocks, n, width, k, args.oversampling, args.power_iterations, args.seed, progress)
        matrix._java_matrix_wrapper._java_model.rows().unpersist(False)
        progress(f"svd: {len(sigma)} singular values, σ₁ = {sigma[0]:.4f}")

        stage = enter("signs")
        v_b = sc.broadcast(v)
        extremes = [e for _, e in sorted(
            blocks.mapPartitionsWithIndex(lambda index, part: column_extremes(index, part, v_b.value)).collect())]
        best = extremes[0]
        for other in extremes[1:]:
            best = keep_larger(best, other)
        flips = np.where(best[2] < 0, -1.0, 1.0)
        v = v * flips
        v_b.unpersist()
        v_b = sc.broadcast(v)

        stage = enter("vectors")
        os.makedirs(args.output, exist_ok=True)
        # Episode vectors, and the TF-IDF rows for the model's lexical sections (LX), in row order.
        expected = 0
        offset = 0
        with open(os.path.join(args.output, "vectors.f32"), "wb") as vectors, \
                open(os.path.join(args.output, "lexical-offsets.u64"), "wb") as offsets, \
                open(os.path.join(args.output, "lexical-terms.u32"), "wb") as lexical_terms, \
                open(os.path.join(args.output, "lexical-weights.f32"), "wb") as weights:
            offsets.write(np.array([0], dtype="<u8").tobytes())
            for first, count, vector_bytes, row_ends, term_bytes, weight_bytes in \
                    blocks.mapPartitions(lambda part: project(part, v_b.value)).toLocalIterator(prefetchPartitions=True):
                if first != expected:
                    fail(stage, f"episode rows out of order: got row {first}, expected {expected}")
                vectors.write(vector_bytes)
                offsets.write((np.frombuffer(row_ends, dtype="<u8") + np.uint64(offset)).tobytes())
                lexical_terms.write(term_bytes)
                weights.write(weight_bytes)
                offset += len(term_bytes) // 4
                expected += count
        if expected != n:
            fail(stage, f"wrote {expected} vectors for {n} episodes")
        blocks.unpersist()

        stage = enter("write")
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
                "svd": f"randomized block Krylov, seed {args.seed}, oversampling {args.oversampling}, "
                       f"{args.power_iterations} iterations (MLlib RowMatrix.multiply and tallSkinnyQR on the "
                       f"executors, basis on the driver)",
            }, out)
        progress(f"done in {(finished - started).total_seconds():.1f} s")
        spark.stop()
    except SystemExit:
        raise
    except BaseException as error:  # every failure becomes one line naming its stage
        fail(stage, one_line(error))


if __name__ == "__main__":
    main()
