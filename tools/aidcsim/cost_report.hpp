// A run's cost (engine/sim/cost_result.hpp) in its JSON ("cost") and text report.
#pragma once

#include "engine/sim/cost_result.hpp"

#include <nlohmann/json.hpp>

namespace aidcsim::cli {

nlohmann::ordered_json to_json(const CostResult& c);
void print_cost_text(const nlohmann::ordered_json& c);

} // namespace aidcsim::cli
