// A lumped thermal capacitance: the first-order system behind every cooling model.
//
//   C dT/dt = Q - G (T - T_sink)
//
// with C the heat capacity (J/K), Q the heat flowing in (W), G the conductance to a sink at
// T_sink (W/K). For constant Q, G and T_sink it relaxes exponentially towards
//
//   T_eq = T_sink + Q / G,   T(t) = T_eq + (T0 - T_eq) exp(-t G / C)
//
// and, with no removal (G = 0, a stopped pump), it rises linearly: T(t) = T0 + Q t / C. The time to
// reach a threshold is then a closed form, so the next event (throttle, shutdown) is computed, not
// polled. Heat in, heat removed and heat stored are integrated exactly, for energy-balance checks.
#pragma once

#include <limits>

namespace aidcsim::thermal {

class FirstOrderThermal {
public:
  FirstOrderThermal(double capacity_j_per_k, double temp_c);

  // Constant inputs until the next call: heat in (W), conductance to the sink (W/K), sink (C).
  void set_inputs(double heat_w, double conductance_w_per_k, double sink_temp_c);

  void advance(double dt_s);
  // Seconds until the temperature reaches `threshold_c` under the current inputs; +inf if never.
  double time_until(double threshold_c) const;
  double temp_c() const { return temp_c_; }
  // Where the temperature is heading (+inf or -inf with no removal and heat flowing).
  double equilibrium_c() const;

  double heat_in_j() const { return heat_in_j_; }
  double heat_removed_j() const { return heat_removed_j_; }
  double capacity_j_per_k() const { return capacity_; }

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  double capacity_;
  double temp_c_;
  double heat_w_ = 0, conductance_ = 0, sink_c_ = 0;
  double heat_in_j_ = 0, heat_removed_j_ = 0;
};

} // namespace aidcsim::thermal
