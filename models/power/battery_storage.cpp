#include "models/power/battery_storage.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aidcsim::power {

// Residues of a charge or discharge timed to its end (1e-17 kWh) snap to empty or full, so the
// next event is not a few ulps away (as ups_battery.cpp does).
constexpr double snap = 1e-12;

BatteryStorage::BatteryStorage(const BatteryStorageParams& p)
    : params_(p), half_(std::sqrt(p.round_trip)), energy_kwh_(p.energy_kwh) {
  if (!(p.power_kw > 0) || !(p.energy_kwh > 0) || !(p.round_trip > 0 && p.round_trip <= 1))
    throw std::invalid_argument(
        "BatteryStorage: power and energy must be positive, the round trip in (0, 1]");
}

BatteryStorage::Flow BatteryStorage::flow(bool input_ok, double out_kw) const {
  Flow f;
  const bool empty = energy_kwh_ <= 0, full = energy_kwh_ >= params_.energy_kwh;
  if (!input_ok) {
    f.discharge_kw = params_.ride_through && !empty ? std::min(out_kw, params_.power_kw) : 0.0;
    return f;
  }
  const double excess = out_kw - params_.shave_above_kw;
  if (excess > 0 && !empty)
    f.discharge_kw = std::min(excess, params_.power_kw);
  else if (excess < 0 && !full)
    f.charge_kw = std::min(params_.power_kw, -excess);
  f.input_kw = out_kw - f.discharge_kw + f.charge_kw;
  return f;
}

bool BatteryStorage::output_ok(bool input_ok) const {
  return input_ok || (params_.ride_through && energy_kwh_ > 0);
}

void BatteryStorage::integrate(double dt_s, bool input_ok, double out_kw) {
  const Flow f = flow(input_ok, out_kw);
  const double h = dt_s / 3600.0;
  energy_kwh_ += (f.charge_kw * half_ - f.discharge_kw / half_) * h;
  if (energy_kwh_ < snap * params_.energy_kwh)
    energy_kwh_ = 0.0;
  else if (energy_kwh_ > params_.energy_kwh * (1 - snap))
    energy_kwh_ = params_.energy_kwh;
  discharged_kwh_ += f.discharge_kw * h;
  charged_kwh_ += f.charge_kw * h;
  if (input_ok)
    shaved_kwh_ += f.discharge_kw * h;
  min_soc_ = std::min(min_soc_, state_of_charge());
}

double BatteryStorage::next_event_in_s(bool input_ok, double out_kw) const {
  const Flow f = flow(input_ok, out_kw);
  if (f.discharge_kw > 0)
    return energy_kwh_ * half_ / f.discharge_kw * 3600.0;
  if (f.charge_kw > 0)
    return (params_.energy_kwh - energy_kwh_) / (f.charge_kw * half_) * 3600.0;
  return never;
}

} // namespace aidcsim::power
