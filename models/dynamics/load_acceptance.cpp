#include "models/dynamics/load_acceptance.hpp"

#include <algorithm>
#include <stdexcept>

namespace aidcsim::dynamics {

void check_load_acceptance(const LoadAcceptanceSpec& spec) {
  double sum = 0;
  for (const double s : spec.step_fractions) {
    if (!(s > 0))
      throw std::invalid_argument("every load step must be a positive share of the rating");
    sum += s;
  }
  if (sum < 1 - 1e-9)
    throw std::invalid_argument("the load steps must add up to the plant's rating (100 %) or more");
  if (!(spec.frequency_dip_limit > 0) || !(spec.recovery_s >= 0))
    throw std::invalid_argument("a plant needs a positive frequency dip limit and a recovery time");
}

double allowed_step_kw(const LoadAcceptanceSpec& spec, double capacity_kw, double preload_kw) {
  if (!(capacity_kw > 0))
    return 0;
  const double x = preload_kw / capacity_kw;
  double stage = 0;
  for (const double s : spec.step_fractions) {
    stage += s;
    if (stage > x + 1e-12)
      return (std::min(stage, 1.0) - x) * capacity_kw;
  }
  return std::max(0.0, (1 - x) * capacity_kw);
}

StepCheck check_step(const LoadAcceptanceSpec& spec, double capacity_kw, double preload_kw, double step_kw) {
  StepCheck c;
  c.allowed_kw = allowed_step_kw(spec, capacity_kw, preload_kw);
  if (step_kw <= 0)
    return c;
  c.accepted = step_kw <= c.allowed_kw * (1 + 1e-9);
  c.frequency_dip = c.allowed_kw > 0 ? spec.frequency_dip_limit * step_kw / c.allowed_kw : 1.0;
  return c;
}

ReloadPlan staged_reload(const LoadAcceptanceSpec& spec, double capacity_kw, double preload_kw,
                         double target_kw) {
  ReloadPlan plan;
  double load = preload_kw;
  target_kw = std::min(target_kw, capacity_kw);
  while (load < target_kw * (1 - 1e-12)) {
    const double step = std::min(allowed_step_kw(spec, capacity_kw, load), target_kw - load);
    if (!(step > 0))
      break;
    load += step;
    plan.load_kw.push_back(load);
    ++plan.steps;
  }
  plan.time_s = plan.steps > 1 ? (plan.steps - 1) * spec.recovery_s : 0;
  return plan;
}

} // namespace aidcsim::dynamics
