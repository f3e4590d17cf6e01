// `aidcsim run --estimator mc|is`: the facility's availability from its event core alone (no
// SimGrid: racks draw their declared load), as regenerative cycles with or without importance
// sampling (models/power/regenerative_estimator.hpp).
#pragma once

#include "engine/input/scenario.hpp"
#include "models/power/regenerative_estimator.hpp"

#include <cstdint>
#include <string>

namespace aidcsim {

struct AvailabilityResult {
  std::string scenario_file;
  std::string scenario_name;
  std::uint64_t seed = 0;
  double simulated_time_s = 0;
  long events = 0;
  power::RareEventEstimate estimate;
};

// Throws InputError for a scenario without a facility or with scheduled faults (a steady-state
// estimate has no place for them), and when the run would exceed the event budget.
AvailabilityResult estimate_availability(const Scenario& scenario, const power::SamplingOptions& options);

} // namespace aidcsim
