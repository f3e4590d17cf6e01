#include "models/thermal/rack_loop.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::thermal {

RackLoop::RackLoop(const RackLoopSpec& spec, double facility_water_c)
    : spec_(spec),
      coolant_(spec.coolant_volume_l * spec.coolant_density_kg_per_l * spec.coolant_cp_j_per_kg_k,
               facility_water_c) {}

// Chips return to normal only when the coolant is cold enough that full power keeps them at or
// below resume_c: otherwise they would throttle again at once.
double RackLoop::resume_coolant_c() const {
  return spec_.resume_c - spec_.chip_power_w * spec_.chip_to_coolant_k_per_w;
}

double RackLoop::chip_rise_k() const {
  const double share = spec_.design_heat_w > 0 ? heat_w_ / spec_.design_heat_w : 0.0;
  return spec_.chip_power_w * share * spec_.chip_to_coolant_k_per_w;
}

void RackLoop::set_inputs(double heat_w, bool pumps_on, double facility_water_c, double water_rate_k_per_s) {
  heat_w_ = heat_w;
  pumps_on_ = pumps_on;
  water_c_ = facility_water_c;
  water_rate_ = water_rate_k_per_s;
  const double g = pumps_on ? spec_.hx_effectiveness * spec_.flow_heat_capacity_w_per_k() : 0.0;
  coolant_.set_inputs(heat_w, g, facility_water_c, water_rate_k_per_s);
}

void RackLoop::advance(double dt_s) {
  coolant_.advance(dt_s);
  water_c_ = coolant_.sink_c();
}

void RackLoop::start_at_equilibrium() {
  const double eq = coolant_.equilibrium_c();
  if (std::isfinite(eq))
    coolant_ = FirstOrderThermal(coolant_.capacity_j_per_k(), eq);
  set_inputs(heat_w_, pumps_on_, water_c_, water_rate_);
}

double RackLoop::time_until_next_threshold() const {
  const double rise = chip_rise_k();
  // A threshold already passed (the heat jumped while the coolant was hot) is due now.
  const double chip = chip_c();
  if ((state_ == State::normal && chip >= spec_.throttle_c) ||
      (state_ == State::throttled && chip >= spec_.shutdown_c) ||
      (state_ != State::normal && coolant_.temp_c() <= resume_coolant_c()))
    return 0.0;
  switch (state_) {
  case State::normal:
    return coolant_.time_until(spec_.throttle_c - rise);
  case State::throttled:
    return std::min(coolant_.time_until(spec_.shutdown_c - rise), coolant_.time_until(resume_coolant_c()));
  case State::shutdown:
    return coolant_.time_until(resume_coolant_c());
  }
  return FirstOrderThermal::never;
}

bool RackLoop::update_state() {
  // A small tolerance: advancing to a computed crossing lands on it up to rounding.
  constexpr double eps = 1e-9;
  const double chip = chip_c();
  const State before = state_;
  if (state_ != State::shutdown && chip >= spec_.shutdown_c - eps)
    state_ = State::shutdown;
  else if (state_ == State::normal && chip >= spec_.throttle_c - eps)
    state_ = State::throttled;
  else if (state_ != State::normal && coolant_.temp_c() <= resume_coolant_c() + eps)
    state_ = State::normal;
  return state_ != before;
}

} // namespace aidcsim::thermal
