// Binds the AI workload core (models/workload/ai_workload.hpp) to SimGrid's clock as a kernel
// resource model, like the facility (facility_clock.hpp): SimGrid asks for the delay to the next
// failure, repair, checkpoint or restart end and jumps there. The facility tells it when a rack's
// hosts go off or on (power, thermal shutdown) and when they throttle.
#pragma once

#include "models/workload/ai_workload.hpp"

#include <simgrid/kernel/resource/Model.hpp>

#include <functional>
#include <string>
#include <vector>

namespace aidcsim {

class WorkloadClock : public simgrid::kernel::resource::Model {
public:
  WorkloadClock(workload::AiWorkload& workload, double end_s);

  // Called with the job's state ("computing", "restarting (faulty_gpu)", ...) whenever it changes.
  std::function<void(double now, const std::string& state)> on_job_state;
  // Called after every workload event and outside change, with the job's phase (power dynamics).
  std::function<void(workload::TrainingJob::Phase phase, double now)> on_job_phase;

  double next_occurring_event(double now) override;
  void update_actions_state(double now, double delta) override;
  bool finished() const { return finished_; }

  // From the facility at SimGrid time `now`: a rack's accelerators went off (thermal or not) or
  // came back; they throttled or returned to full speed.
  void rack_hosts(const std::vector<int>& accelerators, bool on, bool thermal, double now);
  void rack_throttle(const std::vector<int>& accelerators, bool throttled, double now);
  // The job's work rate while throttled, from `now` on (once its step has been measured).
  void set_throttled_rate(double rate, double now);
  // A policy asks the job to checkpoint now (TrainingJob::checkpoint_now); true if it started.
  bool checkpoint_now(double now);
  // The job's rate at full speed under power smoothing, from `now` on.
  void set_power_rate(double rate, double now);

private:
  void catch_up(double now);
  bool reach(double now);
  void report_job(double now);
  std::string last_job_state_;
  workload::AiWorkload& workload_;
  double end_s_;
  bool finished_ = false;
};

} // namespace aidcsim
