#include "models/power/battery_full_times.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <variant>

namespace aidcsim::power {

namespace {
constexpr double never = std::numeric_limits<double>::infinity();
} // namespace

BatteryFullTimes::BatteryFullTimes(const PowerChain& chain) : chain_(chain) {
  for (int v = 0; v < chain.size(); ++v)
    if (std::holds_alternative<UpsNode>(chain.component(v)))
      ups_nodes_.push_back(v);
}

// The batteries recharging now (their input is up), in node order.
void BatteryFullTimes::find_recharging() {
  recharging_.clear();
  for (int v : ups_nodes_) {
    const auto& u = std::get<UpsNode>(chain_.component(v));
    if (u.ups().battery().state_of_charge() < 1.0 && u.input_ok(chain_.around(v)))
      recharging_.emplace_back(v, u.ups().battery());
  }
}

const std::vector<BatteryFull>& BatteryFullTimes::before(double until, bool inclusive) {
  full_.clear();
  find_recharging();
  double now = chain_.now();
  while (!recharging_.empty()) {
    // The next instant one of them reads full, as Facility::compute_next would take it.
    double t = never;
    for (const auto& [v, b] : recharging_)
      t = std::min(t, now + b.time_until_full_s());
    if (!(t > now))
      t = std::nextafter(now, never);
    if (t > until || (t == until && !inclusive))
      break;
    for (auto& [v, b] : recharging_)
      b.recharge(t - now);
    now = t;
    std::erase_if(recharging_, [&](const auto& vb) {
      const bool is_full = vb.second.state_of_charge() >= 1.0;
      if (is_full)
        full_.push_back({t, vb.first});
      return is_full;
    });
  }
  return full_;
}

} // namespace aidcsim::power
