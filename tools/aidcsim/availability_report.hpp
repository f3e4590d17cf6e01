// `aidcsim run --estimator mc|is`: the availability estimate as JSON and as text.
#pragma once

#include "engine/sim/availability_run.hpp"
#include "tools/aidcsim/run_json.hpp"

namespace aidcsim::cli {

json to_json(const AvailabilityResult& r);
// One episode as JSON, its causes named.
json episode_json(const power::Episode& e, const std::vector<std::string>& causes);
void print_availability_text(const json& j);

} // namespace aidcsim::cli
