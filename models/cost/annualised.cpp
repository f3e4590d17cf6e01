#include "models/cost/annualised.hpp"

#include <cmath>
#include <stdexcept>

namespace aidcsim::cost {

double capital_recovery_factor(double rate, double years) {
  if (!(years > 0) || !(rate > -1))
    throw std::invalid_argument("capital_recovery_factor: needs years > 0 and a rate above -100 %");
  // Near r = 0 the closed form loses its digits: (1+r)^n - 1 is computed as expm1(n log1p(r)).
  if (std::abs(rate) < 1e-12)
    return 1 / years;
  const double growth = std::expm1(years * std::log1p(rate)); // (1 + r)^n - 1
  return rate * (growth + 1) / growth;
}

} // namespace aidcsim::cost
