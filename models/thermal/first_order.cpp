#include "models/thermal/first_order.hpp"

#include <cmath>
#include <stdexcept>

namespace aidcsim::thermal {

FirstOrderThermal::FirstOrderThermal(double capacity_j_per_k, double temp_c)
    : capacity_(capacity_j_per_k), temp_c_(temp_c) {
  if (!(capacity_j_per_k > 0))
    throw std::invalid_argument("FirstOrderThermal: heat capacity must be positive");
}

void FirstOrderThermal::set_inputs(double heat_w, double conductance_w_per_k, double sink_temp_c) {
  if (conductance_w_per_k < 0)
    throw std::invalid_argument("FirstOrderThermal: conductance must not be negative");
  heat_w_ = heat_w;
  conductance_ = conductance_w_per_k;
  sink_c_ = sink_temp_c;
}

double FirstOrderThermal::equilibrium_c() const {
  if (conductance_ > 0)
    return sink_c_ + heat_w_ / conductance_;
  return heat_w_ > 0 ? never : heat_w_ < 0 ? -never : temp_c_;
}

void FirstOrderThermal::advance(double dt_s) {
  if (dt_s <= 0)
    return;
  const double before = temp_c_;
  heat_in_j_ += heat_w_ * dt_s;
  if (conductance_ > 0) {
    const double eq = equilibrium_c();
    const double tau = capacity_ / conductance_;
    const double decay = std::exp(-dt_s / tau);
    temp_c_ = eq + (before - eq) * decay;
    // Heat removed, integrated on its own: the integral of G (T(t) - T_sink) over dt. The
    // energy-balance test checks it against the stored heat C (T1 - T0).
    heat_removed_j_ += conductance_ * ((eq - sink_c_) * dt_s + (before - eq) * tau * (1 - decay));
  } else {
    temp_c_ = before + heat_w_ * dt_s / capacity_;
  }
}

double FirstOrderThermal::time_until(double threshold_c) const {
  if (threshold_c == temp_c_)
    return 0.0;
  if (conductance_ > 0) {
    const double eq = equilibrium_c();
    // Reached only if the threshold lies strictly between now and the equilibrium.
    const double from = temp_c_ - eq, to = threshold_c - eq;
    if (from == 0 || to == 0 || (from > 0) != (to > 0) || std::fabs(to) >= std::fabs(from))
      return never;
    return capacity_ / conductance_ * std::log(from / to);
  }
  const double rate = heat_w_ / capacity_; // K/s
  const double t = (threshold_c - temp_c_) / rate;
  return rate != 0 && t > 0 ? t : never;
}

} // namespace aidcsim::thermal
