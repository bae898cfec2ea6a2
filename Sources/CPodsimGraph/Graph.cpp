// The shim of PodsimGraph.h over hnswlib 0.6 (Debian's libhnswlib-dev). hnswlib builds and
// searches the graph; this file gives it podsim's vectors and kernels, and moves the graph to and
// from a byte buffer (hnswlib 0.6 saves only to a file path, and its loader trusts its input).
#include "PodsimGraph.h"
#include "PodsimKernels.h"

#include <hnswlib/hnswlib.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <queue>
#include <utility>
#include <vector>

namespace {

using HNSW = hnswlib::HierarchicalNSW<float>;
using hnswlib::labeltype;
using hnswlib::tableint;

// Bytes of hnswlib's saveIndex header: nine size_t-or-int fields, then maxM0, M, mult, ef_c.
constexpr size_t headerBytes = 6 * sizeof(size_t) + sizeof(int) + sizeof(tableint) + 4 * sizeof(size_t) + sizeof(double);
// hnswlib caps M at 10,000; a level above 64 would need more points than memory holds.
constexpr size_t largestM = 10000;
constexpr int highestLevel = 64;

void fail(char *error, size_t capacity, const char *message) {
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
float rowDistance(const void *a, const void *b, const void *parameter) {
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

// Bounds-checked reads of a serialized graph.
struct Cursor {
    const unsigned char *bytes;
    size_t length;
    size_t offset = 0;

    template <typename T> bool read(T &value) {
        if (length - offset < sizeof(T)) return false;
        memcpy(&value, bytes + offset, sizeof(T));
        offset += sizeof(T);
        return true;
    }
};

template <typename T> void put(unsigned char *&out, const T &value) {
    memcpy(out, &value, sizeof(T));
    out += sizeof(T);
}

}  // namespace

struct podsim_graph {
    RowSpace space;
    std::unique_ptr<HNSW> hnsw;
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

static bool setVectors(podsim_graph *graph, const float *vectors, size_t count, size_t dimensions, char *error,
                       size_t capacity) {
    const podsim_kernels *kernels = podsim_kernels_best();
    if (vectors == nullptr || count == 0 || dimensions == 0 || kernels == nullptr) {
        fail(error, capacity, "a graph needs at least one vector of at least one dimension");
        return false;
    }
    if (count > size_t(INT32_MAX)) {
        fail(error, capacity, "hnswlib numbers points with 32-bit ids: at most 2147483647 rows");
        return false;
    }
    RowSpaceParam &p = graph->space.param;
    p.vectors = vectors;
    p.count = count;
    p.dimensions = dimensions;
    p.padded = (dimensions + 15) / 16 * 16;
    p.kernel = kernels->float_rows;
    return true;
}

extern "C" podsim_graph *podsim_graph_create(const float *vectors, size_t count, size_t dimensions, size_t m,
                                             size_t ef_construction, uint64_t seed, char *error, size_t capacity) {
    std::unique_ptr<podsim_graph> graph(new (std::nothrow) podsim_graph());
    if (!graph) return fail(error, capacity, "out of memory"), nullptr;
    if (!setVectors(graph.get(), vectors, count, dimensions, error, capacity)) return nullptr;
    if (m < 2 || m > largestM) return fail(error, capacity, "M must be between 2 and 10000"), nullptr;
    try {
        graph->hnsw.reset(new HNSW(&graph->space, count, m, ef_construction, size_t(seed)));
        graph->describeStorage();
    } catch (const std::exception &failure) {
        fail(error, capacity, failure.what());
        return nullptr;
    }
    return graph.release();
}

extern "C" int podsim_graph_add(podsim_graph *graph, size_t first, size_t count, char *error, size_t capacity) {
    const RowSpaceParam &p = graph->space.param;
    if (first != graph->hnsw->cur_element_count || count > p.count - first) {
        fail(error, capacity, "rows must be added once each, in order");
        return -1;
    }
    std::vector<float> padded(p.padded, 0.0f);
    try {
        for (size_t row = first; row < first + count; row++) {
            // The new point is a query to the graph until it is linked: padded like one.
            memcpy(padded.data(), p.vectors + row * p.dimensions, p.dimensions * sizeof(float));
            graph->hnsw->addPoint(padded.data(), labeltype(row));
        }
    } catch (const std::exception &failure) {
        fail(error, capacity, failure.what());
        return -1;
    }
    return 0;
}

extern "C" size_t podsim_graph_count(const podsim_graph *graph) { return graph->hnsw->cur_element_count; }

namespace {

using Candidate = std::pair<float, tableint>;
using CandidateQueue = std::priority_queue<Candidate, std::vector<Candidate>, HNSW::CompareByFirst>;

// hnswlib's searchKnn(query, ef) with ef_ = 0 — the greedy descent through the upper layers, then
// searchBaseLayerST with ef candidates — over the same graph, visiting the same nodes in the same
// order and returning the same candidates, with one change for podsim's layout: a node's
// unvisited neighbours are scored by one kernel call after their vectors are prefetched. hnswlib
// prefetches a neighbour's data while it scores the previous one, but here a point's data is its
// label, and the vector lies in the model's VECT rows: scored one by one, each cost a dependent
// cache miss. Marking every neighbour visited before scoring any changes nothing (the marks do
// not depend on distances), and the heaps are updated in list order as hnswlib does. Labels are
// rows and internal ids (podsim_graph_load checks it), so no label is looked up.
struct GraphSearch {
    const HNSW &h;
    const RowSpaceParam &p;
    const float *query;
    std::vector<ptrdiff_t> rows;
    std::vector<float> scores;

    GraphSearch(const HNSW &h, const RowSpaceParam &p, const float *query)
        : h(h), p(p), query(query), rows(h.maxM0_ + 1), scores(h.maxM0_ + 1) {}

    // 1 − q·x for the first n entries of `rows`, into `scores`.
    void score(size_t n) {
        if (n == 0) return;
        p.prefetch(rows.data(), n);
        p.kernel(query, p.vectors, p.dimensions, rows.data(), n, scores.data());
        for (size_t i = 0; i < n; i++) scores[i] = 1.0f - scores[i];
    }

    // The upper layers' greedy descent: the node nearest the query on layer 1.
    tableint descend() {
        tableint current = h.enterpoint_node_;
        rows[0] = ptrdiff_t(current);
        score(1);
        float nearest = scores[0];
        for (int level = h.maxlevel_; level > 0; level--) {
            bool changed = true;
            while (changed) {
                changed = false;
                hnswlib::linklistsizeint *list = h.get_linklist(current, level);
                size_t size = h.getListCount(list);
                const tableint *links = reinterpret_cast<const tableint *>(list + 1);
                for (size_t i = 0; i < size; i++) rows[i] = ptrdiff_t(links[i]);
                score(size);
                for (size_t i = 0; i < size; i++) {
                    if (scores[i] < nearest) {
                        nearest = scores[i];
                        current = links[i];
                        changed = true;
                    }
                }
            }
        }
        return current;
    }

    // searchBaseLayerST<false> from `entry`: the ef nearest candidates, the farthest on top.
    CandidateQueue bottom(tableint entry, size_t ef) {
        hnswlib::VisitedList *visitedList = h.visited_list_pool_->getFreeVisitedList();
        hnswlib::vl_type *visited = visitedList->mass;
        hnswlib::vl_type tag = visitedList->curV;
        CandidateQueue top, candidates;
        rows[0] = ptrdiff_t(entry);
        score(1);
        float lowerBound = scores[0];
        top.emplace(scores[0], entry);
        candidates.emplace(-scores[0], entry);
        visited[entry] = tag;
        while (!candidates.empty()) {
            Candidate current = candidates.top();
            if (-current.first > lowerBound) break;
            candidates.pop();
            hnswlib::linklistsizeint *list = h.get_linklist0(current.second);
            size_t size = h.getListCount(list);
            const tableint *links = reinterpret_cast<const tableint *>(list + 1);
            size_t fresh = 0;
            for (size_t j = 0; j < size; j++) {
                if (visited[links[j]] == tag) continue;
                visited[links[j]] = tag;
                rows[fresh++] = ptrdiff_t(links[j]);
            }
            score(fresh);
            for (size_t i = 0; i < fresh; i++) {
                float distance = scores[i];
                if (top.size() < ef || lowerBound > distance) {
                    candidates.emplace(-distance, tableint(rows[i]));
                    top.emplace(distance, tableint(rows[i]));
                    if (top.size() > ef) top.pop();
                    if (!top.empty()) lowerBound = top.top().first;
                }
            }
        }
        h.visited_list_pool_->releaseVisitedList(visitedList);
        return top;
    }
};

}  // namespace

extern "C" size_t podsim_graph_search(const podsim_graph *graph, const float *query, size_t ef, int64_t *labels,
                                      float *distances) {
    if (ef == 0 || graph->hnsw->cur_element_count == 0) return 0;
    try {
        GraphSearch search(*graph->hnsw, graph->space.param, query);
        CandidateQueue found = search.bottom(search.descend(), ef);
        size_t n = found.size();
        for (size_t i = n; i-- > 0;) {  // the farthest is on top
            labels[i] = int64_t(found.top().second);
            distances[i] = found.top().first;
            found.pop();
        }
        return n;
    } catch (const std::exception &) {
        return 0;  // out of memory for the candidate lists
    }
}

extern "C" size_t podsim_graph_search_hnswlib(const podsim_graph *graph, const float *query, size_t ef, int64_t *labels,
                                              float *distances) {
    if (ef == 0 || graph->hnsw->cur_element_count == 0) return 0;
    try {
        // searchKnn explores with max(ef_, k) candidates and returns k; ef_ is 0 here.
        auto found = graph->hnsw->searchKnn(query, ef);
        size_t n = found.size();
        for (size_t i = n; i-- > 0;) {
            labels[i] = int64_t(found.top().second);
            distances[i] = found.top().first;
            found.pop();
        }
        return n;
    } catch (const std::exception &) {
        return 0;
    }
}

extern "C" size_t podsim_graph_serialized_size(const podsim_graph *graph) {
    const HNSW &h = *graph->hnsw;
    size_t size = headerBytes + h.cur_element_count * h.size_data_per_element_;
    for (size_t i = 0; i < h.cur_element_count; i++) {
        size += sizeof(unsigned int) + (h.element_levels_[i] > 0 ? h.size_links_per_element_ * h.element_levels_[i] : 0);
    }
    return size;
}

extern "C" void podsim_graph_serialize(const podsim_graph *graph, void *buffer) {
    const HNSW &h = *graph->hnsw;
    unsigned char *out = static_cast<unsigned char *>(buffer);
    // Field for field what HierarchicalNSW::saveIndex writes.
    put(out, h.offsetLevel0_);
    put(out, h.max_elements_);
    put(out, h.cur_element_count);
    put(out, h.size_data_per_element_);
    put(out, h.label_offset_);
    put(out, h.offsetData_);
    put(out, h.maxlevel_);
    put(out, h.enterpoint_node_);
    put(out, h.maxM_);
    put(out, h.maxM0_);
    put(out, h.M_);
    put(out, h.mult_);
    put(out, h.ef_construction_);
    memcpy(out, h.data_level0_memory_, h.cur_element_count * h.size_data_per_element_);
    out += h.cur_element_count * h.size_data_per_element_;
    for (size_t i = 0; i < h.cur_element_count; i++) {
        unsigned int size = h.element_levels_[i] > 0 ? unsigned(h.size_links_per_element_ * h.element_levels_[i]) : 0;
        put(out, size);
        if (size > 0) {
            memcpy(out, h.linkLists_[i], size);
            out += size;
        }
    }
}

// Checks one link list: `count` ≤ `most` links (the count's upper bytes, hnswlib's deletion mark,
// must be zero), each to a row below `rows`.
static bool validList(const unsigned char *list, size_t most, size_t rows) {
    unsigned int header;
    memcpy(&header, list, sizeof header);
    if (header > most) return false;
    for (unsigned int j = 0; j < header; j++) {
        tableint link;
        memcpy(&link, list + sizeof(unsigned int) + j * sizeof(tableint), sizeof link);
        if (link >= rows) return false;
    }
    return true;
}

extern "C" podsim_graph *podsim_graph_load(const void *bytes, size_t length, const float *vectors, size_t count,
                                           size_t dimensions, char *error, size_t capacity) {
    std::unique_ptr<podsim_graph> graph(new (std::nothrow) podsim_graph());
    if (!graph) return fail(error, capacity, "out of memory"), nullptr;
    if (!setVectors(graph.get(), vectors, count, dimensions, error, capacity)) return nullptr;
    if (reinterpret_cast<uintptr_t>(bytes) % alignof(unsigned int) != 0) {
        return fail(error, capacity, "the graph bytes are not 4-byte aligned"), nullptr;
    }
    Cursor in{static_cast<const unsigned char *>(bytes), length};
    size_t offsetLevel0, maxElements, elements, elementBytes, labelOffset, dataOffset, maxM, maxM0, m, efConstruction;
    int maxLevel;
    tableint entry;
    double mult;
    if (!(in.read(offsetLevel0) && in.read(maxElements) && in.read(elements) && in.read(elementBytes) &&
          in.read(labelOffset) && in.read(dataOffset) && in.read(maxLevel) && in.read(entry) && in.read(maxM) &&
          in.read(maxM0) && in.read(m) && in.read(mult) && in.read(efConstruction))) {
        return fail(error, capacity, "truncated inside hnswlib's header"), nullptr;
    }
    char message[200];
    if (elements != count || maxElements != count) {
        snprintf(message, sizeof message, "the graph holds %zu points, the model %zu episodes", elements, count);
        return fail(error, capacity, message), nullptr;
    }
    size_t linksLevel0 = maxM0 * sizeof(tableint) + sizeof(unsigned int);
    if (m < 2 || m > largestM || maxM != m || maxM0 != 2 * m || offsetLevel0 != 0 || dataOffset != linksLevel0 ||
        labelOffset != dataOffset || elementBytes != labelOffset + sizeof(labeltype) || !(mult > 0) ||
        !std::isfinite(mult) || maxLevel < 0 || maxLevel > highestLevel || entry >= count) {
        return fail(error, capacity, "hnswlib's header is inconsistent (M, offsets, levels or entry point)"), nullptr;
    }
    if ((length - in.offset) / elementBytes < count) {
        return fail(error, capacity, "truncated inside the bottom layer"), nullptr;
    }
    const unsigned char *level0 = in.bytes + in.offset;
    for (size_t i = 0; i < count; i++) {
        const unsigned char *element = level0 + i * elementBytes;
        labeltype label;
        memcpy(&label, element + labelOffset, sizeof label);
        if (label != i || !validList(element, maxM0, count)) {
            snprintf(message, sizeof message, "point %zu of the bottom layer has a bad label or link list", i);
            return fail(error, capacity, message), nullptr;
        }
    }
    in.offset += count * elementBytes;
    size_t linksPerLevel = maxM * sizeof(tableint) + sizeof(unsigned int);
    std::vector<int> levels(count, 0);
    std::vector<const unsigned char *> upper(count, nullptr);
    for (size_t i = 0; i < count; i++) {
        unsigned int size;
        if (!in.read(size)) return fail(error, capacity, "truncated inside the upper layers"), nullptr;
        if (size == 0) continue;
        if (size % linksPerLevel != 0 || size / linksPerLevel > size_t(maxLevel) || length - in.offset < size) {
            snprintf(message, sizeof message, "point %zu has upper-layer links of a bad size (%u bytes)", i, size);
            return fail(error, capacity, message), nullptr;
        }
        levels[i] = int(size / linksPerLevel);
        upper[i] = in.bytes + in.offset;
        for (int level = 0; level < levels[i]; level++) {
            if (!validList(upper[i] + level * linksPerLevel, maxM, count)) {
                snprintf(message, sizeof message, "point %zu has a bad link list on layer %d", i, level + 1);
                return fail(error, capacity, message), nullptr;
            }
        }
        in.offset += size;
    }
    if (in.offset != length) return fail(error, capacity, "bytes follow the last link list"), nullptr;
    if (levels[entry] != maxLevel) return fail(error, capacity, "the entry point is not on the top layer"), nullptr;

    try {
        graph->hnsw.reset(new HNSW(&graph->space));  // hnswlib's empty constructor sets nothing
        HNSW &h = *graph->hnsw;
        // What its destructor frees first, so that a failure below leaves nothing to misfree.
        h.data_level0_memory_ = nullptr;
        h.linkLists_ = nullptr;
        h.visited_list_pool_ = nullptr;
        h.cur_element_count = 0;
        graph->borrowed = true;
        h.max_elements_ = count;
        h.size_data_per_element_ = elementBytes;
        h.size_links_per_element_ = linksPerLevel;
        h.num_deleted_ = 0;
        h.M_ = m;
        h.maxM_ = maxM;
        h.maxM0_ = maxM0;
        h.ef_construction_ = efConstruction;
        h.mult_ = mult;
        h.revSize_ = 1.0 / mult;
        h.maxlevel_ = maxLevel;
        h.enterpoint_node_ = entry;
        h.size_links_level0_ = linksLevel0;
        h.offsetData_ = dataOffset;
        h.offsetLevel0_ = 0;
        h.label_offset_ = labelOffset;
        h.data_size_ = 0;
        h.ef_ = 0;
        h.metric_distance_computations = 0;
        h.metric_hops = 0;
        h.fstdistfunc_ = graph->space.get_dist_func();
        h.dist_func_param_ = graph->space.get_dist_func_param();
        h.element_levels_ = std::move(levels);
        h.linkLists_ = static_cast<char **>(calloc(count, sizeof(char *)));
        if (h.linkLists_ == nullptr) return fail(error, capacity, "out of memory"), nullptr;
        h.visited_list_pool_ = new hnswlib::VisitedListPool(1, int(count));
        // Search only reads the layers, so they stay where they are: in the model's memory.
        h.data_level0_memory_ = const_cast<char *>(reinterpret_cast<const char *>(level0));
        for (size_t i = 0; i < count; i++) h.linkLists_[i] = const_cast<char *>(reinterpret_cast<const char *>(upper[i]));
        h.cur_element_count = count;
        graph->describeStorage();
    } catch (const std::exception &failure) {
        fail(error, capacity, failure.what());
        return nullptr;
    }
    return graph.release();
}

extern "C" void podsim_graph_free(podsim_graph *graph) { delete graph; }
