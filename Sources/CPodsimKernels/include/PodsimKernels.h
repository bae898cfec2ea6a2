// Scan kernels for the CPU they run on: the Float dot product in podsim's canonical summation
// order (see Sources/PodsimCore/Index/DotProduct.swift) and the int8 code scan, each compiled for
// baseline x86-64 (SSE2, or the target's baseline elsewhere), AVX2 and AVX-512 with per-function
// target attributes, and chosen at run time by CPU feature detection.
//
// Layout (as VectorIndex states it): row i of a Float index is vectors[i * dimensions + j];
// row i of the int8 codes is codes[i * stride + j]. Every kernel scores a list of rows, several
// rows at a time so that their independent sums hide the latency of the adds.
#ifndef PODSIM_KERNELS_H
#define PODSIM_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Kernel levels, lowest first. A level's kernels run only on a CPU (and OS) that supports it.
enum {
    PODSIM_KERNEL_BASELINE = 0,
    PODSIM_KERNEL_AVX2 = 1,
    PODSIM_KERNEL_AVX512 = 2,
    PODSIM_KERNEL_LEVELS = 3,
};

/// A hint to bring the cache line holding `address` in, for a read soon (no fault on any
/// address). For loops over rows in random order — a guest's evidence, a fusion pool — whose
/// next row's place is known before this row's work is done.
static inline void podsim_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// scores[i] = the canonical dot product of `query` with row rows[i], for i < count.
/// `query` holds `dimensions` rounded up to a multiple of 16 Floats, zero past `dimensions`;
/// a row is read only up to `dimensions` (the last row of a mapped file is never overrun).
typedef void (*podsim_float_rows_fn)(const float *query, const float *vectors, size_t dimensions,
                                     const ptrdiff_t *rows, size_t count, float *scores);

/// scores[i] = (float)(Σⱼ levels[j]·codes[rows[i]·stride + j]) · scale, for i < count. The
/// integer sum is exact (|Σ| < 2³¹ for the quantizer's ranges), so every level agrees exactly.
/// `stride` is a multiple of 16.
typedef void (*podsim_int8_rows_fn)(const int16_t *levels, const int8_t *codes, size_t stride,
                                    float scale, const ptrdiff_t *rows, size_t count, float *scores);

/// Several queries against a run of rows, each row read once for all of them:
/// scores[q·count + i] = the canonical dot product of query q with row first + i, for
/// q < query_count, i < count. Query q starts at queries + q·query_stride and holds `dimensions`
/// rounded up to a multiple of 16 Floats, zero past `dimensions`. The same bits as `float_rows`
/// gives each query alone. A batch of queries waiting on one model (`VectorIndex.search(batch:)`).
typedef void (*podsim_float_block_fn)(const float *queries, size_t query_count, size_t query_stride,
                                      const float *vectors, size_t dimensions, size_t first, size_t count,
                                      float *scores);

typedef struct {
    int level;
    const char *name;
    podsim_float_rows_fn float_rows;
    podsim_int8_rows_fn int8_rows;
    podsim_float_block_fn float_block;
} podsim_kernels;

/// The first i < count with !(scores[i] < threshold) — a score that may enter a top-k whose
/// entry threshold is `threshold` (a NaN counts) — or `count` when there is none. Most of a
/// batch's scores are below its queries' thresholds; this skips them 16 at a time.
size_t podsim_first_at_least(const float *scores, size_t count, float threshold);

/// The kernels of `level`, or NULL when this CPU or build cannot run them.
const podsim_kernels *podsim_kernels_for_level(int level);

/// The highest level this CPU runs.
const podsim_kernels *podsim_kernels_best(void);

#ifdef __cplusplus
}
#endif

#endif
