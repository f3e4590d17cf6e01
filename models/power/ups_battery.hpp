// UPS battery: state of charge under a constant load, with Peukert's rate-dependent capacity.
//
// A battery that lasts H seconds at the UPS's rated output P_rated lasts, from full, at a
// constant load P (published-figures: Peukert's law, t = H (C / (I H))^k):
//
//   t_full(P) = H * (P_rated / P)^k
//
// so the state of charge s (1 = full, 0 = empty) falls at the constant rate
//
//   ds/dt = -(P / P_rated)^k / H
//
// and a partially discharged battery empties after s * t_full(P): the time to the next event is a
// closed form, never a polled step. Recharge is linear at a fixed charger power:
//
//   ds/dt = P_recharge / E_nominal,   E_nominal = P_rated * H
//
// Check (issue validation): H = 10 min at 1,000 kW, k = 1.15, load 500 kW gives
// 10 * 2^1.15 = 22.19 min.
#pragma once

#include <limits>

namespace aidcsim::power {

struct UpsBatterySpec {
  double rated_kw = 0;           // UPS rated output
  double runtime_at_rated_s = 0; // H: runtime from full at rated output
  double peukert_exponent = 1.0; // k; 1 = ideal battery
  double recharge_kw = 0;        // charger power into the battery
};

// The chemistry sets the defaults of a battery the scenario does not describe further
// (docs/MODELS.md, published-figures: Peukert k of 1.02-1.10 for Li-ion and 1.05-1.15 for VRLA;
// recharge in 2-3 h for Li-ion, 24 h or more for VRLA).
enum class BatteryChemistry { li_ion, vrla };
struct ChemistryDefaults {
  double peukert;    // k
  double recharge_s; // from empty to full at the default charger power
};
constexpr ChemistryDefaults chemistry_defaults(BatteryChemistry c) {
  return c == BatteryChemistry::vrla ? ChemistryDefaults{1.10, 24 * 3600.0}
                                     : ChemistryDefaults{1.05, 2.5 * 3600.0};
}

class UpsBattery {
public:
  explicit UpsBattery(const UpsBatterySpec& spec, double state_of_charge = 1.0);

  // Seconds a full battery lasts at a constant load (infinite at zero load).
  double runtime_from_full_s(double load_kw) const;
  // Seconds until empty from the current state at a constant load.
  double time_until_empty_s(double load_kw) const;
  // Seconds until full at the charger's power (0 when full).
  double time_until_full_s() const;

  // Integrates dt seconds of discharge at load_kw (clamped at empty).
  void discharge(double load_kw, double dt_s);
  // Integrates dt seconds of recharge (clamped at full).
  void recharge(double dt_s);

  double state_of_charge() const { return soc_; }
  bool empty() const { return soc_ <= 0.0; }
  double nominal_energy_kwh() const { return spec_.rated_kw * spec_.runtime_at_rated_s / 3600.0; }
  const UpsBatterySpec& spec() const { return spec_; }

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  double discharge_rate_per_s(double load_kw) const;
  UpsBatterySpec spec_;
  double soc_;
};

} // namespace aidcsim::power
