#include "models/power/power_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>

namespace aidcsim::power {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

} // namespace

int PowerGraph::index_of(const std::string& id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

void PowerGraph::add_nodes(const FacilitySpec& spec, std::vector<GraphProblem>& problems) {
  auto add = [&](int kind, const auto& specs) {
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const std::string& id = specs[i].id;
      if (!by_id_.try_emplace(id, static_cast<int>(nodes_.size())).second) {
        problems.push_back({GraphProblem::Code::duplicate_id, id, "id", id});
        continue;
      }
      nodes_.push_back({kind, static_cast<int>(i), id});
      output_rule_.push_back(specs[i].output_rule());
      output_per_input_kw_.push_back(specs[i].output_per_input_kw());
    }
  };
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    (add(static_cast<int>(K), std::get<K>(spec.lists())), ...);
  }
  (std::make_index_sequence<kind_count>{});
  in_.assign(nodes_.size(), {});
  out_.assign(nodes_.size(), {});
}

// An edge from input.id into `to`, unless the connection makes no sense.
void PowerGraph::connect(const SpecInput& input, const std::string& to, std::vector<GraphProblem>& problems) {
  const int a = index_of(input.id);
  const int b = index_of(to);
  if (b < 0)
    return; // `to` was a duplicate id, already reported
  using Code = GraphProblem::Code;
  auto problem = [&](Code code) { problems.push_back({code, to, std::string(input.field), input.id}); };
  if (a < 0)
    return problem(Code::unknown_id);
  if (a == b)
    return problem(Code::feeds_itself);
  if (output_rule_[a] == OutputRule::nowhere)
    return problem(Code::feeds_nothing);
  if (output_rule_[a] == OutputRule::starting_input_only && !input.starts_feeder)
    return problem(Code::not_started_there);
  if (std::find(in_[b].begin(), in_[b].end(), a) != in_[b].end())
    return problem(Code::repeated_feeder);
  out_[a].push_back(b);
  in_[b].push_back(a);
}

// Topological order with Boost; a cycle makes it throw, and check_structure() reports it.
void PowerGraph::sort_topologically() {
  Graph bg(nodes_.size());
  for (std::size_t a = 0; a < out_.size(); ++a)
    for (int b : out_[a])
      boost::add_edge(a, static_cast<std::size_t>(b), bg);
  try {
    std::vector<std::size_t> reversed;
    boost::topological_sort(bg, std::back_inserter(reversed));
    topo_.assign(reversed.rbegin(), reversed.rend());
  } catch (const boost::not_a_dag&) {
    topo_.clear();
  }
}

PowerGraph PowerGraph::build(const FacilitySpec& spec, std::vector<GraphProblem>& problems) {
  PowerGraph g;
  g.add_nodes(spec, problems);
  // Every component's inputs, kind by kind in the registry's order: a node's feeders are then in
  // the order its spec declares them.
  std::apply(
      [&](const auto&... lists) {
        auto inputs_of = [&](const auto& list) {
          for (const auto& s : list)
            for (const SpecInput& in : s.inputs())
              g.connect(in, s.id, problems);
        };
        (inputs_of(lists), ...);
      },
      spec.lists());
  g.sort_topologically();
  return g;
}

std::vector<int> PowerGraph::find_cycle() const {
  // Iterative DFS with colours; returns the nodes of the first cycle found, in order.
  enum Colour { white, grey, black };
  std::vector<Colour> colour(nodes_.size(), white);
  std::vector<int> parent(nodes_.size(), -1);
  for (std::size_t start = 0; start < nodes_.size(); ++start) {
    if (colour[start] != white)
      continue;
    std::vector<std::pair<int, std::size_t>> stack{{static_cast<int>(start), 0}};
    colour[start] = grey;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < out_[v].size()) {
        const int w = out_[v][next++];
        if (colour[w] == grey) {
          std::vector<int> cycle{w};
          for (int u = v; u != w; u = parent[u])
            cycle.push_back(u);
          std::reverse(cycle.begin() + 1, cycle.end());
          return cycle;
        }
        if (colour[w] == white) {
          colour[w] = grey;
          parent[w] = v;
          stack.emplace_back(w, 0);
        }
      } else {
        colour[v] = black;
        stack.pop_back();
      }
    }
  }
  return {};
}

std::vector<GraphProblem> PowerGraph::check_structure() const {
  std::vector<GraphProblem> problems;
  if (topo_.size() != nodes_.size()) {
    const std::vector<int> cycle = find_cycle();
    std::vector<std::string> path;
    for (int v : cycle)
      path.push_back(nodes_[v].id);
    path.push_back(nodes_[cycle.front()].id);
    problems.push_back({GraphProblem::Code::cycle, nodes_[cycle.front()].id, "fed_by", "", path});
    return problems;
  }
  // Loads must be reachable from a source (a utility feed, a plant).
  std::vector<char> reached(nodes_.size(), 0);
  std::vector<int> queue;
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (kind_is_source(nodes_[i].kind)) {
      reached[i] = 1;
      queue.push_back(static_cast<int>(i));
    }
  for (std::size_t q = 0; q < queue.size(); ++q)
    for (int w : out_[queue[q]])
      if (!reached[w]) {
        reached[w] = 1;
        queue.push_back(w);
      }
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].is_load() && !reached[i])
      problems.push_back({GraphProblem::Code::unreachable_load, nodes_[i].id, "fed_by", ""});
  return problems;
}

// The nodes v reaches (v first among them), sorted by topological rank; `seen` is all zero before
// and after.
void PowerGraph::reach_in_order(int v, const std::vector<int>& rank, std::vector<char>& seen,
                                std::vector<int>& reach) const {
  reach.assign(1, v);
  seen[v] = 1;
  for (std::size_t k = 0; k < reach.size(); ++k)
    for (int x : out_[reach[k]])
      if (!seen[x]) {
        seen[x] = 1;
        reach.push_back(x);
      }
  for (int w : reach)
    seen[w] = 0;
  std::sort(reach.begin(), reach.end(), [&](int a, int b) { return rank[a] < rank[b]; });
}

std::vector<double> PowerGraph::design_load_kw(const FacilitySpec& spec) const {
  // Each load counts once at every node above it, in full (either cord of a dual-corded load
  // may have to carry it alone), scaled up by the conversion losses between (a UPS; worst path).
  // From each node, only what it reaches is visited, in topological order: the cost is the sum of
  // the nodes' reaches (a tree's size times its depth), not the square of the facility's size.
  const std::size_t n = nodes_.size();
  if (topo_.size() != n)
    return std::vector<double>(n, 0.0); // a cycle: validation reports it, nothing is sized
  std::vector<int> rank(n);
  for (std::size_t r = 0; r < topo_.size(); ++r)
    rank[topo_[r]] = static_cast<int>(r);
  std::vector<double> load(n, 0.0);
  std::vector<double> factor(n, 0.0);
  std::vector<char> seen(n, 0);
  std::vector<int> reach;
  for (std::size_t v = 0; v < n; ++v) {
    reach_in_order(static_cast<int>(v), rank, seen, reach);
    factor[v] = 1.0;
    // Forward through the topological order from v: the largest loss factor on any path.
    for (int w : reach) {
      if (factor[w] == 0.0)
        continue;
      const GraphNode& node = nodes_[w];
      if (node.is_load()) {
        load[v] += factor[w] * spec.loads[node.index].load_kw;
        continue;
      }
      const double through = static_cast<int>(v) != w ? factor[w] / output_per_input_kw_[w] : factor[w];
      for (int x : out_[w])
        factor[x] = std::max(factor[x], through);
    }
    for (int w : reach)
      factor[w] = 0.0;
  }
  // A node's own figure is at its input, like every other node's (a UPS adds its losses).
  for (std::size_t v = 0; v < n; ++v)
    load[v] /= output_per_input_kw_[v];
  return load;
}

} // namespace aidcsim::power
