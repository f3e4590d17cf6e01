#include "models/power/battery_full_times.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <variant>

namespace aidcsim::power {

namespace {

constexpr double never = std::numeric_limits<double>::infinity();

// The batteries recharging now (their input is up), by node.
std::vector<std::pair<int, UpsBattery>> recharging(const PowerChain& chain) {
  std::vector<std::pair<int, UpsBattery>> batteries;
  for (int v = 0; v < chain.size(); ++v)
    if (const auto* u = std::get_if<UpsNode>(&chain.component(v)))
      if (u->input_ok(chain.around(v)) && u->ups().battery().state_of_charge() < 1.0)
        batteries.emplace_back(v, u->ups().battery());
  return batteries;
}

} // namespace

std::vector<BatteryFull> battery_full_times(const PowerChain& chain, double until, bool inclusive) {
  std::vector<BatteryFull> full;
  auto batteries = recharging(chain);
  double now = chain.now();
  while (!batteries.empty()) {
    // The next instant one of them reads full, as Facility::compute_next would take it.
    double t = never;
    for (const auto& [v, b] : batteries)
      t = std::min(t, now + b.time_until_full_s());
    if (!(t > now))
      t = std::nextafter(now, never);
    if (t > until || (t == until && !inclusive))
      break;
    for (auto& [v, b] : batteries)
      b.recharge(t - now);
    now = t;
    std::erase_if(batteries, [&](const auto& vb) {
      const bool is_full = vb.second.state_of_charge() >= 1.0;
      if (is_full)
        full.push_back({t, vb.first});
      return is_full;
    });
  }
  return full;
}

} // namespace aidcsim::power
