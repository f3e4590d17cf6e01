// A rack's direct-liquid-cooling loop and its chips' temperature, with throttle and shutdown.
//
// The loop's coolant is one lumped capacitance C = V rho c_p (first_order.hpp). The rack's heat Q
// (its IT power) goes into it; while the CDU pumps run, the CDU's heat exchanger removes
//   Q_out = eps m_dot c_p (T_coolant - T_facility_water),  m_dot c_p = flow x rho x c_p,
// with the flow sized at 1.5 L/min per kW of design load (OCP guidance, published-figures), which
// keeps the loop about 10 K above the facility water at full load. With the pumps stopped nothing
// is removed and the coolant heats at Q / C. A chip sits a cold-plate resistance above the
// coolant: T_chip = T_coolant + P_chip R, P_chip scaling with the rack's heat. Thresholds: throttle
// at 87 C, shutdown at 92 C (Hopper limits, published-figures); back to normal once the coolant is
// cold enough for chips at full power to stay at or below `resume_c`.
// Every crossing is the closed-form time for the coolant to reach threshold - P_chip R.
#pragma once

#include "models/thermal/first_order.hpp"

namespace aidcsim::thermal {

struct RackLoopSpec {
  double design_heat_w = 0;               // rack IT power at full load
  double coolant_volume_l = 100;          // rack manifolds, cold plates and CDU secondary side
  double coolant_density_kg_per_l = 1.0;  // water
  double coolant_cp_j_per_kg_k = 4186;    // water
  double flow_l_per_min_per_kw = 1.5;     // OCP guidance
  double hx_effectiveness = 1.0;          // CDU heat exchanger, to facility water
  double chip_power_w = 1200;             // one accelerator at full load
  double chip_to_coolant_k_per_w = 0.025; // cold plate
  double throttle_c = 87, shutdown_c = 92, resume_c = 80;

  double flow_heat_capacity_w_per_k() const {
    return flow_l_per_min_per_kw * design_heat_w / 1000.0 / 60.0 * coolant_density_kg_per_l *
           coolant_cp_j_per_kg_k;
  }
};

class RackLoop {
public:
  enum class State { normal, throttled, shutdown };

  RackLoop(const RackLoopSpec& spec, double facility_water_c);

  // Inputs until the next call: the rack's heat, whether the CDU pumps run, facility water and how
  // fast it warms (K/s; nonzero while the facility loop's chillers cannot keep up).
  void set_inputs(double heat_w, bool pumps_on, double facility_water_c, double water_rate_k_per_s = 0.0);
  void advance(double dt_s);
  // Puts the coolant at its equilibrium for the current inputs (when it has one).
  void start_at_equilibrium();
  // Time until the chips cross the next threshold (throttle, shutdown or resume); +inf if none.
  double time_until_next_threshold() const;
  // Applies the state change due now; returns true if the state changed.
  bool update_state();

  double coolant_c() const { return coolant_.temp_c(); }
  double chip_c() const { return coolant_.temp_c() + chip_rise_k(); }
  // How far the chips sit above the coolant at the current heat.
  double chip_rise_k() const;
  double heat_w() const { return heat_w_; }
  bool pumps_on() const { return pumps_on_; }
  State state() const { return state_; }
  const FirstOrderThermal& coolant() const { return coolant_; }
  const RackLoopSpec& spec() const { return spec_; }

private:
  double resume_coolant_c() const;
  RackLoopSpec spec_;
  FirstOrderThermal coolant_;
  double heat_w_ = 0;
  bool pumps_on_ = true;
  double water_c_ = 0, water_rate_ = 0;
  State state_ = State::normal;
};

} // namespace aidcsim::thermal
