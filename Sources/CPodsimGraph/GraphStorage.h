// What the shim's two files share (not part of PodsimGraph.h): the space that gives hnswlib
// podsim's vectors and kernels, and the graph handle.
#ifndef PODSIM_GRAPH_STORAGE_H
#define PODSIM_GRAPH_STORAGE_H

#include "PodsimGraph.h"
#include "PodsimKernels.h"

#include <hnswlib/hnswlib.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace podsim_graph_detail {

using HNSW = hnswlib::HierarchicalNSW<float>;
using hnswlib::labeltype;
using hnswlib::tableint;

inline void fail(char *error, size_t capacity, const char *message) {
    if (error != nullptr && capacity > 0) snprintf(error, capacity, "%s", message);
}

// What the distance function needs: where hnswlib keeps its points (a stored point's data address
// lies in the bottom layer, one `elementBytes` block per point), and the caller's vectors.
struct RowSpaceParam {
    uintptr_t level0 = 0;
    size_t elementBytes = 0;
    size_t dataOffset = 0;
    size_t count = 0;
    const float *vectors = nullptr;
    size_t dimensions = 0;
    size_t padded = 0;  // dimensions rounded up to 16: what the kernel reads of a query
    podsim_float_rows_fn kernel = nullptr;

    // The row of a stored point's data address, or −1 for a query's (which lies elsewhere). A
    // point holds no vector bytes, so its data address is its label's (dataOffset ==
    // labelOffset), and the label is the row: one load where a division by elementBytes cost
    // more than the rest of the call.
    ptrdiff_t row(const void *data) const {
        uintptr_t address = reinterpret_cast<uintptr_t>(data);
        if (address < level0 || address >= level0 + count * elementBytes) return -1;
        hnswlib::labeltype label;
        memcpy(&label, data, sizeof label);
        return ptrdiff_t(label);
    }

    // Asks for the cache lines of rows[0..<n] before they are scored.
    void prefetch(const ptrdiff_t *rows, size_t n) const {
        for (size_t i = 0; i < n; i++) {
            const char *start = reinterpret_cast<const char *>(vectors + size_t(rows[i]) * dimensions);
            for (size_t offset = 0; offset < dimensions * sizeof(float); offset += 64) __builtin_prefetch(start + offset);
        }
    }
};

// hnswlib's inner-product distance, 1 − q·x, with podsim's kernel. `a` is a query (padded) or a
// stored point; `b` is always a stored point in hnswlib 0.6 (searches and linking).
inline float rowDistance(const void *a, const void *b, const void *parameter) {
    const RowSpaceParam &p = *static_cast<const RowSpaceParam *>(parameter);
    const float *query = static_cast<const float *>(a);
    ptrdiff_t aRow = p.row(a);
    if (aRow >= 0) {
        query = p.vectors + size_t(aRow) * p.dimensions;
        if (p.padded != p.dimensions) {
            // The kernel reads whole 16-Float steps of the query: pad a copy (while linking only;
            // a search's query comes padded).
            thread_local std::vector<float> paddedRow;
            paddedRow.assign(p.padded, 0.0f);
            memcpy(paddedRow.data(), query, p.dimensions * sizeof(float));
            query = paddedRow.data();
        }
    }
    ptrdiff_t bRow = p.row(b);
    float score = 0;
    if (bRow >= 0) {
        p.kernel(query, p.vectors, p.dimensions, &bRow, 1, &score);
    } else {
        ptrdiff_t first = 0;
        p.kernel(query, static_cast<const float *>(b), p.dimensions, &first, 1, &score);
    }
    return 1.0f - score;
}

class RowSpace : public hnswlib::SpaceInterface<float> {
public:
    RowSpaceParam param;
    // The graph holds no vector bytes: a point's data is its place in the bottom layer.
    size_t get_data_size() override { return 0; }
    hnswlib::DISTFUNC<float> get_dist_func() override { return rowDistance; }
    void *get_dist_func_param() override { return &param; }
};

}  // namespace podsim_graph_detail

struct podsim_graph {
    podsim_graph_detail::RowSpace space;
    std::unique_ptr<podsim_graph_detail::HNSW> hnsw;
    // Loaded graphs use the serialized bytes in place; hnswlib must not free them.
    bool borrowed = false;

    ~podsim_graph() {
        if (borrowed && hnsw) {
            hnsw->data_level0_memory_ = nullptr;  // free(nullptr) is a no-op
            hnsw->cur_element_count = 0;           // so its destructor frees no borrowed link list
        }
    }

    void describeStorage() {
        space.param.level0 = reinterpret_cast<uintptr_t>(hnsw->data_level0_memory_);
        space.param.elementBytes = hnsw->size_data_per_element_;
        space.param.dataOffset = hnsw->offsetData_;
        space.param.count = hnsw->max_elements_;
    }
};

#endif
