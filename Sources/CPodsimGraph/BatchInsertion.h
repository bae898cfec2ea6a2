// Linking new rows into the graph on every core, with a graph that does not depend on the thread
// count: the deterministic batch insertion of ParlayANN ("ParlayANN: Scalable and Deterministic
// Parallel Graph-Based Approximate Nearest Neighbor Search Algorithms", Manohar et al., PPoPP
// 2024), over hnswlib's own graph, level generator and neighbour-selection heuristic.
//
// hnswlib's parallel addPoint links each point into whatever graph the other threads have built
// so far, so its links depend on thread timing. Here the rows are linked in batches:
//   1. in row order, each new point gets its id and its level from hnswlib's level generator
//      (the same draws as hnswlib's sequential addPoint);
//   2. on every core, each new point searches the graph as it stood before the batch (nothing
//      links to the batch's points yet, so no search can see them), adds the batch's earlier
//      points to what it found (sequential insertion would have seen them), and chooses its
//      neighbours on each of its layers with hnswlib's heuristic (getNeighborsByHeuristic2) —
//      reads only;
//   3. each new point's own link lists are written;
//   4. the reverse links are grouped by the list they go into, and each list takes its new links
//      in row order, pruned by hnswlib's heuristic as addPoint prunes them; lists are independent
//      of each other, so they are shared out among the cores;
//   5. in row order, a point above the top layer becomes the entry point.
// Every step's result depends only on the batch, never on which core ran what, so one thread and
// any number give the same bytes. With batches of one row it is hnswlib's sequential addPoint,
// link for link (tested). Batches grow with the graph (1/32 of the rows linked so far, at most
// PODSIM_GRAPH_LARGEST_BATCH rows), which keeps the frozen graph a batch searches close to the
// one sequential insertion would search.
//
// Included once, by Graph.cpp: hnswlib 0.6's headers define functions that are not inline, so the
// shim is one translation unit.
#ifndef PODSIM_GRAPH_BATCH_INSERTION_H
#define PODSIM_GRAPH_BATCH_INSERTION_H

#include "GraphSearch.h"
#include "GraphStorage.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <queue>
#include <thread>
#include <utility>
#include <vector>

namespace podsim_graph_detail {

// A new point's chosen neighbours, per layer (index = layer), as hnswlib's
// mutuallyConnectNewElement lists them: the farthest first.
struct Choice {
    tableint id = 0;
    std::vector<std::vector<tableint>> layers;
};

// One new point's search of the frozen graph (step 2).
class Chooser {
public:
    Chooser(HNSW &h, const RowSpaceParam &p) : h(h), query(p.padded, 0.0f), search(h, p, nullptr) {}

    // Fills `choice.layers` for the point `choice.id` (row = id), which the graph as it stands
    // does not yet link: hnswlib's addPoint up to its calls of mutuallyConnectNewElement, with the
    // batch's earlier points (batchFirst..<id) among the candidates, as sequential insertion
    // would have had them.
    void choose(Choice &choice, tableint entry, int topLevel, tableint batchFirst) {
        // The point is a query to the graph until it is linked: padded like one.
        const RowSpaceParam &p = search.p;
        memcpy(query.data(), p.vectors + size_t(choice.id) * p.dimensions, p.dimensions * sizeof(float));
        search.query = query.data();
        int level = h.element_levels_[choice.id];
        tableint current = search.descend(entry, topLevel, level);
        int highest = std::min(level, topLevel);
        choice.layers.assign(size_t(highest) + 1, {});
        for (int layer = highest; layer >= 0; layer--) {
            CandidateQueue found = search.nearest(current, h.ef_construction_, layer, true);
            // The next layer's search starts from the nearest point found here: a linked one.
            std::vector<Candidate> ranked;
            while (!found.empty()) {
                ranked.push_back(found.top());
                found.pop();
            }
            current = ranked.back().second;
            for (const Candidate &candidate : ranked) found.push(candidate);
            offerBatch(found, choice.id, batchFirst, layer);
            h.getNeighborsByHeuristic2(found, h.M_);
            std::vector<tableint> &chosen = choice.layers[size_t(layer)];
            while (!found.empty()) {
                chosen.push_back(found.top().second);
                found.pop();
            }
        }
    }

private:
    HNSW &h;
    std::vector<float> query;
    GraphSearch search;

    // Offers the batch's points before `id` that reach `layer` to `found` (ef_construction
    // nearest kept): the search cannot see them, as nothing links to them yet, but sequential
    // insertion would have. Without them a batch's points link less among near neighbours.
    void offerBatch(CandidateQueue &found, tableint id, tableint batchFirst, int layer) {
        const size_t ef = h.ef_construction_;
        std::vector<ptrdiff_t> &rows = search.rows;
        for (tableint start = batchFirst; start < id;) {
            size_t n = 0;
            tableint node = start;
            for (; node < id && n < rows.size(); node++) {
                if (h.element_levels_[node] >= layer) rows[n++] = ptrdiff_t(node);
            }
            start = node;
            search.score(n);
            for (size_t i = 0; i < n; i++) {
                float d = search.scores[i];
                if (found.size() < ef || d < found.top().first) {
                    found.emplace(d, tableint(rows[i]));
                    if (found.size() > ef) found.pop();
                }
            }
        }
    }
};

// A reverse link of step 4: `source` (a new point) into `target`'s list on `layer`.
struct ReverseLink {
    tableint target;
    int layer;
    tableint source;  // new points are numbered in row order, so this orders a list's newcomers
};

// Adds `source` to `target`'s list on `layer` as mutuallyConnectNewElement does: appended while
// there is room, else the list and the newcomer pruned by hnswlib's heuristic.
void addReverseLink(HNSW &h, tableint target, int layer, tableint source) {
    size_t most = layer ? h.maxM_ : h.maxM0_;
    hnswlib::linklistsizeint *list = layer == 0 ? h.get_linklist0(target) : h.get_linklist(target, layer);
    size_t size = h.getListCount(list);
    tableint *links = reinterpret_cast<tableint *>(list + 1);
    if (size < most) {
        links[size] = source;
        h.setListCount(list, size + 1);
        return;
    }
    CandidateQueue candidates;
    candidates.emplace(h.fstdistfunc_(h.getDataByInternalId(source), h.getDataByInternalId(target), h.dist_func_param_),
                       source);
    for (size_t j = 0; j < size; j++) {
        candidates.emplace(
            h.fstdistfunc_(h.getDataByInternalId(links[j]), h.getDataByInternalId(target), h.dist_func_param_), links[j]);
    }
    h.getNeighborsByHeuristic2(candidates, most);
    size_t kept = 0;
    while (!candidates.empty()) {
        links[kept++] = candidates.top().second;
        candidates.pop();
    }
    h.setListCount(list, kept);
}

// Runs work(i) for i in 0..<n on up to `threads` threads (the caller's among them), handing out
// indices in order; the first exception is rethrown after every thread has stopped.
template <typename Work> void parallelFor(size_t n, size_t threads, Work work) {
    threads = std::max<size_t>(1, std::min(threads, n));
    if (threads == 1) {
        for (size_t i = 0; i < n; i++) work(size_t(0), i);
        return;
    }
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureLock;
    auto run = [&](size_t thread) {
        try {
            for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) work(thread, i);
        } catch (...) {
            std::lock_guard<std::mutex> guard(failureLock);
            if (!failure) failure = std::current_exception();
            next.store(n);
        }
    };
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < threads; t++) helpers.emplace_back(run, t);
    run(0);
    for (std::thread &helper : helpers) helper.join();
    if (failure) std::rethrow_exception(failure);
}

// Links rows first..<end as one batch (steps 1–5).
void linkBatch(HNSW &h, size_t first, size_t end, std::vector<Chooser> &choosers) {
    // 1. Ids and levels, in row order.
    std::vector<Choice> choices(end - first);
    for (size_t row = first; row < end; row++) {
        tableint id = tableint(h.cur_element_count);
        if (id != tableint(row)) throw std::runtime_error("rows and graph ids disagree");
        h.cur_element_count++;
        labeltype label = labeltype(row);
        h.label_lookup_[label] = id;
        int level = h.getRandomLevel(h.mult_);
        h.element_levels_[id] = level;
        memset(h.data_level0_memory_ + size_t(id) * h.size_data_per_element_ + h.offsetLevel0_, 0,
               h.size_data_per_element_);
        memcpy(h.getExternalLabeLp(id), &label, sizeof(labeltype));
        if (level > 0) {
            h.linkLists_[id] = static_cast<char *>(malloc(h.size_links_per_element_ * size_t(level) + 1));
            if (h.linkLists_[id] == nullptr) throw std::runtime_error("out of memory for the upper layers' links");
            memset(h.linkLists_[id], 0, h.size_links_per_element_ * size_t(level) + 1);
        }
        choices[row - first].id = id;
    }
    int topLevel = h.maxlevel_;
    if (h.enterpoint_node_ != tableint(-1)) {
        // 2. Every new point's neighbours in the graph as it stood before the batch.
        tableint entry = h.enterpoint_node_;
        parallelFor(choices.size(), choosers.size(),
                    [&](size_t thread, size_t i) { choosers[thread].choose(choices[i], entry, topLevel, tableint(first)); });
        // 3. The new points' own lists.
        std::vector<ReverseLink> reverse;
        for (const Choice &choice : choices) {
            for (size_t layer = choice.layers.size(); layer-- > 0;) {
                const std::vector<tableint> &chosen = choice.layers[layer];
                hnswlib::linklistsizeint *list =
                    layer == 0 ? h.get_linklist0(choice.id) : h.get_linklist(choice.id, int(layer));
                h.setListCount(list, chosen.size());
                tableint *links = reinterpret_cast<tableint *>(list + 1);
                for (size_t j = 0; j < chosen.size(); j++) {
                    links[j] = chosen[j];
                    reverse.push_back({chosen[j], int(layer), choice.id});
                }
            }
        }
        // 4. Reverse links, one list at a time, each list's newcomers in row order.
        std::sort(reverse.begin(), reverse.end(), [](const ReverseLink &a, const ReverseLink &b) {
            if (a.layer != b.layer) return a.layer < b.layer;
            return a.target != b.target ? a.target < b.target : a.source < b.source;
        });
        std::vector<size_t> lists;
        for (size_t i = 0; i < reverse.size(); i++) {
            if (i == 0 || reverse[i].target != reverse[i - 1].target || reverse[i].layer != reverse[i - 1].layer) {
                lists.push_back(i);
            }
        }
        lists.push_back(reverse.size());
        parallelFor(lists.size() - 1, choosers.size(), [&](size_t, size_t k) {
            for (size_t i = lists[k]; i < lists[k + 1]; i++) addReverseLink(h, reverse[i].target, reverse[i].layer, reverse[i].source);
        });
    }
    // 5. The entry point: the first point on the highest layer, as sequential insertion leaves it.
    for (const Choice &choice : choices) {
        int level = h.element_levels_[choice.id];
        if (h.enterpoint_node_ == tableint(-1) || level > h.maxlevel_) {
            h.enterpoint_node_ = choice.id;
            h.maxlevel_ = level;
        }
    }
}

}  // namespace podsim_graph_detail

using namespace podsim_graph_detail;

extern "C" int podsim_graph_add_in_batches(podsim_graph *graph, size_t first, size_t count, size_t threads,
                                           size_t largest_batch, char *error, size_t capacity) {
    const RowSpaceParam &p = graph->space.param;
    HNSW &h = *graph->hnsw;
    if (first != h.cur_element_count || count > p.count - first) {
        fail(error, capacity, "rows must be added once each, in order");
        return -1;
    }
    try {
        std::vector<Chooser> choosers;
        for (size_t t = 0; t < std::max<size_t>(1, threads); t++) choosers.emplace_back(h, p);
        size_t end = first + count;
        while (h.cur_element_count < end) {
            size_t linked = h.cur_element_count;
            size_t batch = std::max<size_t>(1, std::min(std::max<size_t>(1, largest_batch), linked / 32));
            linkBatch(h, linked, std::min(end, linked + batch), choosers);
        }
    } catch (const std::exception &failure) {
        fail(error, capacity, failure.what());
        return -1;
    }
    return 0;
}

extern "C" int podsim_graph_add(podsim_graph *graph, size_t first, size_t count, size_t threads, char *error,
                                size_t capacity) {
    return podsim_graph_add_in_batches(graph, first, count, threads, PODSIM_GRAPH_LARGEST_BATCH, error, capacity);
}

extern "C" int podsim_graph_add_hnswlib(podsim_graph *graph, size_t first, size_t count, char *error,
                                        size_t capacity) {
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

#endif
