#include "models/dynamics/smoothing_storage.hpp"

#include <algorithm>
#include <stdexcept>

namespace aidcsim::dynamics {

namespace {

constexpr int bisections = 200; // halves the bracket down to the doubles' resolution

// The charge level l with integral of max(0, l - p) = need, within [min, max + need / T].
double charge_level(const PowerWave& load, double need_j) {
  double lo = load.min_w();
  double hi = load.max_w() + need_j / load.period_s();
  for (int i = 0; i < bisections && hi - lo > 0; ++i) {
    const double mid = (lo + hi) / 2;
    (load.energy_below_j(mid) < need_j ? lo : hi) = mid;
  }
  return hi;
}

struct Levels {
  double high_w, low_w, discharged_j;
  bool feasible;
};

Levels levels_at(const PowerWave& load, const StorageSpec& s, double h) {
  const double d = load.energy_above_j(h);
  const double l = charge_level(load, d / s.round_trip);
  const bool ok = load.max_w() - h <= s.power_w * (1 + 1e-12) && d <= s.energy_j * (1 + 1e-12) && l <= h &&
                  l - load.min_w() <= s.power_w * (1 + 1e-12);
  return {h, l, d, ok};
}

} // namespace

Smoothed smooth(const PowerWave& load, const StorageSpec& s) {
  if (s.power_w < 0 || s.energy_j < 0)
    throw std::invalid_argument("a store's power and energy cannot be negative");
  if (!(s.round_trip > 0 && s.round_trip <= 1))
    throw std::invalid_argument("a store's round-trip efficiency lies in (0, 1]");
  // Feasibility only grows with h; at h = max nothing is discharged.
  double lo = load.min_w();
  double hi = load.max_w();
  for (int i = 0; i < bisections && hi - lo > 0; ++i) {
    const double mid = (lo + hi) / 2;
    (levels_at(load, s, mid).feasible ? hi : lo) = mid;
  }
  Levels lv = levels_at(load, s, hi);
  if (!lv.feasible)
    lv = {load.max_w(), load.min_w(), 0, true};
  Smoothed out{load.clamped(lv.low_w, lv.high_w)};
  out.discharged_j = lv.discharged_j;
  out.loss_w = lv.discharged_j * (1 / s.round_trip - 1) / load.period_s();
  out.high_w = lv.high_w;
  out.low_w = lv.low_w;
  return out;
}

} // namespace aidcsim::dynamics
