// The power dynamics of a run (engine/sim/power_dynamics_run.hpp) in its JSON ("power_dynamics":
// the job's step as the accelerators draw it, and what each source and UPS saw) and text report.
#pragma once

#include "engine/sim/power_dynamics_run.hpp"

#include <nlohmann/json.hpp>

namespace aidcsim::cli {

nlohmann::ordered_json to_json(const DynamicsResult& d);
void print_dynamics_text(const nlohmann::ordered_json& d);

} // namespace aidcsim::cli
