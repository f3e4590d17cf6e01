// An on-site generation plant as data: gas turbines or reciprocating gas engines, N+k units,
// running as the facility's prime source (the grid as backup) or as a backup started on demand.
// The defaults per technology and their sources: onsite_defaults() below and docs/MODELS.md.
#pragma once

#include "models/power/spec_parts.hpp"

#include <string>

namespace aidcsim::power {

enum class OnsiteTechnology { gas_turbine, gas_engine };

// What a scenario that names only the technology gets (docs/MODELS.md, "On-site generation").
struct OnsiteDefaults {
  double start_s;           // start command to synchronized
  double load_acceptance_s; // synchronized to full load
  double fail_to_start;     // per start attempt
  double fail_while_running_per_s;
  double repair_median_s; // lognormal repair time after a forced outage
  double repair_sigma;
  double maintenance_interval_s; // calendar time between a unit's planned outages
  double maintenance_duration_s;
};
OnsiteDefaults onsite_defaults(OnsiteTechnology technology);

struct OnsitePlantSpec {
  static constexpr std::string_view kind_name = "on-site generation plant";
  static constexpr std::string_view stream_name = "onsite";
  static constexpr bool is_source = true;
  std::string id;
  OnsiteTechnology technology = OnsiteTechnology::gas_turbine;
  // prime: runs from the start and carries the load; backup: started on demand by the transfer
  // switch it is the alternate of (as genset plants are).
  enum class Role { prime, backup };
  Role role = Role::prime;
  double unit_rating_kw = 0;
  UnitSizing sizing;
  int units = 0;        // installed, resolved from `sizing` and the design load
  int units_needed = 0; // N
  double start_s = 0;
  double load_acceptance_s = 0; // a unit carries load (its full rating) after start + acceptance
  double fail_to_start = 0;
  int start_attempts = 3;    // attempts per unit before it goes to repair
  double retry_delay_s = 60; // between attempts (purge and restart)
  double fail_while_running_per_s = 0;
  faults::DurationDistribution repair = faults::DurationDistribution::fixed(0);
  double maintenance_interval_s = 0; // 0: no planned outages
  double maintenance_duration_s = 0;
  // Fuel: a gas pipeline (no storage; a curtailment trips every running unit until it ends) or a
  // tank (runtime at the design load, refilled by deliveries every refuel lead time while running).
  enum class Fuel { pipeline, tank };
  Fuel fuel = Fuel::pipeline;
  Interruptions pipeline_interruptions;
  double fuel_tank_s = 0;
  double refuel_lead_time_s = 0;
  LoadShedding load_shedding = LoadShedding::none;

  std::vector<SpecInput> inputs() const { return {}; }
  // A backup plant enters the chain only where a switch starts it; a prime plant anywhere.
  OutputRule output_rule() const {
    return role == Role::backup ? OutputRule::starting_input_only : OutputRule::anywhere;
  }
  double output_per_input_kw() const { return 1.0; }
};

} // namespace aidcsim::power
