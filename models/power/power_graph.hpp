// The power chain as a directed graph (Boost.Graph): an edge runs from each component to every
// component it feeds. Built once per run; the event core walks it in topological order to say
// which loads are energized after every change.
//
// Validation finds: references to components that do not exist, connections that make no sense
// (a load feeding something, gensets not behind a transfer switch), cycles, loads with no path
// from any source, and design loads above a component's capacity. A dual-corded load counts in
// full on each of its paths, since either cord must carry it alone.
#pragma once

#include "models/power/facility_spec.hpp"

#include <map>
#include <string>
#include <vector>

namespace aidcsim::power {

enum class NodeKind { utility, genset_plant, onsite_plant, transfer_switch, ups, distribution, load };

struct GraphNode {
  NodeKind kind;
  int index; // into the FacilitySpec vector of its kind
  std::string id;
};

// A problem the graph found, coded: the input layer words it for the user (models never do).
struct GraphProblem {
  enum class Code {
    duplicate_id,         // a second component with this id
    unknown_id,           // value names no component
    feeds_itself,         // value is the component itself
    fed_by_load,          // value is a load, and loads feed nothing
    genset_not_alternate, // a genset plant connects only as a transfer switch's alternate
    backup_not_alternate, // an on-site plant in the backup role, likewise
    repeated_feeder,      // value already feeds this component
    cycle,                // the chain has a cycle through path
    unreachable_load,     // no path from a source reaches this load
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
  void connect(const FacilitySpec& spec, const std::string& from, const std::string& to,
               const std::string& field, std::vector<GraphProblem>& problems);
  void sort_topologically();
  std::vector<GraphNode> nodes_;
  std::map<std::string, int> by_id_;
  std::vector<std::vector<int>> in_, out_;
  std::vector<int> topo_;
  std::vector<int> find_cycle() const;
};

std::string_view node_kind_name(NodeKind kind);

} // namespace aidcsim::power
