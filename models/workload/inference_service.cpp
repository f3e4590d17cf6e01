#include "models/workload/inference_service.hpp"

#include <algorithm>

namespace aidcsim::workload {

InferenceService::InferenceService(const InferenceSpec& spec,
                                   std::vector<std::vector<int>> replica_accelerators)
    : spec_(spec), replicas_(std::move(replica_accelerators)), hardware_up_(replicas_.size(), 1),
      ready_at_(replicas_.size(), 0.0) {}

int InferenceService::replicas_serving() const {
  int n = 0;
  for (std::size_t r = 0; r < replicas_.size(); ++r)
    n += hardware_up_[r] && ready_at_[r] <= now_ ? 1 : 0;
  return n;
}

double InferenceService::next_event_time() const {
  double t = never;
  for (std::size_t r = 0; r < replicas_.size(); ++r)
    if (hardware_up_[r] && ready_at_[r] > now_)
      t = std::min(t, ready_at_[r]);
  return t;
}

void InferenceService::integrate(double t) {
  const double dt = t - now_;
  if (dt <= 0)
    return;
  const double capacity = replicas_serving() * spec_.replica_capacity_per_s;
  offered_ += spec_.request_rate_per_s * dt;
  served_ += std::min(capacity, spec_.request_rate_per_s) * dt;
  if (capacity < spec_.request_rate_per_s)
    below_slo_s_ += dt;
  now_ = t;
}

void InferenceService::process(double t) {
  integrate(t);
}

} // namespace aidcsim::workload
