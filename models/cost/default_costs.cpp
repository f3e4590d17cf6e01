#include "models/cost/default_costs.hpp"

namespace aidcsim::cost {

// Each line: price per unit, life in years, yearly maintenance as a share of the capital. The
// docs/MODELS.md row of the same name gives the source and its strength.
CostSpec default_costs() {
  CostSpec c;
  c[Item::substation] = {150, 30, 0.01};
  c[Item::genset] = {800, 20, 0.025};
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
  c[Item::accelerator] = {41700, 5, 0.0};
  c.discount_rate = 0.07;
  c.energy_usd_per_kwh = 0.081;
  c.genset_fuel_usd_per_kwh = 3.76 * 0.071;
  c.accelerator_hour_usd = 5.50;
  c.usd_per_million_tokens = 10;
  return c;
}

} // namespace aidcsim::cost
