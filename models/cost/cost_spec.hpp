// What a facility's parts cost: the capital items a design is priced by, each with its unit, its
// cost per unit, its life and its yearly maintenance, and the prices of what a run consumes and
// loses. Defaults and their sources: docs/MODELS.md, "Cost"; every number can be set in a
// scenario's `cost:` section.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace aidcsim::cost {

// A capital item and the quantity it is priced by.
enum class Item {
  substation,        // kW of design load through a utility feed
  genset,            // kW installed (units x unit rating)
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
  constexpr std::array<std::string_view, item_count> names = {"substation",
                                                              "genset",
                                                              "onsite_generation",
                                                              "transfer_switch",
                                                              "ups",
                                                              "ups_battery",
                                                              "transformer",
                                                              "switchgear",
                                                              "pdu",
                                                              "busway",
                                                              "storage_power",
                                                              "storage_energy",
                                                              "heat_rejection",
                                                              "cdu",
                                                              "crah",
                                                              "rack",
                                                              "accelerator"};
  return names[static_cast<std::size_t>(i)];
}

enum class Quantity { kw, kwh, each };
constexpr Quantity item_quantity(Item i) {
  switch (i) {
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

struct CostSpec {
  std::array<ItemCost, item_count> items{};
  double discount_rate = 0.07;
  // What a run consumes and loses.
  double energy_usd_per_kwh = 0;      // at the sources (utility and on-site), PUE included
  double genset_fuel_usd_per_kwh = 0; // per kWh a genset plant delivers
  double accelerator_hour_usd = 0;    // the value of an accelerator-hour lost to an outage
  double usd_per_million_tokens = 0;  // the value of tokens not trained or served
  const ItemCost& operator[](Item i) const { return items[static_cast<std::size_t>(i)]; }
  ItemCost& operator[](Item i) { return items[static_cast<std::size_t>(i)]; }
};

} // namespace aidcsim::cost
