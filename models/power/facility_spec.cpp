#include "models/power/facility_spec.hpp"

#include <cmath>

namespace aidcsim::power {

int GensetSizing::units_for(double design_load_kw, double unit_rating_kw) const {
  // A tiny tolerance keeps 2.0 MW / 1.0 MW at 2 units despite rounding in unit conversions.
  const int n = std::max(1, static_cast<int>(std::ceil(design_load_kw / unit_rating_kw - 1e-9)));
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

std::string GensetSizing::describe() const {
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

} // namespace aidcsim::power
