// Classes of flows and links that a weighted max-min sharing cannot tell apart.
//
// A collective repeats one pattern over many identical groups of ranks on identical hardware, so
// most of its flows see exactly the same links, loaded by exactly the same mix of other flows.
// Colour refinement (1-dimensional Weisfeiler-Leman, as in Grohe, Kersting, Mladenov and
// Selman, "Color Refinement and its Applications", 2017) finds the coarsest partition that is
// equitable on the bipartite graph of flows and links: every flow of a class has the same number
// of links of each link class (with each weight), and every link of a class carries the same
// number of flows of each flow class (with each weight). Starting from flows that agree on their
// own parameters (bytes, start, bound, penalty) and links that agree on their bandwidth, each
// round gives a flow the multiset of its links' classes and a link the multiset of its flows'
// classes, until no class splits.
//
// On an equitable partition the progressive filling that solves the sharing treats every member
// of a class alike at every step (the same level, fixed at the same step, the same remaining
// capacity on its links), so the sharing of the whole set equals the sharing of one flow per
// class on one link per class, where a class's element on a link class weighs what all its
// flows put on one such link. The time evolution keeps this: members of a class have the same
// bytes left and arrive together.
//
// Multisets are compared by two independent 64-bit sums of mixed hashes (a 128-bit signature):
// two different multisets collide with probability about 2^-128 per pair, far below any other
// error of the model.
#pragma once

#include <cstdint>
#include <vector>

namespace aidcsim::network {

// Flows by their links: flow f's elements are first[f] .. first[f + 1] - 1; each has a link and a
// weight class (the route's own links and the reverse route's cross traffic weigh differently).
struct Incidence {
  std::vector<std::uint32_t> first{0};
  std::vector<std::uint32_t> link;
  std::vector<std::uint8_t> weight_class;
  std::size_t flows() const { return first.size() - 1; }
};

struct Classes {
  std::vector<std::uint32_t> flow; // class of each flow, 0 .. flow_classes - 1
  std::vector<std::uint32_t> link; // class of each link, 0 .. link_classes - 1
  std::uint32_t flow_classes = 0, link_classes = 0;
  int rounds = 0;         // refinement rounds done (a round splits the links, then the flows)
  double work_passes = 0; // the work done, in passes over every element
  bool stable = false;    // equitable: no class split in the last round
};

// Refines the initial classes (dense ids: flows that may share a class, links that may) until
// stable, or until the work reaches `max_passes` passes over the elements (then not stable).
// After the first round only the members next to a change are visited (a link's signature
// moves when one of its flows changes class, and the other way round), so a chain that splits one
// class per round costs its own length, not its length times the whole graph.
Classes refine_classes(const Incidence& incidence, std::vector<std::uint32_t> flow_key,
                       std::vector<std::uint32_t> link_key, double max_passes);

} // namespace aidcsim::network
