#include "models/dynamics/step_swing.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace aidcsim::dynamics {

namespace {

struct Window {
  double compute_window_s; // W_h
  double high_w;           // P_h
};

Window compute_window(const workload::StepTime& step, const AcceleratorPower& power) {
  const double collectives = step.tensor_s + step.expert_s + step.pipeline_s + step.data_s;
  const double window = std::max(step.step_s - collectives, step.compute_s);
  const double share = window > 0 ? step.compute_s / window : 1.0;
  return {window, power.communication_w + (power.full_w - power.communication_w) * share};
}

// One step of the limiter from a trough y0: how long the compute takes and the peak it reaches.
struct Rise {
  double window_s; // compute window, stretched
  double peak_w;
  double ramp_s; // time spent rising (0 for an instant rise)
};

Rise rise_from(double y0, double low, double high, double work_s, double r_up) {
  if (!std::isfinite(r_up) || y0 >= high)
    return {work_s, high, 0};
  const double d = high - low;
  const double tau = (high - y0) / r_up;
  const double work_in_rise = ((y0 - low) * tau + r_up * tau * tau / 2) / d;
  if (work_in_rise >= work_s) { // the compute ends before the draw reaches P_h
    const double a = y0 - low;
    const double t = (-a + std::sqrt(a * a + 2 * r_up * d * work_s)) / r_up;
    return {t, y0 + r_up * t, t};
  }
  return {tau + (work_s - work_in_rise), high, tau};
}

} // namespace

PowerWave natural_step_wave(const workload::StepTime& step, const AcceleratorPower& power) {
  const Window w = compute_window(step, power);
  return PowerWave::square(step.step_s, w.compute_window_s, w.high_w, power.communication_w);
}

StepSwing step_swing(const workload::StepTime& step, const AcceleratorPower& power, const PowerSmoothing& s) {
  if (!(s.floor_fraction >= 0 && s.floor_fraction <= 1))
    throw std::invalid_argument("a power floor is a fraction of full power, from 0 to 1");
  if (!(s.ramp_up_w_per_s > 0) || !(s.ramp_down_w_per_s > 0))
    throw std::invalid_argument("ramp rates must be positive");
  const Window w = compute_window(step, power);
  const PowerWave natural =
      PowerWave::square(step.step_s, w.compute_window_s, w.high_w, power.communication_w);
  const double low = std::max(power.communication_w, s.floor_fraction * power.full_w);
  const double high = std::max(w.high_w, low);
  const double comm_s = step.step_s - w.compute_window_s;
  const double work_s = w.compute_window_s; // full-speed seconds of the compute window

  // The periodic steady state: run the limiter step after step until the trough repeats.
  double y0 = low;
  Rise rise{};
  double fall_s = 0;
  double trough = low;
  for (int i = 0; i < 1000; ++i) {
    rise = high > low ? rise_from(y0, low, high, work_s, s.ramp_up_w_per_s) : Rise{work_s, high, 0};
    fall_s = std::isfinite(s.ramp_down_w_per_s) ? (rise.peak_w - low) / s.ramp_down_w_per_s : 0;
    trough = fall_s <= comm_s ? low : rise.peak_w - s.ramp_down_w_per_s * comm_s;
    if (std::abs(trough - y0) <= 1e-12 * std::max(1.0, high))
      break;
    y0 = trough;
  }
  std::vector<WavePoint> pts{{0, y0}, {rise.ramp_s, rise.peak_w}, {rise.window_s, rise.peak_w}};
  const double period = rise.window_s + comm_s;
  if (fall_s <= comm_s)
    pts.push_back({rise.window_s + fall_s, low});
  // Else the fall lasts the whole communication phase and closes on the trough y0 at the period.
  StepSwing out{PowerWave(period, std::move(pts))};
  out.compute_window_s = rise.window_s;
  out.stretch_s = rise.window_s - w.compute_window_s;
  out.natural_mean_w = natural.mean_w();
  out.natural_high_w = w.high_w;
  out.energy_cost_j = out.wave.mean_w() * period - natural.mean_w() * step.step_s;
  out.work_rate = step.step_s / period;
  return out;
}

} // namespace aidcsim::dynamics
