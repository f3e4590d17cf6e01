// Parts the specs of several component kinds share: a failure process with durations, the
// sizing of a plant of identical units, what a plant short of its load does, and what every
// kind's spec says of its place in the power graph (ComponentSpec).
#pragma once

#include "models/faults/distribution.hpp"

#include <concepts>
#include <string>
#include <string_view>
#include <vector>

namespace aidcsim::power {

// A Poisson process of events with a random duration (utility outages, component failures).
struct Interruptions {
  double rate_per_s = 0; // 0: none
  faults::DurationDistribution duration = faults::DurationDistribution::fixed(0);
  // Beta factor (common cause) of a group of units: a fraction beta of each unit's rate is one
  // group event that fails every unit up at once (rate beta x rate_per_s); the rest, (1 - beta) x
  // rate_per_s per unit, is independent. 0: independent units.
  double common_cause_beta = 0;
  bool given = false; // the scenario wrote it (figures, `typical` or `none`)
};

// How many units a plant installs (genset units, turbines, engines): a count, or relative to
// N = ceil(design load / unit rating): N, N+1, 2N, or a percentage of the design load
// (120% -> ceil(1.2 load / rating)).
struct UnitSizing {
  enum class Kind { count, n, n_plus_1, two_n, percent };
  Kind kind = Kind::n_plus_1;
  double value = 0; // the count, or the percentage as a fraction (1.2)
  int units_for(double design_load_kw, double unit_rating_kw) const;
  std::string describe() const;
  // N: the units that carry the design load, at least one.
  static int units_needed(double design_load_kw, double unit_rating_kw);
};

// A plant whose running units cannot carry the load it would take: by default it takes none of it
// (the switch stays off it and UPS batteries go on carrying); with `priority` shedding the plant
// takes the load and its switchgear drops the lowest-priority branches until the rest fits.
enum class LoadShedding { none, priority };

// One input of a component in the power graph: the key it is written under and the component it
// names. starts_feeder: this input starts what feeds it when the chain needs it (a transfer
// switch's alternate), the one way into the chain for a plant that runs only on demand.
struct SpecInput {
  std::string_view field;
  std::string id;
  bool starts_feeder = false;
};

// Where a component's output may go in the power graph.
enum class OutputRule {
  anywhere,            // into any component's input
  starting_input_only, // only into an input that starts it (a plant started on demand)
  nowhere,             // a load feeds nothing
};

// What the power graph and the facility read from every kind's spec; a spec lacking one does not
// compile (facility_spec.hpp asserts it for every list). The graph numbers nodes, checks
// connections and sizes design loads from these alone, without knowing any kind by name.
template <class S>
concept ComponentSpec = requires(const S s) {
  { s.id } -> std::convertible_to<std::string>;
  { S::kind_name } -> std::convertible_to<std::string_view>;   // in messages: "genset plant"
  { S::stream_name } -> std::convertible_to<std::string_view>; // its random stream "<name>/<id>"
  { S::is_source } -> std::convertible_to<bool>;               // power enters the facility here
  { s.inputs() } -> std::same_as<std::vector<SpecInput>>;      // in declaration order
  { s.output_rule() } -> std::same_as<OutputRule>;
  { s.output_per_input_kw() } -> std::same_as<double>; // its conversion losses (a UPS: its efficiency)
};

} // namespace aidcsim::power
