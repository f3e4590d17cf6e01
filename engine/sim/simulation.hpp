// One simulation run of a scenario, in this process's SimGrid engine.
#pragma once

#include "engine/input/scenario.hpp"
#include "engine/sim/ai_result.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace aidcsim {

// What the facility's power chain did over the run.
struct FacilityResult {
  bool present = false;
  double simulated_years = 0;
  double power_availability = 1;      // fraction of IT rack-time energized
  double it_downtime_min = 0;         // unpowered time over the run, averaged over IT racks
  double it_service_downtime_min = 0; // unpowered plus booting after power returns
  double it_downtime_min_per_year = 0;
  std::optional<double> it_downtime_standard_error_min_per_year; // from yearly samples (2+ years)
  long simulated_whole_years = 0;
  double it_service_downtime_min_per_year = 0; // unpowered plus booting after power returns
  double unserved_it_energy_kwh = 0;
  long utility_outages = 0;
  power::OutageOutcomes outcomes;
  double min_ups_state_of_charge = 1;
  double genset_run_hours = 0; // summed over units
  long genset_starts = 0;
  long genset_failed_start_attempts = 0;
  double genset_energy_kwh = 0;
  double fuel_used_tank_hours = 0; // hours of design-load running burned
  long genset_load_refusals = 0;   // a plant short of the load it would take refused it
  long capacity_sheds = 0;         // loads or UPS inputs dropped to fit a component's capacity
  // Cooling loops (zero when the scenario has none).
  long cooling_loops = 0;
  long throttle_events = 0;
  long thermal_shutdowns = 0;
  double throttled_rack_min = 0;          // time above throttle, summed over racks
  double throttled_accelerator_hours = 0; // accelerators of throttled racks x time
  double shutdown_accelerator_hours = 0;
  double peak_chip_c = 0;
  double peak_coolant_c = 0;
  // The facility water loop, when modelled.
  bool water_loop = false;
  double peak_water_c = 0;
  double water_above_setpoint_min = 0; // the plant could not hold the supply temperature
  double heat_rejected_kwh = 0;
  double heat_received_kwh = 0;
  double coupling_residual_kwh = 0;
  long events = 0;
  // Energy for PUE: sources (utility and gensets), IT, cooling (every other load), and the
  // conversion losses between (UPS).
  double source_energy_kwh = 0;
  double storage_drawdown_kwh = 0;
  double it_facility_energy_kwh = 0;
  double cooling_energy_kwh = 0;
  double conversion_losses_kwh = 0;
  double pue = 0;
  // Each component's own figures (power::Component::metrics), in graph order.
  std::vector<power::ComponentReport> components;
};

struct RunResult {
  std::string scenario_file;
  std::string scenario_name;
  std::string platform_file;
  std::uint64_t seed = 0;
  std::size_t accelerators = 0;
  double simulated_time_s = 0;
  double it_energy_kwh = 0;
  double mean_it_power_kw = 0;
  FacilityResult facility;
  AiResult ai;
};

struct RunOptions {
  std::function<void()> on_platform_loaded; // called once the platform loaded, before time starts
  std::string timeline_csv;                 // where to write the facility timeline; empty: none
};

// Runs the scenario to its duration. SimGrid keeps one engine per process: one run per process.
// Throws InputError for a platform that does not load or does not match the facility.
RunResult run_scenario(const Scenario& scenario, const RunOptions& options = {});

} // namespace aidcsim
