#include "models/workload/training_job.hpp"
#include "engine/base/event_time.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aidcsim::workload {

double daly_interval_s(double c, double m) {
  if (!(c < 2 * m))
    return m;
  const double x = c / (2 * m);
  return std::sqrt(2 * c * m) * (1 + std::sqrt(x) / 3 + x / 9) - c;
}

double expected_goodput(double l, double t, double c, double r) {
  if (l <= 0)
    return t / (t + c);
  return t / (std::exp(l * r) * std::expm1(l * (t + c)) / l);
}

TrainingJob::TrainingJob(const TrainingJobSpec& spec, int causes) : spec_(spec) {
  if (!(spec.checkpoint_interval_s > 0))
    throw std::invalid_argument("TrainingJob: the checkpoint interval must be positive");
  time_.lost_s.assign(causes, 0.0);
  time_.restart_s.assign(causes, 0.0);
  time_.waiting_s.assign(causes, 0.0);
  time_.interruptions.assign(causes, 0);
}

double TrainingJob::next_event_time() const {
  if (phase_ == Phase::computing)
    return rate_ > 0 ? now_ + (spec_.checkpoint_interval_s - work_) / rate_ : never;
  return phase_end_;
}

void TrainingJob::integrate(double t) {
  const double dt = t - now_;
  if (dt < 0)
    throw std::logic_error("TrainingJob: time goes backwards");
  switch (phase_) {
  case Phase::computing:
    work_ = std::min(spec_.checkpoint_interval_s, work_ + rate_ * dt);
    segment_wall_ += dt;
    // Kept apart, not taken as wall - work - write at the checkpoint: that difference leaves a
    // rounding residue (2e-9 h over a run) where the job never ran slow.
    if (rate_ < 1)
      segment_slow_s_ += (1 - rate_) * dt;
    break;
  case Phase::checkpointing:
    segment_wall_ += dt;
    break;
  case Phase::restarting:
    time_.restart_s[cause_] += dt;
    break;
  case Phase::waiting:
    time_.waiting_s[cause_] += dt;
    break;
  }
  now_ = t;
}

void TrainingJob::advance_to(double t) {
  integrate(t);
  // Rounding: an end computed from now + remaining lands on the event up to an ulp.
  const double slack = event_slack_s(t);
  while (next_event_time() <= t + slack) {
    switch (phase_) {
    case Phase::computing:
      work_ = spec_.checkpoint_interval_s;
      phase_ = Phase::checkpointing;
      phase_end_ = now_ + spec_.checkpoint_write_s;
      break;
    case Phase::checkpointing: {
      // The segment is saved: its work is useful, its write is overhead, the rest was slowness.
      time_.useful_s += work_;
      time_.checkpoint_s += spec_.checkpoint_write_s;
      time_.throttled_s += segment_slow_s_;
      segment_slow_s_ = 0;
      ++checkpoints_;
      work_ = 0;
      segment_wall_ = 0;
      phase_ = Phase::computing;
      phase_end_ = never;
      break;
    }
    case Phase::restarting:
      phase_ = Phase::computing;
      phase_end_ = never;
      break;
    case Phase::waiting:
      return;
    }
  }
}

void TrainingJob::interrupt(int cause, bool enough) {
  if (phase_ == Phase::waiting) // not running: nothing to interrupt
    return;
  // Outages at the same instant (every rack of a UPS losing power at once) are one interruption,
  // charged to the first cause.
  if (now_ != last_interrupt_s_) {
    ++time_.interruptions[cause];
    cause_ = cause;
  }
  last_interrupt_s_ = now_;
  time_.lost_s[cause_] += segment_wall_;
  work_ = 0;
  segment_wall_ = 0;
  segment_slow_s_ = 0; // lost with the rest of the segment
  if (enough) {
    phase_ = Phase::restarting; // a failure during a restart starts it again
    phase_end_ = now_ + spec_.restart_s;
  } else {
    phase_ = Phase::waiting;
    phase_end_ = never;
  }
}

void TrainingJob::resources_back() {
  if (phase_ != Phase::waiting)
    return;
  phase_ = Phase::restarting;
  phase_end_ = now_ + spec_.restart_s;
}

bool TrainingJob::checkpoint_now() {
  if (phase_ != Phase::computing || !(work_ > 0))
    return false;
  phase_ = Phase::checkpointing;
  phase_end_ = now_ + spec_.checkpoint_write_s;
  ++early_checkpoints_;
  return true;
}

void TrainingJob::set_rate(double rate) {
  rate_ = rate;
}

void TrainingJob::finish(double t) {
  integrate(t);
  time_.uncommitted_s += segment_wall_;
}

} // namespace aidcsim::workload
