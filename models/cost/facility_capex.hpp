// The capital a facility's design takes, item by item (cost_spec.hpp): each component kind of the
// power chain says which items it is priced by and in what quantity, from its spec and the design
// load through it (power_graph.hpp, design_load_kw). A kind without an overload of `quantities`
// below fails to compile, so a new kind is priced when it is registered.
#pragma once

#include "models/cost/cost_spec.hpp"
#include "models/power/facility_spec.hpp"

#include <array>
#include <string>
#include <vector>

namespace aidcsim::cost {

struct Capex {
  std::array<double, item_count> quantity{}; // kW, kWh or pieces (item_quantity)
  std::array<double, item_count> usd{};
  double total_usd() const;
  // Yearly: every item's capital annualised over its life at the discount rate, and its upkeep.
  double annual_capital_usd(const CostSpec& costs) const;
  double annual_maintenance_usd(const CostSpec& costs) const;
};

// A platform's accelerators of one chip (its hosts' `chip` property).
struct ChipCount {
  std::string chip;
  long count = 0;
};

// `design_kw`: per graph node, the design load through it; `accelerators`: the platform's, each
// priced by its chip (CostSpec::accelerator_usd).
Capex facility_capex(const power::FacilitySpec& spec, const std::vector<double>& design_kw,
                     const std::vector<ChipCount>& accelerators, const CostSpec& costs);
// All of one price (items[accelerator]).
inline Capex facility_capex(const power::FacilitySpec& spec, const std::vector<double>& design_kw,
                            long accelerators, const CostSpec& costs) {
  return facility_capex(spec, design_kw, {{"", accelerators}}, costs);
}

} // namespace aidcsim::cost
