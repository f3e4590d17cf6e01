// The AI workload's results in a run's JSON ("workload": training and inference figures) and in
// the text report.
#pragma once

#include "engine/sim/ai_result.hpp"

#include <nlohmann/json.hpp>

namespace aidcsim::cli {

nlohmann::ordered_json to_json(const AiResult& r);
void print_ai_text(const nlohmann::ordered_json& workload);

} // namespace aidcsim::cli
