// Sets up a scenario's AI workload (training job, inference service, IT failures) on the loaded
// platform and the facility, and reads its results at the end.
#pragma once

#include "engine/input/event_budget.hpp"
#include "engine/input/scenario.hpp"
#include "engine/sim/ai_result.hpp"
#include "engine/sim/facility_clock.hpp"
#include "engine/sim/full_load.hpp"
#include "engine/sim/workload_clock.hpp"
#include "models/network/fluid_flows.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <vector>

namespace aidcsim {

class AiRun {
public:
  // `accelerators`: the platform's accelerator hosts. Throws InputError when the job does not fit,
  // or when its failure classes on this cluster, with the facility's `facility_arrivals`, exceed
  // the event budget (event_budget.hpp).
  // `full_load` keeps its busy hosts busy (the replicas from the start, the job's once its step is
  // measured) and must outlive the run.
  AiRun(const Scenario& scenario, simgrid::s4u::Engine& engine, std::vector<simgrid::s4u::Host*> accelerators,
        const std::vector<ArrivalSource>& facility_arrivals, workload::FullLoad& full_load);
  // Starts measuring the job's step: call once the facility (if any) has set its hosts' state.
  void begin();
  // The facility's racks: their hosts going off and on, and throttling, reach the workload.
  void attach(FacilityClock& facility, const std::vector<std::vector<simgrid::s4u::Host*>>& hosts_of_load);
  AiResult result(double duration_s, double energy_kwh) const;
  // The facility turned hosts back on: a step measurement an outage interrupted starts again once
  // all the job's hosts are on. (Busy hosts compute again by themselves, full_load.hpp.)
  void hosts_on();
  // Power dynamics (power_dynamics_run.hpp): the job's hosts, its step once measured, its phase.
  std::vector<simgrid::s4u::Host*> job_hosts() const {
    return {accelerators_.begin(), accelerators_.begin() + job_size_};
  }
  std::function<void(const workload::StepTime& step, double now)> on_step_measured;
  // The inference replicas' hosts (after the job's in rank order).
  std::vector<simgrid::s4u::Host*> inference_hosts() const {
    return {accelerators_.begin() + job_size_, accelerators_.begin() + job_size_ + serving_};
  }
  void set_on_job_phase(std::function<void(workload::TrainingJob::Phase, double)> f) {
    clock_->on_job_phase = std::move(f);
  }
  void set_power_rate(double rate, double now) { clock_->set_power_rate(rate, now); }
  // Policies (battery_policy_run.hpp): the job checkpoints now; true if a write started.
  bool checkpoint_now(double now) { return clock_->checkpoint_now(now); }
  const workload::TrainingJob* job() const { return workload_->job(); }
  // Timeline rows for the job's state ("job" component).
  void set_timeline(std::function<void(const power::TimelineRow&)> add);

private:
  const Scenario& scenario_;
  workload::FullLoad& full_load_;
  std::vector<simgrid::s4u::Host*> accelerators_; // in rank order: pods, then trays
  std::unique_ptr<workload::AiWorkload> workload_;
  std::shared_ptr<WorkloadClock> clock_;
  workload::StepPlan plan_;
  workload::StepTime step_;
  enum class Probe { running, pending, done };
  Probe probe_ = Probe::running;
  void start_probe();
  std::optional<network::FluidModel> probe_model() const;
  int job_size_ = 0, serving_ = 0;
  double interval_s_ = 0, job_rate_per_s_ = 0;
};

} // namespace aidcsim
