// The shim of PodsimGraph.h over hnswlib 0.6 (Debian's libhnswlib-dev). hnswlib builds and
// searches the graph; this file gives it podsim's vectors and kernels, and moves the graph to and
// from a byte buffer (hnswlib 0.6 saves only to a file path, and its loader trusts its input).
#include "GraphStorage.h"
#include "BatchInsertion.h"
#include "GraphSearch.h"

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

using namespace podsim_graph_detail;

// Bytes of hnswlib's saveIndex header: nine size_t-or-int fields, then maxM0, M, mult, ef_c.
constexpr size_t headerBytes = 6 * sizeof(size_t) + sizeof(int) + sizeof(tableint) + 4 * sizeof(size_t) + sizeof(double);
// hnswlib caps M at 10,000; a level above 64 would need more points than memory holds.
constexpr size_t largestM = 10000;
constexpr int highestLevel = 64;

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

extern "C" size_t podsim_graph_count(const podsim_graph *graph) { return graph->hnsw->cur_element_count; }


extern "C" size_t podsim_graph_search(const podsim_graph *graph, const float *query, size_t ef, int64_t *labels,
                                      float *distances) {
    if (ef == 0 || graph->hnsw->cur_element_count == 0) return 0;
    try {
        const HNSW &h = *graph->hnsw;
        GraphSearch search(h, graph->space.param, query);
        CandidateQueue found = search.nearest(search.descend(h.enterpoint_node_, h.maxlevel_, 0), ef, 0, false);
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
