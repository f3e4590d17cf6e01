// A scenario: which platform, for how long, with which workload and seed. Loaded from YAML with
// every value type- and unit-checked; see scenarios/default.yaml for a commented example.
#pragma once

#include "engine/base/diagnostics.hpp"
#include "engine/input/facility_positions.hpp"
#include "engine/input/workload_spec.hpp"
#include "models/cost/cost_spec.hpp"
#include "models/dynamics/dynamics_spec.hpp"
#include "models/power/facility.hpp"
#include "models/workload/battery_policy.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aidcsim {

struct Scenario {
  std::string file; // path of the YAML file
  std::string name;
  std::string description;
  std::string platform_path; // resolved against the scenario file's folder
  double duration_s = 0;
  std::uint64_t seed = 1;
  WorkloadSpec workload;
  // `power_dynamics:`: the training job's power through its step and states, and what the
  // facility's sources see of it (models/dynamics/); absent, racks draw their hosts' busy power.
  std::optional<dynamics::PowerDynamicsSpec> power_dynamics;
  // `policies:`: what the racks and the job do on battery (models/workload/battery_policy.hpp).
  workload::BatteryPolicySpec policies;
  // `cost:`: the prices the design and its run are valued at (models/cost/); sourced defaults.
  cost::CostSpec cost;
  power::FacilitySpec facility;              // empty when the scenario has no `facility:`
  std::vector<power::ScheduledFault> faults; // from `faults:`
  std::vector<SourcePos> fault_starts;       // where each fault's `at` was written
  std::vector<Diagnostic> warnings;          // accepted, but probably not what was meant
  FacilityPositions
      facility_positions; // where each id and field was written // "id" and "id.field" -> where written
};

// Workload kinds the engine knows.
const std::vector<std::string>& workload_kinds();

// Longest and shortest run a scenario may ask for: 1,000,000 years, 1 microsecond. SimGrid's clock
// is one double: at 1,000,000 years (3.2e13 s) it resolves 4 ms, still far below the shortest
// power-chain delay that matters (a 100 ms transfer, a 10 s genset start).
inline constexpr double max_duration_s = 1e6 * 365.0 * 86400.0;
inline constexpr double min_duration_s = 1e-6;

// A scenario's name heads every report and file; a longer one is an error, not 52 MB on a terminal.
inline constexpr std::size_t max_name_chars = 200;

// Seeds are whole numbers from 0 to 2^63 - 1, in scenario files and on the command line.
inline constexpr long long max_seed = 9223372036854775807LL;

// A value to put at a key path of the scenario before it is read (a sweep point). The path is
// dotted keys, with [id] selecting the list item of that id or [N] the N-th item:
// "facility.ups[ups-a].battery.runtime", "platform". `where` is where the override was written.
struct KeyOverride {
  std::string key;
  std::string yaml_value; // any YAML: "10 min", "N+1", "[pdu-a, pdu-b]"
  SourcePos where;
};

// Throws InputError listing every problem in the file (and in the overrides). What it accepts but
// doubts goes into `warnings`.
Scenario load_scenario(const std::string& path, const std::vector<KeyOverride>& overrides = {});
// The same for `text` read from a file named `path`: messages name it and its relative paths resolve
// from its folder. The fuzzer reads its inputs so, without a file per input.
Scenario load_scenario_text(const std::string& text, const std::string& path);

// The scenario's warnings, and those that depend on its duration as run (after --duration or
// --years): scheduled faults at or after the end never happen.
std::vector<Diagnostic> scenario_warnings(const Scenario& scenario);

} // namespace aidcsim
