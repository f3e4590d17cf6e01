#include "models/power/repairable_units.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

RepairableUnits::RepairableUnits(int count, const Interruptions& failures, RandomStream rng, double now)
    : spec_(failures), rng_(rng), units_(static_cast<std::size_t>(std::max(count, 0))) {
  for (auto& u : units_)
    u.at = draw_time_to_failure(now);
  refresh();
}

double RepairableUnits::draw_time_to_failure(double now) {
  return rng_.next_arrival(now, spec_.rate_per_s);
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
  for (auto& u : units_) {
    if (u.at > now)
      continue;
    if (u.down) {
      u.down = false;
      u.forced = false;
      u.at = draw_time_to_failure(now);
    } else {
      ++failures_;
      u.down = true;
      u.at = now + spec_.duration.sample(rng_);
    }
  }
  refresh();
  return failed_ != before;
}

} // namespace aidcsim::power
