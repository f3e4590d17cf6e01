#include "models/cost/default_costs.hpp"

namespace aidcsim::cost {

// Each line: price per unit, life in years, yearly maintenance as a share of the capital. The
// docs/MODELS.md row of the same name gives the source and its strength.
CostSpec default_costs() {
  CostSpec c;
  c[Item::substation] = {150, 30, 0.01};
  c[Item::genset] = {800, 20, 0.025};
  c[Item::fuel_tank] = {(5.0 + 3.76) * 0.071, 30, 0.01};
  c[Item::onsite_generation] = {1428, 20, 0.013};
  c[Item::transfer_switch] = {30, 25, 0.01};
  c[Item::ups] = {500, 12, 0.03};
  c[Item::ups_battery] = {450, 10, 0.0};
  c[Item::transformer] = {100, 30, 0.01};
  c[Item::switchgear] = {100, 30, 0.01};
  c[Item::pdu] = {150, 20, 0.01};
  c[Item::busway] = {100, 20, 0.01};
  c[Item::storage_power] = {968, 15, 0.025};
  c[Item::storage_energy] = {253, 15, 0.025};
  c[Item::heat_rejection] = {170, 20, 0.03};
  c[Item::cdu] = {200, 15, 0.03};
  c[Item::crah] = {150, 15, 0.03};
  c[Item::rack] = {2000, 15, 0.0};
  // A system's price per accelerator is its servers'; the founding document puts servers at 69 % of
  // IT capital (network 11, security 9, storage 6, optics 5 %), so the rest comes pro rata.
  constexpr double servers_share_of_it = 0.69;
  c[Item::accelerator] = {41700 / servers_share_of_it, 5, 0.0};
  c.accelerator_usd_by_chip = {{"gb200", 41700 / servers_share_of_it},
                               {"ascend910c", 21400 / servers_share_of_it}};
  c.discount_rate = 0.07;
  c.energy_usd_per_kwh = 0.081;
  c.genset_fuel_usd_per_kwh = 3.76 * 0.071;
  c.accelerator_hour_usd = 5.50;
  c.usd_per_million_tokens = 10;
  c.slo_penalty_usd_per_hour = 0;
  return c;
}

std::string_view item_row(Item item) {
  switch (item) {
  case Item::substation:
    return "Substation";
  case Item::genset:
    return "Genset";
  case Item::fuel_tank:
    return "Fuel tank";
  case Item::onsite_generation:
    return "On-site generation";
  case Item::transfer_switch:
    return "Transfer switch";
  case Item::ups:
    return "UPS";
  case Item::ups_battery:
    return "UPS battery";
  case Item::transformer:
  case Item::switchgear:
    return "Transformer, switchgear";
  case Item::pdu:
  case Item::busway:
    return "PDU, busway";
  case Item::storage_power:
  case Item::storage_energy:
    return "Battery store";
  case Item::heat_rejection:
    return "Heat rejection";
  case Item::cdu:
  case Item::crah:
    return "CDU, air handler";
  case Item::rack:
    return "Rack enclosure";
  case Item::accelerator:
    return "Accelerator";
  }
  return {};
}

} // namespace aidcsim::cost
