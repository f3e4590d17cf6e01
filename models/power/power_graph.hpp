// The power chain as a directed graph (Boost.Graph): an edge runs from each component to every
// component it feeds. Built once per run; the event core walks it in topological order to say
// which loads are energized after every change.
//
// The graph knows no kind by name: it reads what each spec says of itself (ComponentSpec in
// spec_parts.hpp: its inputs, where its output may go, whether it is a source, its losses).
//
// Validation finds: references to components that do not exist, connections that make no sense
// (a load feeding something, a plant started on demand where nothing starts it), cycles, loads
// with no path from any source, and design loads above a component's capacity. A dual-corded
// load counts in full on each of its paths, since either cord must carry it alone.
#pragma once

#include "models/power/facility_spec.hpp"

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace aidcsim::power {

struct GraphNode {
  int kind;  // its place in the registry, FacilitySpec::lists() (kind_of<LoadSpec>, kind_name())
  int index; // into the FacilitySpec list of its kind
  std::string id;
  bool is_load() const { return kind == kind_of<LoadSpec>; }
};

// A problem the graph found, coded: the input layer words it for the user (models never do).
struct GraphProblem {
  enum class Code {
    duplicate_id,      // a second component with this id
    unknown_id,        // value names no component
    feeds_itself,      // value is the component itself
    feeds_nothing,     // value is a component whose output goes nowhere (a load)
    not_started_there, // value runs only when started, and this input does not start it
    repeated_feeder,   // value already feeds this component
    cycle,             // the chain has a cycle through path
    unreachable_load,  // no path from a source reaches this load
  };
  Code code;
  std::string component; // id of the component the problem is reported on
  std::string field;     // its key: "fed_by", "normal", "rating", ...
  std::string value;
  std::vector<std::string> path = {}; // cycle: the ids around it, the first repeated at the end
};

class PowerGraph {
public:
  // Builds the graph; problems with references and connections are appended to `problems`.
  static PowerGraph build(const FacilitySpec& spec, std::vector<GraphProblem>& problems);

  // Cycles and loads without a source path. Call only when build() found no problems.
  std::vector<GraphProblem> check_structure() const;
  // Design load through each node, in kW at its input (a UPS adds its losses).
  std::vector<double> design_load_kw(const FacilitySpec& spec) const;

  int size() const { return static_cast<int>(nodes_.size()); }
  const GraphNode& node(int i) const { return nodes_[i]; }
  int index_of(const std::string& id) const;                      // -1 when absent
  const std::vector<int>& feeders(int i) const { return in_[i]; } // in declaration order
  const std::vector<int>& fed(int i) const { return out_[i]; }
  // Sources first, every node after all its feeders. Valid only for an acyclic graph.
  const std::vector<int>& topological_order() const { return topo_; }

private:
  void add_nodes(const FacilitySpec& spec, std::vector<GraphProblem>& problems);
  void connect(const SpecInput& input, const std::string& to, std::vector<GraphProblem>& problems);
  void sort_topologically();
  std::vector<GraphNode> nodes_;
  std::vector<OutputRule> output_rule_;        // per node
  std::vector<double> output_per_input_kw_;    // per node: 1, or a UPS's efficiency
  std::unordered_map<std::string, int> by_id_; // hashed: a facility may hold 200,000 ids
  std::vector<std::vector<int>> in_, out_;
  std::vector<int> topo_;
  void reach_in_order(int v, const std::vector<int>& rank, std::vector<char>& seen,
                      std::vector<int>& reach) const;
  std::vector<int> find_cycle() const;
};

} // namespace aidcsim::power
