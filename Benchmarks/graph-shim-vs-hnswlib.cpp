// Times the CPodsimGraph shim (build, one-query search at several ef) on raw float32 vectors;
// prints JSON. Not part of the repository's benchmarks: a check of the shim at -O2, built with
//   clang -O2 -c Sources/CPodsimKernels/Kernels.c -I Sources/CPodsimKernels/include -o kernels.o
//   clang++ -O2 -std=c++17 Benchmarks/graph-shim-vs-hnswlib.cpp Sources/CPodsimGraph/Graph.cpp kernels.o \
//     -I Sources/CPodsimGraph/include -I Sources/CPodsimKernels/include -o harness
// and run as `harness vectors.f32 ROWS DIMENSIONS [picks.i64]` (raw little-endian float32, unit
// rows; the optional query rows as raw int64, 200 of them, so python hnswlib can take the same).
// Each ef times podsim_graph_search (the shim's port of searchKnn with batched, prefetched
// distances) and podsim_graph_search_hnswlib (hnswlib's own searchKnn through the shim's distance
// function, the search before the port) on the same graph, query by query in turn.
// docs/PERFORMANCE.md has the run and the python hnswlib figures beside it.
#include "PodsimGraph.h"
#include "PodsimKernels.h"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <vector>
int main(int argc, char **argv) {
    size_t n = atol(argv[2]), d = atol(argv[3]), queries = 200;
    std::vector<float> v(n * d);
    FILE *f = fopen(argv[1], "rb"); fread(v.data(), 4, n * d, f); fclose(f);
    char err[256];
    auto t0 = std::chrono::steady_clock::now();
    podsim_graph *g = podsim_graph_create(v.data(), n, d, 16, 200, 42, err, 256);
    podsim_graph_add(g, 0, n, err, 256);
    double build = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::vector<unsigned char> bytes(podsim_graph_serialized_size(g));
    podsim_graph_serialize(g, bytes.data());
    podsim_graph_free(g);
    g = podsim_graph_load(bytes.data(), bytes.size(), v.data(), n, d, err, 256);
    if (!g) { printf("load failed %s\n", err); return 1; }
    std::mt19937_64 rng(1);
    std::vector<size_t> picks(queries);
    for (auto &p : picks) p = rng() % n;
    if (argc > 4) {
        std::vector<int64_t> given(queries);
        FILE *pf = fopen(argv[4], "rb"); fread(given.data(), 8, queries, pf); fclose(pf);
        for (size_t q = 0; q < queries; q++) picks[q] = size_t(given[q]);
    }
    const podsim_kernels *k = podsim_kernels_best();
    std::vector<std::set<long>> truth(queries);
    std::vector<ptrdiff_t> all(n); for (size_t i = 0; i < n; i++) all[i] = i;
    std::vector<float> scores(n);
    for (size_t q = 0; q < queries; q++) {
        k->float_rows(v.data() + picks[q] * d, v.data(), d, all.data(), n, scores.data());
        std::vector<long> idx(n); for (size_t i = 0; i < n; i++) idx[i] = i;
        std::partial_sort(idx.begin(), idx.begin() + 10, idx.end(), [&](long a, long b) { return scores[a] > scores[b] || (scores[a] == scores[b] && a < b); });
        truth[q] = std::set<long>(idx.begin(), idx.begin() + 10);
    }
    printf("{\"build_seconds\": %.2f, \"graph_bytes\": %zu, \"sweep\": [", build, bytes.size());
    int efs[] = {16, 32, 64, 128, 256};
    using Search = size_t (*)(const podsim_graph *, const float *, size_t, int64_t *, float *);
    Search paths[2] = {podsim_graph_search, podsim_graph_search_hnswlib};
    for (int e = 0; e < 5; e++) {
        int ef = efs[e];
        std::vector<int64_t> labels(ef); std::vector<float> dist(ef);
        std::vector<double> times[2]; int found[2] = {0, 0};
        for (size_t q = 0; q < queries; q++) {
            for (int path = 0; path < 2; path++) {
                auto s = std::chrono::steady_clock::now();
                size_t got = paths[path](g, v.data() + picks[q] * d, ef, labels.data(), dist.data());
                // exact rescoring of the candidates, as GraphIndex.search does
                std::vector<ptrdiff_t> rows(labels.begin(), labels.begin() + got); std::vector<float> sc(got);
                k->float_rows(v.data() + picks[q] * d, v.data(), d, rows.data(), got, sc.data());
                std::vector<size_t> order(got); for (size_t i = 0; i < got; i++) order[i] = i;
                std::partial_sort(order.begin(), order.begin() + std::min<size_t>(10, got), order.end(), [&](size_t a, size_t b) { return sc[a] > sc[b] || (sc[a] == sc[b] && rows[a] < rows[b]); });
                times[path].push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - s).count());
                for (size_t i = 0; i < std::min<size_t>(10, got); i++) found[path] += truth[q].count(rows[order[i]]);
            }
        }
        for (auto &t : times) std::sort(t.begin(), t.end());
        printf("%s{\"ef\": %d, \"p50_ms\": %.4f, \"recall\": %.4f, \"searchKnn_p50_ms\": %.4f, \"searchKnn_recall\": %.4f}", e ? ", " : "", ef,
               times[0][queries / 2] * 1e3, found[0] / (10.0 * queries), times[1][queries / 2] * 1e3, found[1] / (10.0 * queries));
    }
    printf("]}\n");
}
