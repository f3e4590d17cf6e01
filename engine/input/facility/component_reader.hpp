// What every component kind's reader shares: where each id and field was written (for checks
// made on the whole facility later), ids and references, failure processes and durations.
// Include only from .cpp files (it pulls in yaml-cpp).
#pragma once

#include "engine/input/facility_positions.hpp"
#include "engine/input/yaml_reader.hpp"
#include "models/power/facility_spec.hpp"
#include "models/power/power_graph.hpp"

#include <map>
#include <string>

namespace aidcsim {

// Where each component and each of its fields was written, to place graph problems.
using Positions = FacilityPositions;

// What a kind's reader is handed for each item of its list.
struct ItemContext {
  MapReader& r;
  const YamlNode& item;
  power::FacilitySpec& spec;
  Positions& pos;
  const std::string& platform_path; // for loads `from_platform: racks`
};

// What a kind's sizing step is handed once the whole graph is valid: the design load through each
// node (kW at its input), to resolve ratings and unit counts and to check them.
struct SizingContext {
  power::FacilitySpec& spec;
  const power::PowerGraph& graph;
  const std::vector<double>& design_kw;
  const Positions& pos;
  Diagnostics& diags;
  double design_load_kw(const std::string& id) const { return design_kw[graph.index_of(id)]; }
};

// "1.2 MW", for messages about ratings.
std::string format_mw(double kw);

// Plants of units (genset plants, on-site plants): N and the installed units from the design load
// through each, and an error where the installed units cannot carry it.
template <class Plants> void size_plants(Plants& plants, const SizingContext& c) {
  for (auto& p : plants) {
    const double load = c.design_load_kw(p.id);
    p.units_needed = power::UnitSizing::units_needed(load, p.unit_rating_kw);
    p.units = p.sizing.units_for(load, p.unit_rating_kw);
    if (p.units * p.unit_rating_kw < load * (1 - 1e-9))
      c.diags.add(c.pos.of(p.id, "sizing"), "facility." + p.id + ".sizing", p.sizing.describe(),
                  std::to_string(p.units) + " units of " + format_mw(p.unit_rating_kw) + " are below the " +
                      format_mw(load) + " design load through this plant");
  }
}

// `id:` (required), noted at the item's position.
std::string read_id(ItemContext& c);
// A required key naming the component that feeds this one.
std::string read_reference(ItemContext& c, const std::string& key, const std::string& id);
// {distribution: exponential | lognormal | empirical | fixed, ...}
faults::DurationDistribution read_duration(const YamlNode& node, MapReader& parent, const std::string& key);
// {rate: 2 /y, <duration_key>: {distribution: ...}} under `key`, optional. With `group`, also
// `common_cause: 5 %`, the beta factor of a group of units (spec_parts.hpp).
power::Interruptions read_interruptions(MapReader& parent, const std::string& key,
                                        const std::string& duration_key, bool group = false);
// A component's failure process under `key`: figures as read_interruptions reads them, `typical`
// (the kind's figures, passed in), or `none`. Absent, the facility's `component_failures` decides.
power::Interruptions read_failures(ItemContext& c, const std::string& key,
                                   const power::Interruptions& typical, bool group = false);
// `sizing:` of a plant of units: N, N+1, 2N, a percentage of the design load, or a count.
power::UnitSizing read_sizing(ItemContext& c, const std::string& id);
// Where the defaults of a plant's starts come from (docs/SCENARIOS.md).
struct StartDefaults {
  Default fail_to_start, attempts_and_delay;
};
// `fail_to_start`, `start_attempts` and `retry_delay` of a plant of units; the values passed in
// are the defaults.
void read_start_retries(MapReader& r, double& fail_to_start, int& start_attempts, double& retry_delay_s,
                        const StartDefaults& d);
// `load_shedding: none | priority` (default none).
power::LoadShedding read_load_shedding(MapReader& r);
// A probability (0 to 1) under `key`, optional.
double read_probability(MapReader& r, const std::string& key, double default_value, const Default& d);
// The beta factor of a group of units, off by default.
inline const Default common_cause_default{
    .row = "Common cause (`common_cause`, beta factor) of a genset plant and of UPS modules"};

} // namespace aidcsim
