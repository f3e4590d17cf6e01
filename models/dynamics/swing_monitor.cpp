#include "models/dynamics/swing_monitor.hpp"

#include "models/dynamics/smoothing_storage.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::dynamics {

SwingMonitor::SwingMonitor(std::vector<MonitoredNode> nodes, PowerWave wave,
                           std::optional<StorageSpec> storage, GridLimits grid)
    : nodes_(std::move(nodes)), wave_(std::move(wave)), storage_(storage), grid_(grid),
      figures_(nodes_.size()), beyond_at_(nodes_.size(), -1) {
  one_ = shape_of(wave_);
}

SwingMonitor::Shape SwingMonitor::shape_of(const PowerWave& w) const {
  Shape s{};
  s.swing_w = w.swing_w();
  s.fundamental_w = w.harmonic_w(1);
  s.band_rms_w = grid_.band_to_hz > 0 ? w.band_rms_w(grid_.band_from_hz, grid_.band_to_hz) : 0;
  const double up = w.max_ramp_up_w_per_s(), down = w.max_ramp_down_w_per_s();
  s.steps = std::isinf(up) || std::isinf(down);
  s.ramp_w_per_s = s.steps ? 0 : std::max(up, down);
  // A genset sees the rise from trough to peak within one step as one step: its governor responds
  // in about a second (docs/MODELS.md), longer than a ramp of a fraction of a step.
  s.up_step_w = s.swing_w;
  s.trough_below_mean_w = w.mean_w() - w.min_w();
  s.step_w = w.largest_step_w();
  return s;
}

const SwingMonitor::GridShape& SwingMonitor::grid_shape(double total) {
  auto it = grid_shapes_.find(total);
  if (it != grid_shapes_.end())
    return it->second;
  const Smoothed sm = smooth(wave_.scaled(total), *storage_);
  GridShape g{shape_of(sm.source), sm.discharged_j / wave_.period_s(), sm.loss_w, sm.source};
  return grid_shapes_.emplace(total, g).first->second;
}

SwingMonitor::Shape SwingMonitor::shape_at(std::size_t i, double n) {
  Shape base = one_;
  double factor = n;
  if (nodes_[i].grid && storage_ && grid_total_ > 0) {
    base = grid_shape(grid_total_).shape;
    factor = n / grid_total_;
  }
  base.swing_w *= factor;
  base.fundamental_w *= factor;
  base.band_rms_w *= factor;
  base.ramp_w_per_s *= factor;
  base.up_step_w *= factor;
  base.trough_below_mean_w *= factor;
  base.step_w *= factor;
  return base;
}

void SwingMonitor::note_step(std::size_t i, const NodeView& v, double t) {
  NodeFigures& f = figures_[i];
  if (std::abs(v.step_kw) > f.largest_step_kw) {
    f.largest_step_kw = std::abs(v.step_kw);
    f.largest_step_at_s = t;
  }
  f.largest_up_step_kw = std::max(f.largest_up_step_kw, v.step_kw);
  f.largest_job_step_kw = std::max(f.largest_job_step_kw, std::abs(v.job_step_kw));
  if (!nodes_[i].acceptance || v.job_step_kw <= 0 || v.capacity_kw <= 0)
    return;
  const double preload_kw = v.load_kw - v.job_step_kw - v.following_kw;
  const StepCheck c = check_step(*nodes_[i].acceptance, v.capacity_kw, preload_kw, v.job_step_kw);
  f.worst_frequency_dip = std::max(f.worst_frequency_dip, c.frequency_dip);
  if (!c.accepted && beyond_at_[i] != t) {
    beyond_at_[i] = t; // one count per instant, however many changes make it up
    ++f.steps_beyond_acceptance;
  }
}

void SwingMonitor::note_swing(std::size_t i, const Shape& s, double dt) {
  NodeFigures& f = figures_[i];
  f.swinging_s += dt;
  if (s.step_w / 1e3 > f.largest_step_kw) { // the swing steps at every step of the job
    f.largest_step_kw = s.step_w / 1e3;
    f.largest_step_at_s = last_t_;
  }
  f.largest_up_step_kw = std::max(f.largest_up_step_kw, s.step_w / 1e3);
  if (s.swing_w / 1e3 > f.max_swing_kw) {
    f.max_swing_kw = s.swing_w / 1e3;
    f.swing_frequency_hz = wave_.frequency_hz();
  }
  f.max_fundamental_kw = std::max(f.max_fundamental_kw, s.fundamental_w / 1e3);
  f.max_band_rms_kw = std::max(f.max_band_rms_kw, s.band_rms_w / 1e3);
  f.max_ramp_kw_per_s = std::max(f.max_ramp_kw_per_s, s.ramp_w_per_s / 1e3);
  f.swing_steps = f.swing_steps || s.steps;
  if (nodes_[i].grid) {
    if (s.band_rms_w > grid_.swing_limit_w)
      f.swing_above_limit_s += dt;
    if (s.swing_w > 0 &&
        (s.steps ? std::isfinite(grid_.ramp_limit_w_per_s) : s.ramp_w_per_s > grid_.ramp_limit_w_per_s))
      f.ramp_above_limit_s += dt;
  }
  const NodeView& v = last_[i];
  if (nodes_[i].acceptance && v.capacity_kw > 0 && s.up_step_w > 0) {
    const double trough_kw = v.load_kw - s.trough_below_mean_w / 1e3;
    const StepCheck c = check_step(*nodes_[i].acceptance, v.capacity_kw, trough_kw, s.up_step_w / 1e3);
    f.worst_frequency_dip = std::max(f.worst_frequency_dip, c.frequency_dip);
    if (!c.accepted)
      f.swing_beyond_acceptance_s += dt;
  }
}

PowerWave SwingMonitor::wave_at(std::size_t i, double n) {
  if (nodes_[i].grid && storage_ && grid_total_ > 0)
    return grid_shape(grid_total_).source.scaled(n / grid_total_);
  return wave_.scaled(n);
}

// The interval [t0, t1] of the last observation, where it overlaps the detail window.
void SwingMonitor::record_trace(double t0, double t1) {
  const double a = std::max(t0, detail_from_), b = std::min(t1, detail_to_);
  if (!(b >= a))
    return;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const double n = last_[i].swinging;
    const int node = static_cast<int>(i);
    if (!(n > 0)) {
      trace_.push_back({a, node, last_[i].load_kw});
      trace_.push_back({b, node, last_[i].load_kw});
      continue;
    }
    const PowerWave w = wave_at(i, n);
    const double mean = w.mean_w();
    auto value = [&](double t) { return last_[i].load_kw + (w.at(t - origin_) - mean) / 1e3; };
    trace_.push_back({a, node, value(a)});
    const double period = w.period_s();
    for (double start = origin_ + std::floor((a - origin_) / period) * period; start < b; start += period)
      for (const WavePoint& p : w.points()) {
        const double t = start + p.t_s;
        if (t > a && t < b)
          trace_.push_back({t, node, last_[i].load_kw + (p.power_w - mean) / 1e3});
      }
    trace_.push_back({b, node, value(b)});
  }
}

void SwingMonitor::integrate(double t) {
  const double dt = t - last_t_;
  if (detail_to_ >= detail_from_)
    record_trace(last_t_, t);
  if (!(dt > 0))
    return;
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (last_[i].swinging > 0)
      note_swing(i, shape_at(i, last_[i].swinging), dt);
  if (storage_ && grid_total_ > 0) {
    const GridShape& g = grid_shape(grid_total_);
    storage_discharged_j_ += g.discharged_w * dt;
    storage_loss_j_ += g.loss_w * dt;
  }
}

void SwingMonitor::observe(double t, const std::vector<NodeView>& view, double origin_s) {
  if (started_)
    integrate(t);
  started_ = true;
  last_t_ = t;
  origin_ = origin_s;
  last_ = view;
  grid_total_ = 0;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    note_step(i, view[i], t);
    if (nodes_[i].grid)
      grid_total_ += view[i].swinging;
  }
}

void SwingMonitor::finish(double t) {
  if (started_)
    integrate(t);
  last_t_ = t;
}

} // namespace aidcsim::dynamics
