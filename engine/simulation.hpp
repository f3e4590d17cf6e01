// One simulation run of a scenario, in this process's SimGrid engine.
#pragma once

#include "engine/scenario.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace aidcsim {

struct RunResult {
  std::string scenario_file;
  std::string scenario_name;
  std::string platform_file;
  std::uint64_t seed = 0;
  std::size_t accelerators = 0;
  double simulated_time_s = 0;
  double it_energy_kwh = 0;
  double mean_it_power_kw = 0;
};

// Runs the scenario to its duration. SimGrid keeps one engine per process: one run per process.
// Throws InputError for a platform that does not load. `on_platform_loaded` is called once the
// platform has loaded, before simulated time starts.
RunResult run_scenario(const Scenario& scenario, const std::function<void()>& on_platform_loaded = {});

} // namespace aidcsim
