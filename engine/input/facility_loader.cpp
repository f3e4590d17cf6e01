#include "engine/input/facility_loader.hpp"

#include "engine/base/text_distance.hpp"
#include "engine/input/facility/kind_readers.hpp"
#include "engine/input/yaml_reader.hpp"
#include "models/power/power_graph.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

namespace aidcsim {
namespace {

using power::FacilitySpec;

std::string kind_of_value(const power::GraphProblem& p, const power::PowerGraph& graph) {
  return std::string(power::kind_name(graph.node(graph.index_of(p.value)).kind));
}

// The user's words for a problem the power graph found.
std::string graph_problem_text(const power::GraphProblem& p, const power::PowerGraph& graph) {
  using Code = power::GraphProblem::Code;
  switch (p.code) {
  case Code::duplicate_id:
    return "a second component with this id; ids must be unique in the facility";
  case Code::unknown_id: {
    std::vector<std::string> ids;
    for (int i = 0; i < graph.size(); ++i)
      ids.push_back(graph.node(i).id);
    const std::string guess = closest_match(p.value, ids);
    return "no component with this id" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)");
  }
  case Code::feeds_itself:
    return "a component cannot feed itself";
  case Code::feeds_nothing:
    return "'" + p.value + "' (" + kind_of_value(p, graph) + ") feeds nothing";
  case Code::not_started_there:
    return "'" + p.value + "' (" + kind_of_value(p, graph) +
           ") runs only when started: it connects as a transfer switch's alternate, which starts it "
           "when its normal source fails";
  case Code::repeated_feeder:
    return "'" + p.value + "' already feeds this component; each feeder appears once";
  case Code::cycle: {
    std::string path;
    for (const auto& id : p.path)
      path += (path.empty() ? "" : " -> ") + id;
    return "the power chain has a cycle: " + path;
  }
  case Code::unreachable_load:
    return "no path from any source (a utility feed or a plant) reaches this load";
  }
  throw std::logic_error("graph_problem_text: a problem code without words");
}

// Graph checks, plant sizing and capacity checks, each reported at the component's position.
void check_graph(FacilitySpec& spec, const Positions& pos, Diagnostics& diags) {
  std::vector<power::GraphProblem> problems;
  const power::PowerGraph graph = power::PowerGraph::build(spec, problems);
  if (problems.empty())
    problems = graph.check_structure();
  for (const auto& p : problems)
    diags.add(pos.of(p.component, p.field), "facility." + p.component + "." + p.field, p.value,
              graph_problem_text(p, graph));
  if (!problems.empty())
    return;
  const std::vector<double> design = graph.design_load_kw(spec);
  SizingContext c{spec, graph, design, pos, diags};
  for (const KindReader& kind : kind_readers)
    if (kind.size != nullptr)
      kind.size(c);
}

// Cooling loads with a COP: what they serve must be IT loads; their design draw is that heat over
// their COP.
void check_served(FacilitySpec& spec, const Positions& pos, Diagnostics& diags) {
  std::vector<std::string> racks;
  for (const auto& r : spec.loads)
    if (r.it())
      racks.push_back(r.id);
  for (std::size_t i = 0; i < spec.loads.size(); ++i) {
    power::LoadSpec& l = spec.loads[i];
    if (l.cop <= 0 || l.capacity_kw > 0)
      continue;
    for (const auto& id : l.serves)
      if (std::find(racks.begin(), racks.end(), id) == racks.end()) {
        const std::string guess = closest_match(id, racks);
        diags.add(pos.of(l.id, "serves"), "facility." + l.id + ".serves", id,
                  "not an IT load (kind rack)" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
      }
    double heat_kw = 0;
    for (int r : spec.served_racks(i))
      heat_kw += spec.loads[r].load_kw;
    l.load_kw = heat_kw / l.cop;
  }
}

// A platform rack's hosts follow one load.
void check_rack_owners(const FacilitySpec& spec, const Positions& pos, Diagnostics& diags) {
  std::map<std::string, std::string> rack_owner;
  for (const auto& l : spec.loads) {
    if (l.platform_rack.empty())
      continue;
    const auto [it, fresh] = rack_owner.emplace(l.platform_rack, l.id);
    if (!fresh)
      diags.add(pos.of(l.id, "platform_rack"), "facility." + l.id + ".platform_rack", l.platform_rack,
                "already the platform rack of load '" + it->second + "'; a rack's hosts follow one load");
  }
}

} // namespace

void read_facility(const YamlNode& node, MapReader& parent, FacilitySpec& spec, FacilityPositions& positions,
                   const std::string& platform_path) {
  MapReader f(node, "facility", parent.file(), parent.diagnostics());
  if (!f.is_map())
    return;
  Positions pos;
  const std::size_t errors_before = parent.diagnostics().size();
  spec.typical_failures =
      f.one_of_or("component_failures", {"none", "typical"}, "none",
                  {.why = "docs/MODELS.md, Component failure data: off unless asked for"}) == "typical";
  for (const KindReader& kind : kind_readers)
    for_each_item(f, kind.section, [&](MapReader& r, const YamlNode& item) {
      ItemContext c{r, item, spec, pos, platform_path};
      kind.read(c);
    });
  f.finish();
  check_served(spec, pos, f.diagnostics());
  check_rack_owners(spec, pos, f.diagnostics());
  if (spec.loads.empty())
    f.diagnostics().add(f.pos(node), "facility.loads", "", "a facility needs at least one load");
  // The graph is checked only when every component read cleanly, so one typo gives one error.
  if (parent.diagnostics().size() == errors_before && !spec.loads.empty())
    check_graph(spec, pos, parent.diagnostics());
  positions = std::move(pos);
}

} // namespace aidcsim
