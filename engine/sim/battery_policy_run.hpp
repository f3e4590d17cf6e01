// Binds the battery policies (models/workload/battery_policy.hpp) to a run: after every change of
// the facility it reads which UPS batteries carry load, and when a training job's racks have been
// on battery for the policy's `after`, it asks the job to checkpoint (if the battery outlasts the
// write), caps the racks on battery at their lowest pstate, or sheds the racks of the workload to
// shed first (rack_action.hpp), until their UPS has its input back. Before the job's battery is
// empty it checkpoints once more (`before_empty`), planned again at every change of what the
// battery carries.
//
// A SimGrid model like the facility's clock (facility_clock.hpp): the `after` delays and the shed
// racks' boot are its own events, in closed form. Per change of the facility it reads only the
// batteries above the racks (a few UPS systems, not every rack); the racks are visited when a
// battery starts or stops.
#pragma once

#include "engine/sim/policy_result.hpp"
#include "engine/sim/rack_action.hpp"
#include "models/power/facility.hpp"
#include "models/workload/battery_policy.hpp"

#include <simgrid/kernel/resource/Model.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace aidcsim {

// The loads a run's policies act on.
struct PolicyLoads {
  std::vector<int> it;   // loads with hosts: the cap throttles them
  std::vector<int> job;  // loads that hold the job's ranks: their batteries time the checkpoint
  std::vector<int> shed; // the racks of the workload shed first
};

class BatteryPolicyRun : public simgrid::kernel::resource::Model {
public:
  BatteryPolicyRun(const workload::BatteryPolicySpec& spec, const power::Facility& facility,
                   const PolicyLoads& loads, double checkpoint_write_s, double end_s);

  // The job checkpoints now (AiRun::checkpoint_now): true if a write started.
  std::function<bool(double now)> checkpoint;
  // Load `load`'s hosts go to their lowest pstate, or back (FacilityClock::set_capped).
  std::function<void(int load, bool capped, double now)> cap;
  // Load `load`'s hosts are turned off, or back on (FacilityClock::set_shed).
  std::function<void(int load, bool shed, double now)> shed;

  // After every change of the facility at time t.
  void observe(double t);
  PolicyResult result(double end_s) const;

  double next_occurring_event(double now) override;
  void update_actions_state(double now, double delta) override;

private:
  void batteries_changed(double t);
  void plan_last_checkpoint(double t);
  void try_checkpoint(double t);
  double job_runtime_s() const; // the shortest of the job's batteries that carry
  void fire(double t);
  double on_battery_since(const std::vector<int>& nodes) const; // NaN when none carries
  const workload::BatteryPolicySpec spec_;
  const power::Facility& facility_;
  double write_s_, end_s_;
  std::vector<int> storage_;     // storage nodes above any load a policy watches
  std::vector<double> since_;    // per graph node: on battery since, NaN otherwise
  std::vector<int> job_storage_; // storage nodes above the job's racks
  std::optional<RackAction> cap_, shed_;
  double checkpoint_due_, job_since_, next_due_;
  double last_due_, racks_next_due_; // the write before the battery is empty; the racks' next
  bool last_done_ = false;           // in this time on battery
  PolicyResult figures_;
};

} // namespace aidcsim
