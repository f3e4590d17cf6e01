#include "models/power/ups_battery.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aidcsim::power {

UpsBattery::UpsBattery(const UpsBatterySpec& spec, double state_of_charge)
    : spec_(spec), soc_(state_of_charge) {
  if (!(spec.rated_kw > 0) || !(spec.runtime_at_rated_s > 0) || !(spec.peukert_exponent > 0) ||
      !(spec.recharge_kw >= 0) || !(state_of_charge >= 0 && state_of_charge <= 1))
    throw std::invalid_argument("UpsBattery: rating, runtime and Peukert exponent must be positive, "
                                "recharge power non-negative and state of charge within [0, 1]");
}

double UpsBattery::discharge_rate_per_s(double load_kw) const {
  if (load_kw <= 0)
    return 0.0;
  return std::pow(load_kw / spec_.rated_kw, spec_.peukert_exponent) / spec_.runtime_at_rated_s;
}

double UpsBattery::runtime_from_full_s(double load_kw) const {
  const double rate = discharge_rate_per_s(load_kw);
  return rate > 0 ? 1.0 / rate : never;
}

double UpsBattery::time_until_empty_s(double load_kw) const {
  const double rate = discharge_rate_per_s(load_kw);
  return rate > 0 ? soc_ / rate : never;
}

double UpsBattery::time_until_full_s() const {
  if (soc_ >= 1.0)
    return 0.0;
  if (spec_.recharge_kw <= 0)
    return never;
  return (1.0 - soc_) * nominal_energy_kwh() / spec_.recharge_kw * 3600.0;
}

// Discharging for exactly time_until_empty_s() can leave a rounding residue such as 1e-17, which
// would schedule a next "empty" event a few ulps later and make no progress. Residues below this
// fraction of a full charge snap to empty (or full).
constexpr double snap = 1e-12;

void UpsBattery::discharge(double load_kw, double dt_s) {
  soc_ -= discharge_rate_per_s(load_kw) * dt_s;
  if (soc_ < snap)
    soc_ = 0.0;
}

void UpsBattery::recharge(double dt_s) {
  if (spec_.recharge_kw <= 0)
    return;
  soc_ += spec_.recharge_kw * dt_s / 3600.0 / nominal_energy_kwh();
  if (soc_ > 1.0 - snap)
    soc_ = 1.0;
}

} // namespace aidcsim::power
