// An inference service: replicas of a served model, each on a fixed set of accelerators (one
// scale-up domain by default), serving requests at a constant rate. A replica serves while all its
// accelerators are up; when they come back it reloads for `restart_s` first. The served fraction
// is min(1, replicas up x capacity / request rate), integrated over time; time below SLO capacity
// is the time when the replicas up cannot carry the whole request rate.
#pragma once

#include <limits>
#include <vector>

namespace aidcsim::workload {

struct InferenceSpec {
  int replicas = 0;
  int accelerators_per_replica = 0;
  double request_rate_per_s = 0;
  double replica_capacity_per_s = 0;
  double restart_s = 0;
};

class InferenceService {
public:
  // replica_accelerators[i]: the accelerators of replica i.
  InferenceService(const InferenceSpec& spec, std::vector<std::vector<int>> replica_accelerators);

  double next_event_time() const;
  void integrate(double t);
  // At the current time: replicas whose accelerators changed state; `up(a)` says if a is up.
  template <class Up> void update(Up up);
  void process(double t); // reloads that end at t

  double served_requests() const { return served_; }
  double offered_requests() const { return offered_; }
  double below_slo_s() const { return below_slo_s_; }
  int replicas_serving() const;
  const InferenceSpec& spec() const { return spec_; }
  const std::vector<int>& accelerators_of(int replica) const { return replicas_[replica]; }

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  InferenceSpec spec_;
  std::vector<std::vector<int>> replicas_;
  std::vector<char> hardware_up_;
  std::vector<double> ready_at_; // serving from this time on (reloading until then)
  double now_ = 0;
  double served_ = 0, offered_ = 0, below_slo_s_ = 0;
};

template <class Up> void InferenceService::update(Up up) {
  for (std::size_t r = 0; r < replicas_.size(); ++r) {
    bool all = true;
    for (int a : replicas_[r])
      all = all && up(a);
    if (all && !hardware_up_[r])
      ready_at_[r] = now_ + spec_.restart_s;
    hardware_up_[r] = all ? 1 : 0;
  }
}

} // namespace aidcsim::workload
