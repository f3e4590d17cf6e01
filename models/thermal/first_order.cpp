#include "models/thermal/first_order.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aidcsim::thermal {

FirstOrderThermal::FirstOrderThermal(double capacity_j_per_k, double temp_c)
    : capacity_(capacity_j_per_k), temp_c_(temp_c) {
  if (!(capacity_j_per_k > 0))
    throw std::invalid_argument("FirstOrderThermal: heat capacity must be positive");
}

void FirstOrderThermal::set_inputs(double heat_w, double conductance_w_per_k, double sink_temp_c,
                                   double sink_rate_k_per_s) {
  if (conductance_w_per_k < 0)
    throw std::invalid_argument("FirstOrderThermal: conductance must not be negative");
  heat_w_ = heat_w;
  conductance_ = conductance_w_per_k;
  sink_c_ = sink_temp_c;
  sink_rate_ = sink_rate_k_per_s;
}

double FirstOrderThermal::equilibrium_c() const {
  if (conductance_ > 0)
    return sink_c_ + heat_w_ / conductance_;
  return heat_w_ > 0 ? never : heat_w_ < 0 ? -never : temp_c_;
}

double FirstOrderThermal::temp_at(double t) const {
  if (conductance_ <= 0)
    return temp_c_ + heat_w_ * t / capacity_;
  const double tau = capacity_ / conductance_;
  const double p0 = equilibrium_c() - sink_rate_ * tau; // T_p(0)
  return p0 + sink_rate_ * t + (temp_c_ - p0) * std::exp(-t / tau);
}

void FirstOrderThermal::advance(double dt_s) {
  if (dt_s <= 0)
    return;
  const double before = temp_c_;
  heat_in_j_ += heat_w_ * dt_s;
  if (conductance_ > 0) {
    const double tau = capacity_ / conductance_;
    const double decay = std::exp(-dt_s / tau);
    const double d = before - (equilibrium_c() - sink_rate_ * tau); // T0 - T_p(0)
    temp_c_ = temp_at(dt_s);
    // Heat removed, integrated on its own: the integral of G (T(t) - T_sink(t)) over dt,
    // (Q - C r) dt + C d (1 - exp(-dt / tau)). The energy-balance test checks it against the
    // stored heat C (T1 - T0).
    heat_removed_j_ += (heat_w_ - capacity_ * sink_rate_) * dt_s + capacity_ * d * (1 - decay);
  } else {
    temp_c_ = before + heat_w_ * dt_s / capacity_;
  }
  sink_c_ += sink_rate_ * dt_s;
}

namespace {

// First root of f on [a, b] where f(a) and f(b) differ in sign (f monotone there): bisection to
// the last bit, returning the end on the far side of the threshold, so that advancing to it
// crosses (callers test crossings with a small tolerance).
template <class F> double bracketed_root(F f, double a, double b) {
  const bool rising = f(a) < 0;
  for (int i = 0; i < 200 && a < b; ++i) {
    const double m = a + (b - a) / 2;
    if (m <= a || m >= b)
      break;
    if ((f(m) < 0) == rising)
      a = m;
    else
      b = m;
  }
  return b;
}

} // namespace

double FirstOrderThermal::max_within(double dt_s) const {
  double top = std::max(temp_c_, temp_at(dt_s));
  if (conductance_ > 0 && sink_rate_ != 0) {
    const double tau = capacity_ / conductance_;
    const double d = temp_c_ - (equilibrium_c() - sink_rate_ * tau);
    const double ratio = d / (sink_rate_ * tau);
    if (ratio > 1) {
      const double turn = tau * std::log(ratio);
      if (turn > 0 && turn < dt_s)
        top = std::max(top, temp_at(turn));
    }
  }
  return top;
}

double FirstOrderThermal::time_until(double threshold_c) const {
  if (threshold_c == temp_c_)
    return 0.0;
  if (conductance_ > 0 && sink_rate_ == 0) {
    const double eq = equilibrium_c();
    // Reached only if the threshold lies strictly between now and the equilibrium.
    const double from = temp_c_ - eq, to = threshold_c - eq;
    if (from == 0 || to == 0 || (from > 0) != (to > 0) || std::fabs(to) >= std::fabs(from))
      return never;
    return capacity_ / conductance_ * std::log(from / to);
  }
  if (conductance_ <= 0) {
    const double rate = heat_w_ / capacity_; // K/s
    const double t = (threshold_c - temp_c_) / rate;
    return rate != 0 && t > 0 ? t : never;
  }
  // A line plus an exponential: f(t) = T_p(0) + r t + d exp(-t / tau) - threshold. Its slope
  // r - (d / tau) exp(-t / tau) vanishes at most once, at t* = tau ln(d / (r tau)); on each side
  // f is monotone, and a crossing lies where f changes sign.
  const double tau = capacity_ / conductance_;
  const double d = temp_c_ - (equilibrium_c() - sink_rate_ * tau);
  auto f = [&](double t) { return temp_at(t) - threshold_c; };
  const double f0 = f(0);
  const double ratio = d / (sink_rate_ * tau);
  const double turn = ratio > 1 ? tau * std::log(ratio) : 0.0;
  if (turn > 0 && (f(turn) > 0) != (f0 > 0))
    return bracketed_root(f, 0.0, turn);
  // Past the turning point f moves like the line, towards +inf for r > 0: find an end beyond the
  // threshold by doubling.
  const double start = turn;
  const double fs = f(start);
  if ((sink_rate_ > 0 && fs >= 0) || (sink_rate_ < 0 && fs <= 0))
    return never; // moving away from the threshold
  double end = std::max(start, 1.0) * 2;
  for (int i = 0; i < 2100 && (f(end) > 0) == (fs > 0); ++i)
    end = start + (end - start) * 2;
  if ((f(end) > 0) == (fs > 0) || !std::isfinite(end))
    return never;
  return bracketed_root(f, start, end);
}

} // namespace aidcsim::thermal
