// A C-callable shim over hnswlib (Debian's libhnswlib-dev, header-only): the HNSW graph index of
// "Efficient and robust approximate nearest neighbor search using Hierarchical Navigable Small
// World graphs" (Malkov & Yashunin, 2018). PodsimCore wraps it in GraphIndex.swift alone.
//
// The graph stores no copy of the vectors: a point's distance reads row `label` of the caller's
// row-major Float vectors (`vectors[label * dimensions + j]`), through podsim's own scan kernel
// (CPodsimKernels, canonical summation order, chosen at run time by CPUID), as 1 − dot product
// (hnswlib's inner-product space, on unit vectors). So the graph is as portable as the kernels,
// its distances are the same bits on every kernel level, and the caller's vectors must outlive it.
//
// Labels are rows: point i is row i, added in row order. Construction runs on any number of threads
// and the graph (and its serialized bytes) depends only on the vectors, M, ef_construction, the seed
// and the rows of each add call — never on the thread count (BatchInsertion.cpp says how).
#ifndef PODSIM_GRAPH_H
#define PODSIM_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct podsim_graph podsim_graph;

/// An empty graph for `count` rows of `vectors` (row-major, `dimensions` Floats each), with `m`
/// links per node (2·m on the bottom layer), candidate list `ef_construction` while linking, and
/// `seed` for hnswlib's level generator. NULL with a message in `error` on failure.
podsim_graph *podsim_graph_create(const float *vectors, size_t count, size_t dimensions, size_t m,
                                  size_t ef_construction, uint64_t seed, char *error, size_t error_capacity);

/// The most rows linked as one batch by podsim_graph_add (a batch is also at most 1/32 of the rows
/// already linked, and at least one row).
#define PODSIM_GRAPH_LARGEST_BATCH 1024

/// Adds rows first..<first+count, which must be the next rows in order, on up to `threads` threads,
/// in batches: the same graph for any `threads`. 0 on success; −1 with a message in `error`.
int podsim_graph_add(podsim_graph *graph, size_t first, size_t count, size_t threads, char *error,
                     size_t error_capacity);

/// podsim_graph_add with batches of at most `largest_batch` rows (tests: with 1 it is hnswlib's
/// sequential addPoint, link for link).
int podsim_graph_add_in_batches(podsim_graph *graph, size_t first, size_t count, size_t threads,
                                size_t largest_batch, char *error, size_t error_capacity);

/// Adds rows through hnswlib's own addPoint, one at a time (tests: the reference of the above).
int podsim_graph_add_hnswlib(podsim_graph *graph, size_t first, size_t count, char *error, size_t error_capacity);

/// Rows added so far.
size_t podsim_graph_count(const podsim_graph *graph);

/// The `ef` nearest rows the graph finds for `query` (`dimensions` rounded up to a multiple of 16
/// Floats, zero-padded), exploring with a candidate list of `ef`: writes up to `ef` labels and
/// distances (1 − dot product), nearest first; returns how many. Safe from many threads at once.
size_t podsim_graph_search(const podsim_graph *graph, const float *query, size_t ef, int64_t *labels,
                           float *distances);

/// The same search through hnswlib's own `searchKnn`, for tests: podsim_graph_search must return
/// exactly these labels and distances.
size_t podsim_graph_search_hnswlib(const podsim_graph *graph, const float *query, size_t ef, int64_t *labels,
                                   float *distances);

/// Bytes `podsim_graph_serialize` writes.
size_t podsim_graph_serialized_size(const podsim_graph *graph);

/// hnswlib's own `saveIndex` layout (header, bottom layer, upper-layer link lists), into `buffer`.
void podsim_graph_serialize(const podsim_graph *graph, void *buffer);

/// A graph over `vectors` from serialized bytes, which it checks entirely (every count, offset and
/// link) before use. The bottom layer is used in place: `bytes` must outlive the graph and be
/// 4-byte aligned. NULL with a message in `error` when the bytes are not a valid graph of `count`
/// rows.
podsim_graph *podsim_graph_load(const void *bytes, size_t length, const float *vectors, size_t count,
                                size_t dimensions, char *error, size_t error_capacity);

void podsim_graph_free(podsim_graph *graph);

#ifdef __cplusplus
}
#endif

#endif
