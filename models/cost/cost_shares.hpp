// A facility's capital by the categories published shares use (the founding document's non-IT
// cost: diesel gensets 23 %, utility substation 20 %, UPS 18 %, distribution 8 %, chillers 8 %,
// precision air 7 %, racks 6 %), so a design's split can be set against them.
#pragma once

#include "models/cost/facility_capex.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace aidcsim::cost {

enum class Category { gensets, substation, ups, distribution, chillers, precision_air, racks, other };
inline constexpr std::size_t category_count = static_cast<std::size_t>(Category::other) + 1;

std::string_view category_name(Category c);
// Gensets with their tanks, UPS with its batteries, distribution with transfer switches; on-site
// plants and battery stores are `other`; accelerators are IT, in none.
std::optional<Category> category_of(Item item);

// Each category's share of the facility's capital (accelerators left out); all 0 for none.
std::array<double, category_count> facility_shares(const Capex& capex);

} // namespace aidcsim::cost
