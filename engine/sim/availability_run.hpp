// `aidcsim run --estimator mc|is`: the facility's availability from its event core alone (no
// SimGrid: racks draw their declared load), as regenerative cycles with or without importance
// sampling (models/power/regenerative_estimator.hpp).
#pragma once

#include "engine/input/scenario.hpp"
#include "models/power/episode_recorder.hpp"
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
  // Names of the estimate's first causes and components (by_cause, by_component), and the run's
  // first episodes with their chains.
  std::vector<std::string> causes, components;
  std::vector<power::Episode> examples;
  long episodes_written = -1; // rows in episodes.csv; -1 without one
};

// Throws InputError for a scenario without a facility or with scheduled faults (a steady-state
// estimate has no place for them), when the run would exceed the event budget, and when
// `episodes_csv` (episodes.csv; empty: none) cannot be written. `preamble`: "# key: value" lines
// atop episodes.csv (provenance). `progress`: a progress line on stderr (progress_meter.hpp).
AvailabilityResult estimate_availability(const Scenario& scenario, const power::SamplingOptions& options,
                                         const std::string& episodes_csv = "",
                                         const std::string& preamble = "", bool progress = false);

} // namespace aidcsim
