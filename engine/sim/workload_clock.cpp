#include "engine/sim/workload_clock.hpp"
#include "engine/base/event_time.hpp"

#include <cmath>
#include <limits>

namespace aidcsim {

WorkloadClock::WorkloadClock(workload::AiWorkload& workload, double end_s)
    : Model("aidcsim-workload"), workload_(workload), end_s_(end_s) {}

double WorkloadClock::next_occurring_event(double now) {
  if (finished_)
    return -1.0;
  if (now == 0)
    report_job(now); // the state at the start
  const double t = std::min(workload_.next_event_time(), end_s_);
  return std::max(0.0, t - now);
}

// Processes the workload's events up to `now` (SimGrid's clock can differ from an event time by
// rounding: anything within a few ulps is the event itself).
void WorkloadClock::catch_up(double now) {
  const double slack = event_slack_s(now);
  while (!finished_) {
    const double next = workload_.next_event_time();
    if (next <= end_s_ && next <= now + slack) {
      workload_.advance_to(std::max(next, workload_.now()));
    } else if (now + slack >= end_s_) {
      workload_.finish(end_s_);
      finished_ = true;
    } else {
      break;
    }
  }
}

void WorkloadClock::update_actions_state(double now, double /*delta*/) {
  catch_up(now);
  report_job(now);
}

void WorkloadClock::report_job(double now) {
  const workload::TrainingJob* job = workload_.job();
  if (job != nullptr && on_job_phase)
    on_job_phase(job->phase(), now);
  if (!on_job_state || job == nullptr)
    return;
  using Phase = workload::TrainingJob::Phase;
  std::string state = job->phase() == Phase::computing       ? "computing"
                      : job->phase() == Phase::checkpointing ? "checkpointing"
                      : job->phase() == Phase::restarting    ? "restarting"
                                                             : "waiting";
  if (job->phase() == Phase::restarting || job->phase() == Phase::waiting)
    state += " (" + workload_.cluster().causes()[job->cause()] + ")";
  if (job->rate() < 1.0 && job->phase() == Phase::computing)
    state += " (throttled)";
  if (state == last_job_state_)
    return;
  last_job_state_ = state;
  on_job_state(now, state);
}

// Brings the workload to `now` before an outside change applies; false once the run has ended.
bool WorkloadClock::reach(double now) {
  if (finished_)
    return false;
  catch_up(now);
  if (finished_)
    return false;
  if (now > workload_.now())
    workload_.advance_to(now); // what came before accrued under the old state
  return true;
}

void WorkloadClock::rack_hosts(const std::vector<int>& accelerators, bool on, bool thermal, double now) {
  if (accelerators.empty() || !reach(now))
    return;
  workload_.hold(accelerators, thermal ? workload_.thermal_cause() : workload_.power_cause(), !on);
  report_job(now);
}

void WorkloadClock::set_throttled_rate(double rate, double now) {
  if (!reach(now))
    return;
  workload_.set_throttled_rate(rate);
}

bool WorkloadClock::checkpoint_now(double now) {
  if (!reach(now) || !workload_.checkpoint_now())
    return false;
  report_job(now);
  return true;
}

void WorkloadClock::set_power_rate(double rate, double now) {
  if (!reach(now))
    return;
  workload_.set_power_rate(rate);
}

void WorkloadClock::rack_throttle(const std::vector<int>& accelerators, bool throttled, double now) {
  if (accelerators.empty() || !reach(now))
    return;
  workload_.throttle(accelerators, throttled);
  report_job(now);
}

} // namespace aidcsim
