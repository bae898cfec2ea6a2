// hnswlib's searches, as the shim runs them for queries (podsim_graph_search) and while linking
// (BatchInsertion.h): the same nodes visited in the same order, the same heap operations and the
// same candidates as hnswlib's own, with one change for podsim's layout — a node's unvisited
// neighbours are scored by one kernel call after their vectors are prefetched. hnswlib prefetches
// a neighbour's data while it scores the previous one, but here a point's data is its label, and
// the vector lies in the model's VECT rows: scored one by one, each cost a dependent cache miss.
// Marking every neighbour visited before scoring any changes nothing (the marks do not depend on
// distances). Labels are rows and internal ids (podsim_graph_load checks it), so no label is
// looked up. No locks: nothing writes the graph while it is searched.
#ifndef PODSIM_GRAPH_SEARCH_H
#define PODSIM_GRAPH_SEARCH_H

#include "GraphStorage.h"

#include <queue>
#include <utility>
#include <vector>

namespace podsim_graph_detail {

using Candidate = std::pair<float, tableint>;
using CandidateQueue = std::priority_queue<Candidate, std::vector<Candidate>, HNSW::CompareByFirst>;

struct GraphSearch {
    const HNSW &h;
    const RowSpaceParam &p;
    const float *query;  // padded to p.padded Floats
    std::vector<ptrdiff_t> rows;
    std::vector<float> scores;

    GraphSearch(const HNSW &h, const RowSpaceParam &p, const float *query)
        : h(h), p(p), query(query), rows(h.maxM0_ + 1), scores(h.maxM0_ + 1) {}

    // 1 − q·x for the first n entries of `rows`, into `scores`: the bits of rowDistance.
    void score(size_t n) {
        if (n == 0) return;
        p.prefetch(rows.data(), n);
        p.kernel(query, p.vectors, p.dimensions, rows.data(), n, scores.data());
        for (size_t i = 0; i < n; i++) scores[i] = 1.0f - scores[i];
    }

    float distance(tableint node) {
        rows[0] = ptrdiff_t(node);
        score(1);
        return scores[0];
    }

    void prefetchList(tableint node, int layer) const {
        const char *list = reinterpret_cast<const char *>(layer == 0 ? h.get_linklist0(node) : h.get_linklist(node, layer));
        size_t bytes = (layer == 0 ? h.maxM0_ : h.maxM_) * sizeof(tableint) + sizeof(hnswlib::linklistsizeint);
        for (size_t offset = 0; offset < bytes; offset += 64) __builtin_prefetch(list + offset);
    }

    // The greedy descent from `start` on layers from..>to (searchKnn: the entry point from the top
    // layer to layer 1; addPoint: to the new point's own level): the nearest node it reaches.
    tableint descend(tableint start, int from, int to) {
        tableint current = start;
        float nearest = distance(current);
        for (int level = from; level > to; level--) {
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

    // The ef nearest candidates from `entry` on `layer`, the farthest on top: searchBaseLayerST
    // (queries: stop at the first candidate farther than the ef-th) or, with `untilFull`,
    // searchBaseLayer (construction: go on while fewer than ef are held).
    CandidateQueue nearest(tableint entry, size_t ef, int layer, bool untilFull) {
        hnswlib::VisitedList *visitedList = h.visited_list_pool_->getFreeVisitedList();
        hnswlib::vl_type *visited = visitedList->mass;
        hnswlib::vl_type tag = visitedList->curV;
        CandidateQueue top, candidates;
        float lowerBound = distance(entry);
        top.emplace(lowerBound, entry);
        candidates.emplace(-lowerBound, entry);
        visited[entry] = tag;
        while (!candidates.empty()) {
            Candidate current = candidates.top();
            if (-current.first > lowerBound && (!untilFull || top.size() == ef)) break;
            candidates.pop();
            hnswlib::linklistsizeint *list =
                layer == 0 ? h.get_linklist0(current.second) : h.get_linklist(current.second, layer);
            size_t size = h.getListCount(list);
            const tableint *links = reinterpret_cast<const tableint *>(list + 1);
            for (size_t j = 0; j < size; j++) __builtin_prefetch(visited + links[j]);
            size_t fresh = 0;
            for (size_t j = 0; j < size; j++) {
                if (visited[links[j]] == tag) continue;
                visited[links[j]] = tag;
                rows[fresh++] = ptrdiff_t(links[j]);
            }
            score(fresh);
            for (size_t i = 0; i < fresh; i++) {
                float d = scores[i];
                if (top.size() < ef || lowerBound > d) {
                    candidates.emplace(-d, tableint(rows[i]));
                    top.emplace(d, tableint(rows[i]));
                    if (top.size() > ef) top.pop();
                    if (!top.empty()) lowerBound = top.top().first;
                }
            }
            // The next node to expand is known now: ask for its link list while the heaps settle
            // (hnswlib prefetches the same; here the list and the label share its block).
            if (!candidates.empty()) prefetchList(candidates.top().second, layer);
        }
        h.visited_list_pool_->releaseVisitedList(visitedList);
        return top;
    }
};

}  // namespace podsim_graph_detail

#endif
