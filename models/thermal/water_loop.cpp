#include "models/thermal/water_loop.hpp"

#include <algorithm>
#include <stdexcept>

namespace aidcsim::thermal {

namespace {
// Advancing to a computed crossing lands on it up to rounding.
constexpr double tolerance_k = 1e-9;
} // namespace

WaterLoop::WaterLoop(const WaterLoopSpec& spec) : spec_(spec), temp_c_(spec.supply_c) {
  if (!(spec.capacity_j_per_k() > 0))
    throw std::invalid_argument("WaterLoop: the loop must hold some water");
}

void WaterLoop::set_inputs(double heat_w, double capacity_w) {
  if (heat_w < 0 || capacity_w < 0)
    throw std::invalid_argument("WaterLoop: heat and capacity must not be negative");
  heat_w_ = heat_w;
  capacity_w_ = capacity_w;
  if (held())
    temp_c_ = spec_.supply_c; // drop the rounding residue of the crossing
}

bool WaterLoop::held() const {
  return temp_c_ <= spec_.supply_c + tolerance_k && capacity_w_ >= heat_w_;
}

double WaterLoop::rate_k_per_s() const {
  return held() ? 0.0 : (heat_w_ - capacity_w_) / spec_.capacity_j_per_k();
}

double WaterLoop::removed_w() const {
  return held() ? heat_w_ : capacity_w_;
}

void WaterLoop::advance(double dt_s) {
  if (dt_s <= 0)
    return;
  heat_in_j_ += heat_w_ * dt_s;
  heat_removed_j_ += removed_w() * dt_s;
  temp_c_ += rate_k_per_s() * dt_s;
}

double WaterLoop::time_until(double threshold_c) const {
  const double rate = rate_k_per_s();
  if (rate == 0)
    return never;
  const double t = (threshold_c - temp_c_) / rate;
  return t > 0 ? t : never;
}

double WaterLoop::time_until_held() const {
  if (held() || !(capacity_w_ > heat_w_)) // no spare capacity: the water never cools back
    return never;
  return std::max(0.0, (temp_c_ - spec_.supply_c) / -rate_k_per_s());
}

} // namespace aidcsim::thermal
