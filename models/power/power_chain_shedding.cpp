// Where a component's capacity is short: dual-corded loads move to their other cord, UPS inputs
// drop to ride on their batteries, loads are shed by priority, and genset plants that cannot carry
// what they would take refuse it. Each decision counts once (count_new_sheds).
#include "models/power/power_chain.hpp"

#include <algorithm>

namespace aidcsim::power {

// For every node, the loads below it in the order they are shed: lowest priority first, then the
// largest (fewest loads dropped), then declaration order.
void PowerChain::order_shedding() {
  const int n = graph_.size();
  shed_order_.assign(n, {});
  for (int v = 0; v < n; ++v) {
    std::vector<char> seen(n, 0);
    std::vector<int> queue{v};
    seen[v] = 1;
    for (std::size_t q = 0; q < queue.size(); ++q)
      for (int w : graph_.fed(queue[q]))
        if (!seen[w]) {
          seen[w] = 1;
          queue.push_back(w);
          if (node_load_[w] >= 0)
            shed_order_[v].push_back(node_load_[w]);
        }
    std::stable_sort(shed_order_[v].begin(), shed_order_[v].end(), [&](int a, int b) {
      const LoadSpec& la = spec_.loads[a];
      const LoadSpec& lb = spec_.loads[b];
      if (la.priority != lb.priority)
        return la.priority < lb.priority;
      if (la.load_kw != lb.load_kw)
        return la.load_kw > lb.load_kw;
      return a < b;
    });
  }
}

bool PowerChain::pumps_of_powered_rack(int load) const {
  for (const auto& [pumps, rack] : pumps_)
    if (pumps == load && energized_[load_node_[rack]] && !load_node(rack).shed)
      return true;
  return false;
}

// Relieves the first overloaded component (in topological order) by one step: a dual-corded load
// moved to its other cord, a UPS input dropped or a load shed. A component whose overload is
// refused instead (a genset plant without load shedding) is left to refuse_short_plants.
bool PowerChain::shed_for_capacity() {
  for (int v : graph_.topological_order()) {
    if (!energized_[v] || out_kw_[v] <= capacity_kw(v) * (1 + 1e-6) || // (1e-6: rounding of host wattages)
        std::visit([](const auto& c) { return c.overload_refuses(); }, nodes_[v]))
      continue;
    const DrawTree tree = draw_tree(v);
    if (move_dual_corded_off(v, tree) || shed_below(v, tree))
      return true;
  }
  return false;
}

// The nodes that draw their power through v as the chain stands: switches on v, UPS online from
// v, distribution fed by v, loads with a live cord from one of these.
PowerChain::DrawTree PowerChain::draw_tree(int v) const {
  const int n = graph_.size();
  DrawTree tree{std::vector<char>(n, 0), std::vector<int>(n, -1)};
  std::vector<int> queue{v};
  tree.through[v] = 1;
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const int u = queue[q];
    for (int w : graph_.fed(u)) {
      if (tree.through[w] || !energized_[w] ||
          !std::visit([&](const auto& c) { return c.draws_through(u, around(w)); }, nodes_[w]))
        continue;
      tree.through[w] = 1;
      tree.parent[w] = u;
      queue.push_back(w);
    }
  }
  return tree;
}

// A dual-corded load under v moves wholly to a cord that does not pass through v: nothing is lost.
bool PowerChain::move_dual_corded_off(int v, const DrawTree& tree) {
  for (int l : shed_order_[v]) {
    const int w = load_node_[l];
    const auto& in = graph_.feeders(w);
    if (!tree.through[w] || in.size() < 2)
      continue;
    LoadNode& node = load_node(l);
    const Surroundings s = around(w);
    for (std::size_t k = 0; k < in.size(); ++k) {
      if (!tree.through[in[k]] || !node.cord_live(k, s))
        continue;
      for (std::size_t j = 0; j < in.size(); ++j)
        if (j != k && node.cord_live(j, s) && !tree.through[in[j]]) {
          node.cut_cord(k);
          return true;
        }
    }
  }
  return false;
}

// Sheds the first load under v in shedding order; a rack's CDU pumps go only after their rack. A
// load behind a component that can carry on from storage (a UPS with charge left) is dropped at
// that component's input instead: its battery goes on carrying it, and whatever else it feeds.
bool PowerChain::shed_below(int v, const DrawTree& tree) {
  for (int l : shed_order_[v]) {
    const int w = load_node_[l];
    if (!tree.through[w] || load_node(l).shed || pumps_of_powered_rack(l))
      continue;
    for (int u = tree.parent[w]; u != v && u >= 0; u = tree.parent[u])
      if (std::visit([&](auto& c) { return c.shed_input(shedding_before_[u] != 0); }, nodes_[u]))
        return decisions_now_ = true;
    load_node(l).shed = decisions_now_ = true;
    return true;
  }
  return false;
}

bool PowerChain::refuse_short_plants() {
  bool refused = false;
  for (int v : graph_.topological_order()) {
    if (!energized_[v] || !std::visit([](const auto& c) { return c.overload_refuses(); }, nodes_[v]))
      continue;
    if (out_kw_[v] > capacity_kw(v) * (1 + 1e-6)) {
      refused_[v] = 1;
      refused = decisions_now_ = true;
    }
  }
  return refused;
}

// Counts the decisions that are new since the last settle: a plant refusing its load, a load shed
// or a UPS input dropped.
void PowerChain::count_new_sheds() {
  // Nothing shed or refused now nor at the last settle: every state is 0 and stays 0.
  const bool before = decisions_before_;
  decisions_before_ = decisions_now_;
  if (!decisions_now_ && !before)
    return;
  long refusals = 0, sheds = 0;
  for (int v = 0; v < graph_.size(); ++v) {
    const bool shedding = std::visit([](const auto& c) { return c.shedding(); }, nodes_[v]);
    refusals += refused_[v] && !refused_before_[v] ? 1 : 0;
    sheds += shedding && !shedding_before_[v] ? 1 : 0;
    refused_before_[v] = refused_[v];
    shedding_before_[v] = shedding ? 1 : 0;
  }
  plant_refusals_ += refusals;
  capacity_sheds_ += sheds;
}

} // namespace aidcsim::power
