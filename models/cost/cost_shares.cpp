#include "models/cost/cost_shares.hpp"

namespace aidcsim::cost {

std::string_view category_name(Category c) {
  constexpr std::array<std::string_view, category_count> names = {
      "gensets", "substation", "ups", "distribution", "chillers", "precision_air", "racks", "other"};
  return names[static_cast<std::size_t>(c)];
}

std::optional<Category> category_of(Item item) {
  switch (item) {
  case Item::genset:
  case Item::fuel_tank:
    return Category::gensets;
  case Item::substation:
    return Category::substation;
  case Item::ups:
  case Item::ups_battery:
    return Category::ups;
  case Item::transfer_switch:
  case Item::transformer:
  case Item::switchgear:
  case Item::pdu:
  case Item::busway:
    return Category::distribution;
  case Item::heat_rejection:
    return Category::chillers;
  case Item::cdu:
  case Item::crah:
    return Category::precision_air;
  case Item::rack:
    return Category::racks;
  case Item::onsite_generation:
  case Item::storage_power:
  case Item::storage_energy:
    return Category::other;
  case Item::accelerator:
    return std::nullopt;
  }
  return std::nullopt;
}

std::array<double, category_count> facility_shares(const Capex& capex) {
  std::array<double, category_count> usd{};
  double total = 0;
  for (std::size_t i = 0; i < item_count; ++i)
    if (const std::optional<Category> c = category_of(static_cast<Item>(i))) {
      usd[static_cast<std::size_t>(*c)] += capex.usd[i];
      total += capex.usd[i];
    }
  if (total > 0)
    for (double& u : usd)
      u /= total;
  return usd;
}

} // namespace aidcsim::cost
