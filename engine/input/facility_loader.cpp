#include "engine/input/facility_loader.hpp"

#include "engine/base/text_distance.hpp"
#include "engine/input/facility/kind_readers.hpp"
#include "engine/input/yaml_reader.hpp"
#include "models/power/power_graph.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace aidcsim {
namespace {

using power::FacilitySpec;

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
  case Code::fed_by_load:
    return "'" + p.value + "' is a load; loads feed nothing";
  case Code::genset_not_alternate:
    return "gensets connect as a transfer switch's alternate, which starts them when its normal source fails";
  case Code::backup_not_alternate:
    return "an on-site plant in the backup role connects as a transfer switch's alternate, which starts it "
           "when its normal source fails (role prime runs it as a source of its own)";
  case Code::repeated_feeder:
    return "'" + p.value + "' already feeds this component; each feeder appears once";
  case Code::cycle: {
    std::string path;
    for (const auto& id : p.path)
      path += (path.empty() ? "" : " -> ") + id;
    return "the power chain has a cycle: " + path;
  }
  case Code::unreachable_load:
    return "no path from any utility feed or genset plant reaches this load";
  }
  throw std::logic_error("graph_problem_text: a problem code without words");
}

std::string mw(double kw) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g MW", kw / 1e3);
  return buf;
}

// Plants of units (genset plants, on-site plants): N and the installed units from the design
// load through each.
template <class Plants>
void size_plants(Plants& plants, const power::PowerGraph& graph, const std::vector<double>& design,
                 const Positions& pos, Diagnostics& diags) {
  for (auto& p : plants) {
    const double load = design[graph.index_of(p.id)];
    p.units_needed = power::UnitSizing::units_needed(load, p.unit_rating_kw);
    p.units = p.sizing.units_for(load, p.unit_rating_kw);
    if (p.units * p.unit_rating_kw < load * (1 - 1e-9))
      diags.add(pos.of(p.id, "sizing"), "facility." + p.id + ".sizing", p.sizing.describe(),
                std::to_string(p.units) + " units of " + mw(p.unit_rating_kw) + " are below the " + mw(load) +
                    " design load through this plant");
  }
}

// UPS systems: a rating given as a percentage becomes kW, and every rating covers its design load.
void size_ups(FacilitySpec& spec, const power::PowerGraph& graph, const std::vector<double>& design,
              const Positions& pos, Diagnostics& diags) {
  for (auto& u : spec.ups) {
    const double load = design[graph.index_of(u.id)] * u.efficiency; // at the output
    if (u.rating_fraction > 0 && !(load > 0)) {
      diags.add(pos.of(u.id, "rating"), "facility." + u.id + ".rating", "",
                "a rating as a percentage needs a design load through the UPS; nothing draws through it");
      continue;
    }
    if (u.rating_fraction > 0) {
      u.rating_kw = u.rating_fraction * load;
      u.battery.rated_kw = u.rating_kw;
      if (u.recharge_default_s > 0)
        u.battery.recharge_kw = u.rating_kw * u.battery.runtime_at_rated_s / u.recharge_default_s;
    }
    if (u.rating_kw < load * (1 - 1e-9))
      diags.add(pos.of(u.id, "rating"), "facility." + u.id + ".rating", mw(u.rating_kw),
                "below the " + mw(load) +
                    " design load through this UPS (a dual-corded load counts in full)");
  }
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
  size_plants(spec.gensets, graph, design, pos, diags);
  size_plants(spec.onsite, graph, design, pos, diags);
  size_ups(spec, graph, design, pos, diags);
  for (const auto& d : spec.distribution) {
    const double load = design[graph.index_of(d.id)];
    if (d.rating_kw > 0 && d.rating_kw < load * (1 - 1e-9))
      diags.add(pos.of(d.id, "rating"), "facility." + d.id + ".rating", mw(d.rating_kw),
                "below the " + mw(load) + " design load through this component");
  }
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

void read_facility(const YAML::Node& node, MapReader& parent, FacilitySpec& spec,
                   std::map<std::string, SourcePos>& positions, const std::string& platform_path) {
  MapReader f(node, "facility", parent.file(), parent.diagnostics());
  if (!f.is_map())
    return;
  Positions pos;
  const std::size_t errors_before = parent.diagnostics().size();
  for (const KindReader& kind : kind_readers)
    for_each_item(f, kind.section, [&](MapReader& r, const YAML::Node& item) {
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
  positions = pos.at;
}

} // namespace aidcsim
