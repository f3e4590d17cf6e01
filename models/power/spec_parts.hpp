// Parts the specs of several component kinds share: a failure process with durations, the
// sizing of a plant of identical units, and what a plant short of its load does.
#pragma once

#include "models/faults/distribution.hpp"

#include <string>

namespace aidcsim::power {

// A Poisson process of events with a random duration (utility outages, component failures).
struct Interruptions {
  double rate_per_s = 0; // 0: none
  faults::DurationDistribution duration = faults::DurationDistribution::fixed(0);
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

} // namespace aidcsim::power
