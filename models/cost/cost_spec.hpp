// What a facility's parts cost: the capital items a design is priced by, each with its unit, its
// cost per unit, its life and its yearly maintenance, and the prices of what a run consumes and
// loses. Defaults and their sources: docs/MODELS.md, "Cost"; every number can be set in a
// scenario's `cost:` section.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace aidcsim::cost {

// A capital item and the quantity it is priced by.
enum class Item {
  substation,        // kW of design load through a utility feed
  genset,            // kW installed (units x unit rating)
  fuel_tank,         // kWh: the plant's design load for the tank's runtime (fuel included)
  onsite_generation, // kW installed
  transfer_switch,   // kW of design load through it
  ups,               // kW installed (every module, redundant ones included)
  ups_battery,       // kWh: the rated output for the runtime at rated load
  transformer,       // kW (its rating, else its design load)
  switchgear,        // kW
  pdu,               // kW
  busway,            // kW
  storage_power,     // kW of a battery store's inverter
  storage_energy,    // kWh of a battery store
  heat_rejection,    // kW of cooling: chillers, dry coolers, cooling towers
  cdu,               // kW of heat a liquid-cooling CDU moves
  crah,              // kW of heat an air handler moves
  rack,              // racks (enclosure, power shelves, manifolds)
  accelerator,       // accelerators (the servers, network and storage that come with them)
};
inline constexpr std::size_t item_count = static_cast<std::size_t>(Item::accelerator) + 1;

constexpr std::string_view item_name(Item i) {
  constexpr std::array<std::string_view, item_count> names = {
      "substation", "genset",        "fuel_tank",      "onsite_generation", "transfer_switch",
      "ups",        "ups_battery",   "transformer",    "switchgear",        "pdu",
      "busway",     "storage_power", "storage_energy", "heat_rejection",    "cdu",
      "crah",       "rack",          "accelerator"};
  return names[static_cast<std::size_t>(i)];
}

enum class Quantity { kw, kwh, each };
constexpr Quantity item_quantity(Item i) {
  switch (i) {
  case Item::fuel_tank:
  case Item::ups_battery:
  case Item::storage_energy:
    return Quantity::kwh;
  case Item::rack:
  case Item::accelerator:
    return Quantity::each;
  default:
    return Quantity::kw;
  }
}

struct ItemCost {
  double usd_per_unit = 0;         // per kW, kWh or piece (item_quantity)
  double life_years = 20;          // replaced after this long: its capital is annualised over it
  double maintenance_per_year = 0; // a fraction of its capital, each year
};

// What a lost hour of service is valued by: the accelerator-hours the facility's outages took from
// the racks (or from the training job, which stops whole), or the tokens the job did not train in
// them. One of the two, so that no loss is counted twice.
enum class DowntimeValue { accelerator_hours, tokens };

struct CostSpec {
  std::array<ItemCost, item_count> items{};
  // An accelerator's price by its chip (the platform hosts' `chip` property); a chip not named
  // here is priced at items[accelerator].
  std::map<std::string, double> accelerator_usd_by_chip;
  double discount_rate = 0.07;
  // What a run consumes and loses.
  double energy_usd_per_kwh = 0; // what utility feeds and on-site plants deliver, PUE included
  // A time-of-use tariff: energy bought between these times of day (seconds; from > to spans
  // midnight) at the peak price, the rest at energy_usd_per_kwh. Equal times: a flat price.
  double peak_usd_per_kwh = 0;
  double peak_from_s = 0, peak_to_s = 0;
  bool time_of_use() const { return peak_from_s != peak_to_s; }
  double genset_fuel_usd_per_kwh = 0;  // per kWh a genset plant delivers
  double accelerator_hour_usd = 0;     // the value of an accelerator-hour lost to an outage
  double usd_per_million_tokens = 0;   // the value of tokens not trained
  double slo_penalty_usd_per_hour = 0; // an inference service below its SLO capacity
  DowntimeValue downtime_value = DowntimeValue::accelerator_hours;
  double accelerator_usd(const std::string& chip) const {
    const auto it = accelerator_usd_by_chip.find(chip);
    return it != accelerator_usd_by_chip.end() ? it->second : (*this)[Item::accelerator].usd_per_unit;
  }
  const ItemCost& operator[](Item i) const { return items[static_cast<std::size_t>(i)]; }
  ItemCost& operator[](Item i) { return items[static_cast<std::size_t>(i)]; }
};

} // namespace aidcsim::cost
