// A UPS battery under a periodic load (a training job's step swing), by Peukert's law
// (models/power/ups_battery.hpp): the state of charge falls at (p / P_rated)^k / H at each
// instant, so over a period far shorter than the runtime it falls at the mean of that, and the
// battery lasts as long as under the constant load
//
//   P_eq = mean(p^k)^(1/k)      runtime from full = H (P_rated / P_eq)^k
//
// P_eq lies above the mean load for k > 1 (the peaks cost more than the troughs save): a
// swinging load empties the battery sooner than its mean would. For a square wave of duty d
// between P_hi and P_lo, 1 / t = d / t(P_hi) + (1 - d) / t(P_lo).
#pragma once

#include "models/dynamics/power_wave.hpp"

#include <cmath>

namespace aidcsim::dynamics {

inline double peukert_equivalent_w(const PowerWave& load, double peukert_exponent) {
  return std::pow(load.mean_of_power_to_the(peukert_exponent), 1 / peukert_exponent);
}

} // namespace aidcsim::dynamics
