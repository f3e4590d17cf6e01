#include "models/power/facility_spec.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace aidcsim::power {

namespace {
template <std::size_t... K>
constexpr std::array<std::string_view, kind_count> kind_names(std::index_sequence<K...>) {
  return {SpecOf<K>::kind_name...};
}
template <std::size_t... K> constexpr std::array<bool, kind_count> kind_sources(std::index_sequence<K...>) {
  return {SpecOf<K>::is_source...};
}
} // namespace

std::string_view kind_name(int kind) {
  static constexpr auto names = kind_names(std::make_index_sequence<kind_count>{});
  return names.at(static_cast<std::size_t>(kind));
}

bool kind_is_source(int kind) {
  static constexpr auto sources = kind_sources(std::make_index_sequence<kind_count>{});
  return sources.at(static_cast<std::size_t>(kind));
}

int UnitSizing::units_needed(double design_load_kw, double unit_rating_kw) {
  // A tiny tolerance keeps 2.0 MW / 1.0 MW at 2 units despite rounding in unit conversions.
  return std::max(1, static_cast<int>(std::ceil(design_load_kw / unit_rating_kw - 1e-9)));
}

int UnitSizing::units_for(double design_load_kw, double unit_rating_kw) const {
  const int n = units_needed(design_load_kw, unit_rating_kw);
  switch (kind) {
  case Kind::count:
    return static_cast<int>(value);
  case Kind::n:
    return n;
  case Kind::n_plus_1:
    return n + 1;
  case Kind::two_n:
    return 2 * n;
  case Kind::percent:
    return std::max(1, static_cast<int>(std::ceil(value * design_load_kw / unit_rating_kw - 1e-9)));
  }
  return n;
}

std::string UnitSizing::describe() const {
  switch (kind) {
  case Kind::count:
    return std::to_string(static_cast<int>(value)) + " units";
  case Kind::n:
    return "N";
  case Kind::n_plus_1:
    return "N+1";
  case Kind::two_n:
    return "2N";
  case Kind::percent:
    return std::to_string(static_cast<int>(std::lround(value * 100))) + "%";
  }
  return {};
}

std::vector<int> FacilitySpec::served_racks(std::size_t load) const {
  const LoadSpec& l = loads[load];
  std::vector<int> racks;
  if (l.cop <= 0 || l.capacity_kw > 0)
    return racks;
  for (std::size_t r = 0; r < loads.size(); ++r)
    if (l.serves_rack(loads[r]))
      racks.push_back(static_cast<int>(r));
  return racks;
}

} // namespace aidcsim::power
