// The cost model's defaults (cost_spec.hpp), each with its source row in docs/MODELS.md, "Cost".
// Prices in US dollars of 2022-2025, as the sources give them (not escalated to one year).
#pragma once

#include "models/cost/cost_spec.hpp"

#include <string_view>

namespace aidcsim::cost {

CostSpec default_costs();

// The first cell of the item's row in docs/MODELS.md, "Cost".
std::string_view item_row(Item item);

} // namespace aidcsim::cost
