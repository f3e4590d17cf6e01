// A run's results as text for a person (`aidcsim run` without --json), from its JSON: the
// facility's figures come from the metric table (models/power/facility_metrics.hpp) at human
// scales; figures per year only when the run lasts a year or more.
#pragma once

#include <nlohmann/json.hpp>

namespace aidcsim::cli {

void print_text(const nlohmann::json& run);

} // namespace aidcsim::cli
