// Capital spread over a component's life: the equivalent annual cost of a capital outlay C over n
// years at a discount rate r is C times the capital recovery factor
//
//   CRF(r, n) = r (1 + r)^n / ((1 + r)^n - 1),   and 1 / n at r = 0
//
// (the annuity whose present value over n years is C; any engineering-economics text, e.g.
// NREL's "Simple Levelized Cost of Energy" calculator documentation). A run's total annualised
// cost adds the annual operating costs to the sum of CRF x capital over the kinds.
#pragma once

namespace aidcsim::cost {

// Throws std::invalid_argument unless rate > -1 and years > 0.
double capital_recovery_factor(double rate, double years);

inline double annualised_usd(double capital_usd, double rate, double years) {
  return capital_usd * capital_recovery_factor(rate, years);
}

} // namespace aidcsim::cost
