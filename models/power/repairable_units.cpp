#include "models/power/repairable_units.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

RepairableUnits::RepairableUnits(int count, const Interruptions& failures, RandomStream rng, double now)
    : spec_(failures), rng_(rng), bias_(failures.rate_per_s * (1 - failures.common_cause_beta)),
      common_bias_(failures.rate_per_s * failures.common_cause_beta),
      units_(static_cast<std::size_t>(std::max(count, 0))) {
  for (auto& u : units_)
    u.at = draw_time_to_failure(now);
  refresh();
  draw_common_cause(now);
}

double RepairableUnits::draw_time_to_failure(double now) {
  return rng_.next_arrival(now, bias_.drawn_per_s());
}

// Drawn while any unit is up (memoryless: redrawn whenever that starts or the rate changes); no
// draw at all without a common cause, so independent groups draw what they always drew.
void RepairableUnits::draw_common_cause(double now) {
  common_at_ =
      common_bias_.rate_per_s() > 0 && up() > 0 ? rng_.next_arrival(now, common_bias_.drawn_per_s()) : never;
  next_ = std::min(next_, common_at_);
}

void RepairableUnits::refresh() {
  failed_ = 0;
  next_ = common_at_;
  for (const auto& u : units_) {
    failed_ += u.down ? 1 : 0;
    next_ = std::min(next_, u.at);
  }
}

void RepairableUnits::force_down(int count, double until) {
  for (auto& u : units_) {
    if (count == 0)
      break;
    if (u.down && u.forced) {
      u.at = std::max(u.at, until);
      --count;
    } else if (!u.down) {
      u.down = true;
      u.forced = true;
      u.at = until;
      --count;
    }
  }
  refresh();
}

void RepairableUnits::fail(Unit& u, double now) {
  ++failures_;
  u.down = true;
  u.at = now + spec_.duration.sample_tilted(rng_, duration_shift_, tilt_share_, duration_log_lr_);
}

bool RepairableUnits::process(double now) {
  const int before = failed_;
  const bool any_up_before = up() > 0;
  bias_.expose(now, up());
  common_bias_.expose(now, any_up_before ? 1 : 0);
  if (common_at_ <= now) { // every unit up fails at once
    ++common_cause_failures_;
    common_bias_.failed();
    for (auto& u : units_)
      if (!u.down)
        fail(u, now);
    common_at_ = never;
  }
  for (auto& u : units_) {
    if (u.at > now)
      continue;
    if (u.down) {
      u.down = false;
      u.forced = false;
      u.at = draw_time_to_failure(now);
    } else {
      bias_.failed();
      fail(u, now);
    }
  }
  refresh();
  if (up() == 0)
    common_at_ = never; // nothing left for a common cause to fail: not exposed
  else if (common_at_ == never || !any_up_before)
    draw_common_cause(now);
  refresh();
  return failed_ != before;
}

void RepairableUnits::set_failure_bias(const FailureBias& bias, double now) {
  duration_shift_ = bias.duration_shift;
  tilt_share_ = bias.tilt_share;
  if (common_bias_.set(bias, now, up() > 0 ? 1 : 0, true) && up() > 0)
    common_at_ = rng_.next_arrival(now, common_bias_.drawn_per_s()); // memoryless: a fresh draw
  if (bias_.set(bias, now, up(), count() == 1))
    for (auto& u : units_) // memoryless: a unit up since any time fails after a fresh draw
      if (!u.down)
        u.at = draw_time_to_failure(now);
  refresh();
}

double RepairableUnits::log_likelihood_ratio(double now) {
  bias_.expose(now, up());
  common_bias_.expose(now, up() > 0 ? 1 : 0);
  return bias_.log_lr() + common_bias_.log_lr() + duration_log_lr_;
}

FirstFailureFigures RepairableUnits::first_failure_figures() const {
  FirstFailureFigures f;
  f.loss_rate_per_s =
      count() == 1 ? bias_.rate_per_s() + common_bias_.rate_per_s() : common_bias_.rate_per_s();
  f.other_rate_per_s = count() == 1 ? 0.0 : count() * bias_.rate_per_s();
  f.loss_repair_s = spec_.duration.mean_s();
  return f;
}

double RepairableUnits::bias_rate_per_s(double now) const {
  const double per_repair = repair_rate_per_s() / std::max(1, failed_);
  double rate = 0;
  for (const Unit& u : units_)
    if (u.down)
      rate += u.at > now && u.at < never ? std::min(per_repair, 1 / (u.at - now)) : per_repair;
  return rate;
}

double RepairableUnits::repair_rate_per_s() const {
  if (failed_ == 0)
    return 0.0;
  const double mean_s = spec_.duration.mean_s();
  return mean_s > 0 ? failed_ / mean_s : 0.0;
}

} // namespace aidcsim::power
