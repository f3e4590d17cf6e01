#include "models/workload/ai_workload.hpp"

#include <algorithm>
#include <stdexcept>

namespace aidcsim::workload {

AiWorkload::AiWorkload(Cluster cluster, std::optional<std::pair<TrainingJobSpec, JobPlacement>> job,
                       std::optional<InferenceSpec> inference)
    : cluster_(std::move(cluster)) {
  power_cause_ = cluster_.add_cause(rack_power_cause);
  thermal_cause_ = cluster_.add_cause(thermal_shutdown_cause);
  const int n = cluster_.topology().accelerators();
  in_job_.assign(n, 0);
  reserved_.assign(n, 0);
  throttled_.assign(n, 0);
  int next = 0;
  if (job) {
    placement_ = job->second;
    if (placement_.accelerators > n)
      throw std::invalid_argument("AiWorkload: the job is larger than the cluster");
    job_.emplace(job->first, static_cast<int>(cluster_.causes().size()));
    for (; next < placement_.accelerators; ++next)
      in_job_[next] = 1;
    job_members_ = placement_.accelerators;
    spare_cursor_ = next % std::max(1, n);
  }
  if (inference) {
    // Replicas on the accelerators after the job's, whole scale-up domains when they are that size.
    std::vector<std::vector<int>> replicas;
    for (int r = 0; r < inference->replicas; ++r) {
      std::vector<int> accs;
      for (int k = 0; k < inference->accelerators_per_replica; ++k, ++next) {
        if (next >= n)
          throw std::invalid_argument("AiWorkload: the inference replicas do not fit in the cluster");
        accs.push_back(next);
        reserved_[next] = 1;
      }
      replicas.push_back(std::move(accs));
    }
    inference_.emplace(*inference, std::move(replicas));
  }
  // Beyond the hot spares, the rest of the platform is not the job's to take.
  if (job && placement_.spares >= 0)
    for (int a = next + placement_.spares; a < n; ++a)
      reserved_[a] = 1;
}

double AiWorkload::next_event_time() const {
  double t = cluster_.next_event_time();
  if (job_)
    t = std::min(t, job_->next_event_time());
  if (inference_)
    t = std::min(t, inference_->next_event_time());
  return t;
}

// Members that went down leave; spares (never the inference replicas' accelerators) fill the
// gaps, searched from where the last search stopped (so a run with thousands of failures does not
// rescan the platform each time). Returns with job_members_ = the job's size, or fewer when too
// few are up.
void AiWorkload::reform(const std::vector<int>& went_down) {
  for (int a : went_down)
    if (in_job_[a] && !cluster_.up(a)) {
      in_job_[a] = 0;
      --job_members_;
      throttled_members_ -= throttled_[a];
    }
  const int n = cluster_.topology().accelerators();
  for (int step = 0; step < n && job_members_ < placement_.accelerators; ++step) {
    const int a = spare_cursor_;
    spare_cursor_ = (spare_cursor_ + 1) % n;
    if (!in_job_[a] && !reserved_[a] && cluster_.up(a)) {
      in_job_[a] = 1;
      ++job_members_;
      throttled_members_ += throttled_[a];
    }
  }
}

void AiWorkload::update_rate() {
  if (job_)
    job_->set_rate(power_rate_ * (throttled_members_ > 0 ? placement_.throttled_rate : 1.0));
}

void AiWorkload::on_failure(const Failure& f) {
  ++failures_;
  went_down(f.down, f.cause, f.job_only());
}

// Accelerators went down for `cause` (or, `job_only`, the job's software failed): a job holding any
// of them is interrupted and re-formed without them.
void AiWorkload::went_down(const std::vector<int>& accelerators, int cause, bool job_only) {
  if (!job_)
    return;
  bool hit = job_only;
  for (int a : accelerators)
    hit = hit || in_job_[a];
  if (!hit)
    return;
  reform(accelerators); // a waiting job loses the member too, so it never restarts on a dead one
  if (job_->phase() != TrainingJob::Phase::waiting)
    job_->interrupt(cause, job_members_ == placement_.accelerators);
  update_rate();
}

// A waiting job restarts once enough accelerators are up again.
void AiWorkload::job_needs_check() {
  if (!job_ || job_->phase() != TrainingJob::Phase::waiting)
    return;
  reform({});
  if (job_members_ == placement_.accelerators) {
    job_->resources_back();
    update_rate();
  }
}

void AiWorkload::advance_to(double t) {
  if (t < now_)
    throw std::logic_error("AiWorkload: time goes backwards");
  if (inference_)
    inference_->integrate(t);
  if (job_)
    job_->advance_to(t);
  now_ = t;
  pending_.clear();
  cluster_.process(t, pending_);
  for (const auto& f : pending_)
    on_failure(f);
  job_needs_check(); // repairs may have brought enough back
  if (inference_) {
    inference_->update([&](int a) { return cluster_.up(a); });
    inference_->process(t);
  }
}

void AiWorkload::hold(const std::vector<int>& accelerators, int cause, bool down) {
  cluster_.hold(accelerators, cause, down);
  if (down)
    went_down(accelerators, cause, false);
  else
    job_needs_check();
  if (inference_)
    inference_->update([&](int a) { return cluster_.up(a); });
}

void AiWorkload::throttle(const std::vector<int>& accelerators, bool throttled) {
  for (int a : accelerators) {
    const char now = throttled ? 1 : 0;
    if (in_job_[a])
      throttled_members_ += now - throttled_[a];
    throttled_[a] = now;
  }
  update_rate();
}

void AiWorkload::finish(double t) {
  if (inference_)
    inference_->integrate(t);
  if (job_)
    job_->finish(t);
  now_ = t;
}

} // namespace aidcsim::workload
