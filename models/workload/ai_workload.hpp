// The AI workload of a run as one event core: the cluster's IT failures and repairs, a training
// job on some of its accelerators, an inference service on others, and what the facility imposes
// (racks without power, thermal shutdowns, throttling). Next event = the earliest of the parts'
// closed-form next events; between events the job accrues work and the service serves.
//
// The job runs on `accelerators` of the cluster; the rest are spares (and the inference replicas'
// accelerators, which are never lent to the job). When one of the job's accelerators goes down,
// the job is interrupted and re-formed from healthy accelerators (spares first taken in order);
// with too few it waits for repairs. This treats healthy accelerators as interchangeable: it does
// not check that a tensor-parallel group still fits inside one scale-up domain.
#pragma once

#include "models/workload/cluster.hpp"
#include "models/workload/inference_service.hpp"
#include "models/workload/training_job.hpp"

#include <memory>
#include <optional>

namespace aidcsim::workload {

// The causes the facility adds to a job's interruptions, by these names in its results.
inline constexpr const char* rack_power_cause = "rack_power";
inline constexpr const char* thermal_shutdown_cause = "thermal_shutdown";

struct JobPlacement {
  int accelerators = 0;        // the job's size
  double throttled_rate = 0.5; // work rate while any of its accelerators is throttled
  int spares = -1;             // hot spares the job may take; -1: every accelerator left over
};

class AiWorkload {
public:
  AiWorkload(Cluster cluster, std::optional<std::pair<TrainingJobSpec, JobPlacement>> job,
             std::optional<InferenceSpec> inference);

  double now() const { return now_; }
  double next_event_time() const;
  void advance_to(double t);
  void finish(double t);

  // From the facility, at now(): accelerators held down (or released) by an outside cause.
  void hold(const std::vector<int>& accelerators, int cause, bool down);
  // From the facility, at now(): accelerators throttled or back to full speed.
  void throttle(const std::vector<int>& accelerators, bool throttled);
  // The job's work rate while throttled (the measured full step over the throttled step).
  void set_throttled_rate(double rate) {
    placement_.throttled_rate = rate;
    update_rate();
  }
  // The job's work rate at full speed from the accelerators' power smoothing (a ramp-up limit
  // stretches the step, models/dynamics/step_swing.hpp): every rate is this times its own.
  void set_power_rate(double rate) {
    power_rate_ = rate;
    update_rate();
  }
  // At now(): the job writes a checkpoint of its open segment (TrainingJob::checkpoint_now).
  bool checkpoint_now() { return job_ && job_->checkpoint_now(); }
  // Causes of the facility's holds.
  int power_cause() const { return power_cause_; }
  int thermal_cause() const { return thermal_cause_; }

  const Cluster& cluster() const { return cluster_; }
  const TrainingJob* job() const { return job_ ? &*job_ : nullptr; }
  const InferenceService* inference() const { return inference_ ? &*inference_ : nullptr; }
  bool in_job(int accelerator) const { return in_job_[accelerator] != 0; }
  long failures() const { return failures_; }

private:
  void on_failure(const Failure& f);
  void went_down(const std::vector<int>& accelerators, int cause, bool job_only);
  void reform(const std::vector<int>& went_down);
  void job_needs_check();
  void update_rate();
  Cluster cluster_;
  std::optional<TrainingJob> job_;
  JobPlacement placement_;
  std::optional<InferenceService> inference_;
  std::vector<char> in_job_, reserved_, throttled_;
  int job_members_ = 0;
  int throttled_members_ = 0; // job members running throttled
  double power_rate_ = 1.0;
  int spare_cursor_ = 0; // where the search for a spare goes on
  int power_cause_ = -1, thermal_cause_ = -1;
  double now_ = 0;
  long failures_ = 0;
  std::vector<Failure> pending_;
};

} // namespace aidcsim::workload
