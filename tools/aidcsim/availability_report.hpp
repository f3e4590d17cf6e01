// `aidcsim run --estimator mc|is`: the availability estimate as JSON and as text.
#pragma once

#include "engine/sim/availability_run.hpp"
#include "tools/aidcsim/run_json.hpp"

namespace aidcsim::cli {

json to_json(const AvailabilityResult& r);
void print_availability_text(const json& j);

} // namespace aidcsim::cli
