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
//
// The sink may also warm (or cool) at a constant rate r, T_sink(t) = S0 + r t: a rack loop on a
// facility water loop whose chillers have stopped. With tau = C / G the response is then
//
//   T(t) = T_p(t) + (T0 - T_p(0)) exp(-t / tau),   T_p(t) = S0 + r t + Q / G - r tau,
//
// a line plus a decaying exponential: it has at most one turning point, so the time to a
// threshold is the root of a closed-form expression on at most two monotone pieces, bracketed and
// solved to machine precision (no time stepping).
#pragma once

#include <limits>

namespace aidcsim::thermal {

class FirstOrderThermal {
public:
  FirstOrderThermal(double capacity_j_per_k, double temp_c);

  // Constant inputs until the next call: heat in (W), conductance to the sink (W/K), sink (C) and
  // how fast the sink's temperature moves (K/s).
  void set_inputs(double heat_w, double conductance_w_per_k, double sink_temp_c,
                  double sink_rate_k_per_s = 0.0);

  void advance(double dt_s);
  // Seconds until the temperature reaches `threshold_c` under the current inputs; +inf if never.
  double time_until(double threshold_c) const;
  // The highest temperature over the next dt seconds under the current inputs: at an end, or at the
  // turning point of a loop on a cooling sink (a line plus an exponential has at most one).
  double max_within(double dt_s) const;
  double temp_c() const { return temp_c_; }
  // Where the temperature is heading with the sink held where it is (+inf or -inf with no removal
  // and heat flowing).
  double equilibrium_c() const;
  double sink_c() const { return sink_c_; }

  double heat_in_j() const { return heat_in_j_; }
  double heat_removed_j() const { return heat_removed_j_; }
  double capacity_j_per_k() const { return capacity_; }

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  double temp_at(double t) const; // under the current inputs, t seconds from now
  double capacity_;
  double temp_c_;
  double heat_w_ = 0, conductance_ = 0, sink_c_ = 0, sink_rate_ = 0;
  double heat_in_j_ = 0, heat_removed_j_ = 0;
};

} // namespace aidcsim::thermal
