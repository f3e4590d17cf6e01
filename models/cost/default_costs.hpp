// The cost model's defaults (cost_spec.hpp), each with its source row in docs/MODELS.md, "Cost".
// Prices in US dollars of 2022-2025, as the sources give them (not escalated to one year).
#pragma once

#include "models/cost/cost_spec.hpp"

namespace aidcsim::cost {

CostSpec default_costs();

} // namespace aidcsim::cost
