// The battery policies of a run (engine/sim/policy_result.hpp) in its JSON ("policies") and text
// report.
#pragma once

#include "engine/sim/policy_result.hpp"

#include <nlohmann/json.hpp>

namespace aidcsim::cli {

nlohmann::ordered_json to_json(const PolicyResult& p);
void print_policies_text(const nlohmann::ordered_json& p);

} // namespace aidcsim::cli
