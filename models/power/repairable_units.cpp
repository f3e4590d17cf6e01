#include "models/power/repairable_units.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

RepairableUnits::RepairableUnits(int count, const Interruptions& failures, RandomStream rng, double now)
    : spec_(failures), rng_(rng), bias_(failures.rate_per_s),
      units_(static_cast<std::size_t>(std::max(count, 0))) {
  for (auto& u : units_)
    u.at = draw_time_to_failure(now);
  refresh();
}

double RepairableUnits::draw_time_to_failure(double now) {
  return rng_.next_arrival(now, bias_.drawn_per_s());
}

void RepairableUnits::refresh() {
  failed_ = 0;
  next_ = never;
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

bool RepairableUnits::process(double now) {
  const int before = failed_;
  bias_.expose(now, up());
  for (auto& u : units_) {
    if (u.at > now)
      continue;
    if (u.down) {
      u.down = false;
      u.forced = false;
      u.at = draw_time_to_failure(now);
    } else {
      ++failures_;
      bias_.failed();
      u.down = true;
      u.at = now + spec_.duration.sample_tilted(rng_, duration_shift_, duration_log_lr_);
    }
  }
  refresh();
  return failed_ != before;
}

void RepairableUnits::set_failure_bias(const FailureBias& bias, double now) {
  duration_shift_ = bias.duration_shift;
  if (!bias_.set(bias, now, up()))
    return;
  for (auto& u : units_) // memoryless: a unit up since any time fails after a fresh draw
    if (!u.down)
      u.at = draw_time_to_failure(now);
  refresh();
}

double RepairableUnits::log_likelihood_ratio(double now) {
  bias_.expose(now, up());
  return bias_.log_lr() + duration_log_lr_;
}

double RepairableUnits::repair_rate_per_s() const {
  if (failed_ == 0)
    return 0.0;
  const double mean_s = spec_.duration.mean_s();
  return mean_s > 0 ? failed_ / mean_s : 0.0;
}

} // namespace aidcsim::power
