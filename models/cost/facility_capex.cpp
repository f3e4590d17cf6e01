#include "models/cost/facility_capex.hpp"

#include "models/cost/annualised.hpp"

#include <optional>
#include <tuple>

namespace aidcsim::cost {

namespace {

using Quantities = std::array<double, item_count>;

void add(Quantities& q, Item i, double amount) {
  q[static_cast<std::size_t>(i)] += amount;
}

// One overload per component kind of the registry (FacilitySpec::lists).
void quantities(const power::FacilitySpec&, const power::UtilitySpec&, double design_kw, Quantities& q) {
  add(q, Item::substation, design_kw);
}
// A tank runs the plant's design load for its runtime (genset_plant.hpp); 0 is unlimited, unpriced.
void quantities(const power::FacilitySpec&, const power::GensetPlantSpec& g, double design_kw,
                Quantities& q) {
  add(q, Item::genset, g.units * g.unit_rating_kw);
  add(q, Item::fuel_tank, design_kw * g.fuel_tank_s / 3600);
}
void quantities(const power::FacilitySpec&, const power::OnsitePlantSpec& o, double, Quantities& q) {
  add(q, Item::onsite_generation, o.units * o.unit_rating_kw);
}
void quantities(const power::FacilitySpec&, const power::TransferSwitchSpec&, double design_kw,
                Quantities& q) {
  add(q, Item::transfer_switch, design_kw);
}
void quantities(const power::FacilitySpec&, const power::UpsSpec& u, double, Quantities& q) {
  add(q, Item::ups, u.module_kw() * u.modules);
  add(q, Item::ups_battery, u.battery.rated_kw * u.battery.runtime_at_rated_s / 3600);
}
// A cable is priced with what it connects.
std::optional<Item> distribution_item(power::DistributionKind kind) {
  using K = power::DistributionKind;
  switch (kind) {
  case K::transformer:
    return Item::transformer;
  case K::switchgear:
    return Item::switchgear;
  case K::pdu:
    return Item::pdu;
  case K::busway:
    return Item::busway;
  case K::cable:
    return std::nullopt;
  }
  return std::nullopt;
}
void quantities(const power::FacilitySpec&, const power::DistributionSpec& d, double design_kw,
                Quantities& q) {
  if (const std::optional<Item> item = distribution_item(d.kind))
    add(q, *item, d.rating_kw > 0 ? d.rating_kw : design_kw);
}
void quantities(const power::FacilitySpec& spec, const power::LoadSpec& l, double, Quantities& q) {
  using K = power::LoadKind;
  // The heat a cooling unit moves: its capacity, else the design heat of the racks it serves.
  const auto heat_kw = [&] {
    if (l.capacity_kw > 0)
      return l.capacity_kw;
    double kw = 0;
    for (const power::LoadSpec& r : spec.loads)
      if (l.serves_rack(r))
        kw += r.load_kw;
    return kw;
  };
  switch (l.kind) {
  case K::rack:
    add(q, Item::rack, 1);
    return;
  case K::cdu:
    add(q, Item::cdu, heat_kw());
    return;
  case K::crah:
    add(q, Item::crah, heat_kw());
    return;
  case K::chiller:
  case K::dry_cooler:
  case K::cooling_tower:
    add(q, Item::heat_rejection, heat_kw());
    return;
  case K::other:
    return;
  }
}
void quantities(const power::FacilitySpec&, const power::BatteryStorageSpec& s, double, Quantities& q) {
  add(q, Item::storage_power, s.params.power_kw);
  add(q, Item::storage_energy, s.params.energy_kwh);
}

} // namespace

double Capex::total_usd() const {
  double sum = 0;
  for (const double u : usd)
    sum += u;
  return sum;
}

double Capex::annual_capital_usd(const CostSpec& costs) const {
  double sum = 0;
  for (std::size_t i = 0; i < item_count; ++i)
    if (usd[i] > 0)
      sum += annualised_usd(usd[i], costs.discount_rate, costs.items[i].life_years);
  return sum;
}

double Capex::annual_maintenance_usd(const CostSpec& costs) const {
  double sum = 0;
  for (std::size_t i = 0; i < item_count; ++i)
    sum += usd[i] * costs.items[i].maintenance_per_year;
  return sum;
}

Capex facility_capex(const power::FacilitySpec& spec, const std::vector<double>& design_kw,
                     const std::vector<ChipCount>& accelerators, const CostSpec& costs) {
  Capex c;
  std::size_t node = 0; // graph nodes follow the registry's order (power_graph.hpp)
  std::apply(
      [&](const auto&... lists) {
        const auto price = [&](const auto& list) {
          for (const auto& s : list) {
            quantities(spec, s, node < design_kw.size() ? design_kw[node] : 0.0, c.quantity);
            ++node;
          }
        };
        (price(lists), ...);
      },
      spec.lists());
  constexpr auto accelerator = static_cast<std::size_t>(Item::accelerator);
  for (std::size_t i = 0; i < item_count; ++i)
    c.usd[i] = c.quantity[i] * costs.items[i].usd_per_unit;
  for (const ChipCount& a : accelerators) {
    c.quantity[accelerator] += static_cast<double>(a.count);
    c.usd[accelerator] += static_cast<double>(a.count) * costs.accelerator_usd(a.chip);
  }
  return c;
}

} // namespace aidcsim::cost
