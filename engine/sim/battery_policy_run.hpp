// Binds the battery policies (models/workload/battery_policy.hpp) to a run: after every change of
// the facility it reads which UPS batteries carry load, and when a training job's racks have been
// on battery for the policy's `after`, it asks the job to checkpoint (if the battery outlasts the
// write) or caps the racks on battery at their lowest pstate until their UPS has its input back. Before the
// job's battery is empty it checkpoints once more (`before_empty`), planned again at every change of what the
// battery carries.
//
// A SimGrid model like the facility's clock (facility_clock.hpp): the `after` delays are its own
// events, in closed form. Per change of the facility it reads only the batteries above the racks
// (a few UPS systems, not every rack); the racks are visited when a battery starts or stops.
#pragma once

#include "engine/sim/policy_result.hpp"
#include "models/power/facility.hpp"
#include "models/workload/battery_policy.hpp"

#include <simgrid/kernel/resource/Model.hpp>

#include <functional>
#include <vector>

namespace aidcsim {

class BatteryPolicyRun : public simgrid::kernel::resource::Model {
public:
  // `it_loads`: the loads whose hosts the cap may throttle; `job_loads`: those that hold the job's
  // ranks (for the checkpoint).
  BatteryPolicyRun(const workload::BatteryPolicySpec& spec, const power::Facility& facility,
                   const std::vector<int>& it_loads, const std::vector<int>& job_loads,
                   double checkpoint_write_s, double end_s);

  // The job checkpoints now (AiRun::checkpoint_now): true if a write started.
  std::function<bool(double now)> checkpoint;
  // Load `load`'s hosts go to their lowest pstate, or back (FacilityClock::set_capped).
  std::function<void(int load, bool capped, double now)> cap;

  // After every change of the facility at time t.
  void observe(double t);
  PolicyResult result(double end_s) const;

  double next_occurring_event(double now) override;
  void update_actions_state(double now, double delta) override;

private:
  void batteries_changed(double t);
  void batteries_changed_racks(double t);
  void plan_last_checkpoint(double t);
  void try_checkpoint(double t);
  double job_runtime_s() const; // the shortest of the job's batteries that carry
  void fire(double t);
  double on_battery_since(const std::vector<int>& nodes) const; // NaN when none carries
  void set_capped(int load, bool capped, double t);
  const workload::BatteryPolicySpec spec_;
  const power::Facility& facility_;
  double write_s_, end_s_;
  std::vector<int> storage_;            // storage nodes above any IT load
  std::vector<double> since_;           // per graph node: on battery since, NaN otherwise
  std::vector<int> cap_loads_;          // the loads the cap may throttle
  std::vector<std::vector<int>> above_; // per cap load: the storage nodes above it
  std::vector<int> job_storage_;        // storage nodes above the job's racks
  std::vector<double> cap_due_;         // per cap load: when it is capped (inf: not on battery)
  std::vector<char> capped_;            // per cap load
  std::vector<double> capped_since_;    // per cap load
  double checkpoint_due_, job_since_, next_due_;
  double last_due_, cap_next_due_; // the write before the battery is empty; the next cap
  bool last_done_ = false;         // in this time on battery
  PolicyResult figures_;
};

} // namespace aidcsim
