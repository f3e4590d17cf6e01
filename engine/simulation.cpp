#include "engine/simulation.hpp"

#include "engine/diagnostics.hpp"
#include "engine/simgrid_platform.hpp"
#include "engine/units.hpp"
#include "models/workload/full_load.hpp"

#include <simgrid/plugins/energy.h>
#include <simgrid/s4u/Host.hpp>

#include <stdexcept>

namespace aidcsim {

RunResult run_scenario(const Scenario& scenario, const std::function<void()>& on_platform_loaded) {
  auto engine = load_simgrid_platform(scenario.platform_path);
  std::vector<simgrid::s4u::Host*> accelerators =
      engine->get_filtered_hosts([](simgrid::s4u::Host* h) { return h->get_property("chip") != nullptr; });
  if (accelerators.empty())
    throw_input_error(SourcePos{scenario.platform_path, 0, 0}, "", "",
                      "no accelerator hosts (hosts with a 'chip' property) in the platform");

  if (on_platform_loaded)
    on_platform_loaded();

  if (scenario.workload.kind == "full_load")
    workload::start_full_load(accelerators, scenario.duration_s);
  else
    throw std::logic_error("workload kind '" + scenario.workload.kind +
                           "' passed validation but has no model");

  engine->run();

  RunResult r;
  r.scenario_file = scenario.file;
  r.scenario_name = scenario.name;
  r.platform_file = scenario.platform_path;
  r.seed = scenario.seed;
  r.accelerators = accelerators.size();
  r.simulated_time_s = simgrid::s4u::Engine::get_clock();
  double energy_j = 0;
  for (const auto* h : accelerators)
    energy_j += sg_host_get_consumed_energy(h);
  r.it_energy_kwh = energy_j / units::joules_per_kwh;
  r.mean_it_power_kw = r.simulated_time_s > 0 ? energy_j / r.simulated_time_s / 1e3 : 0.0;
  return r;
}

} // namespace aidcsim
