// Binds the power dynamics (models/dynamics/) to a run: what a training job's accelerators draw
// in each of its states, added to the racks' power, and what the facility's sources see of it.
//
// SimGrid's hosts keep the job's accelerators busy at full power (full_load.hpp) whatever the
// job does. With power dynamics each rack's IT power is its hosts' power plus, for each of the
// job's ranks on it that is on,
//
//   computing       the step's mean as the accelerator draws it (step_swing.hpp: the smoothing's
//                   cost and the rack storage's losses included) less busy power
//   checkpointing   idle + checkpoint_power x (busy - idle), less busy power
//   restarting, waiting   idle less busy power
//
// at the rack's pstate (a throttled rack draws the same shares of its throttled busy power).
// The adjustment is closed form per rack, so a state change of a job on 1,400 racks costs 1,400
// sums and one settle of the facility, not a read of 100,000 hosts. The run's IT energy takes the
// adjustment's integral. Membership is the job's first ranks: a spare that joins the job stays at
// its SimGrid power (as without dynamics).
//
// The job's step swing is never simulated step by step: between two events each rack swings in
// closed form, and the SwingMonitor (swing_monitor.hpp) reads what every source and UPS carries of
// it from the power chain after each change of the facility.
#pragma once

#include "engine/input/scenario.hpp"
#include "models/dynamics/swing_monitor.hpp"
#include "models/workload/training_job.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace simgrid::s4u {
class Host;
}

namespace aidcsim {

struct DynamicsResult {
  bool present = false;
  bool step_measured = false;
  dynamics::AcceleratorPower accelerator; // W
  int job_accelerators = 0;
  double step_s = 0, compute_window_s = 0; // the smoothed step
  double natural_high_w = 0, natural_low_w = 0, natural_mean_w = 0;
  double high_w = 0, low_w = 0, mean_w = 0; // as the rack passes it on
  double smoothing_energy_cost_j = 0;       // per step and accelerator, the driver's smoothing
  double work_rate = 1;                     // the smoothing's ramp-up stretch
  double rack_storage_loss_w = 0;           // per accelerator while computing
  double rack_storage_discharged_j = 0;     // per step and accelerator
  // The whole job at full size, as its racks pass it on, and unsmoothed.
  double job_swing_kw = 0, job_natural_swing_kw = 0, job_fundamental_kw = 0, frequency_hz = 0;
  double it_energy_adjust_kwh = 0;        // added to the hosts' energy
  double rack_storage_discharged_kwh = 0; // over the run
  double computing_s = 0;                 // time the job computed at full speed with power on
  bool staged = false;                    // policies: staged_restart
  long staged_restarts = 0;               // returns to computing brought up in stages
  double staging_s = 0;                   // time in those stages (no work done)
  std::vector<dynamics::MonitoredNode> nodes;
  std::vector<dynamics::NodeFigures> figures;
  std::vector<long> trips; // per node: trips its steps beyond acceptance caused (genset plants)
  double facility_storage_discharged_kwh = 0, facility_storage_loss_kwh = 0;
  std::vector<dynamics::WavePoint> wave; // one accelerator's step as its rack passes it on
  // Amplitudes of the job's first harmonics (n / step), as its racks pass it on and unsmoothed.
  std::vector<double> harmonics_kw, natural_harmonics_kw;
};

class PowerDynamicsRun {
public:
  // `ranks`: the job's hosts; `hosts_of_load`: the facility's loads' hosts (empty without a
  // facility); `facility`: null without one.
  PowerDynamicsRun(const Scenario& scenario, std::vector<simgrid::s4u::Host*> ranks,
                   const std::vector<std::vector<simgrid::s4u::Host*>>& hosts_of_load,
                   const power::Facility* facility);

  // The job's step was measured at `now`: the dynamics start (before, the ranks run the probe).
  void set_step(const workload::StepTime& step, double now);
  // The job's state at `now` (every change, and more).
  void job_state(workload::TrainingJob::Phase phase, double now);
  // A load's hosts went off or on, throttled or back to full speed.
  void hosts_state(int load, bool on, double now);
  void hosts_throttle(int load, bool throttled, double now);

  // The job's work rate at full speed under the accelerators' smoothing (1 before the step), and
  // 0 while a staged restart holds it below its computing power.
  double work_rate() const { return staging() ? 0.0 : swing_ ? swing_->work_rate : 1.0; }

  // Staged restart (policies: staged_restart): when the job returns to computing while genset
  // plants carry it, its accelerators come up in the stages each plant accepts (the plant with the
  // most stages sets them: load_acceptance.hpp, staged_reload), each held for the plant's recovery
  // time at a flat draw that does not count as work. `schedule_stage(t)` asks for stage_due(t);
  // `on_work_rate(rate, now)` passes the job's rate on when a staging starts or ends.
  void set_staged_restart(bool on) { staged_ = on; }
  std::function<void(double at)> schedule_stage;
  std::function<void(double rate, double now)> on_work_rate;
  void stage_due(double now);
  // Watts to add to load l's hosts' power now.
  double adjust_w(int load) const;
  // Called with the loads whose adjustment changed.
  std::function<void(const std::vector<int>&)> on_adjusted;
  // After every change of the facility at time t (without a facility, the binding observes the
  // job's own draw as one node, "job", at each of its changes).
  void observe(double t);
  // A genset plant (graph node) whose acceptance trips it took a step of the job beyond it at the
  // last observation: the binding trips it (power::Facility::request_trip).
  std::function<void(int node)> trip_plant;
  // The UPS batteries on battery drain at their load's Peukert equivalent (peukert_load.hpp):
  // called with (graph node, factor over the mean) whenever a factor changes.
  std::function<void(const std::vector<std::pair<int, double>>&)> set_discharge_factors;
  // The detailed trace of [from_s, to_s] (swing_monitor.hpp), written by write_trace.
  void set_detail_window(double from_s, double to_s) {
    detail_from_ = from_s;
    detail_to_ = to_s;
  }
  // time_s,node,kind,power_kw rows after `preamble`; throws OutputError.
  void write_trace(const std::string& path, const std::string& preamble) const;
  void finish(double t);
  DynamicsResult result() const;

private:
  double phase_w(bool throttled) const { return state_w(phase_, throttled); } // one rank's draw now
  double state_w(workload::TrainingJob::Phase phase, bool throttled) const;
  bool staging() const { return stage_ < stage_fractions_.size(); }
  std::vector<double> plan_stages(workload::TrainingJob::Phase from);
  void start_stage(std::size_t k, double now);
  bool staged_ = false;
  std::vector<double> stage_fractions_; // of the way from the last state's draw to computing
  std::size_t stage_ = 0;               // staging while below stage_fractions_.size()
  double stage_from_w_ = 0, stage_w_ = 0, stage_recovery_s_ = 0;
  long staged_restarts_ = 0;
  double staging_s_ = 0;
  void changed(double now, const std::vector<int>& loads);
  void set_load_flag(std::vector<char>& flags, int load, bool value, double now);
  void integrate(double now);
  const Scenario& scenario_;
  const power::Facility* facility_;
  std::vector<int> ranks_of_load_; // per load; without a facility, one group of every rank
  std::vector<int> job_loads_;
  std::vector<char> on_, throttled_;
  dynamics::AcceleratorPower full_, throttled_power_;
  std::optional<dynamics::StepSwing> swing_;
  double computing_w_ = 0, rack_loss_w_ = 0, rack_discharged_j_ = 0; // per accelerator
  dynamics::PowerWave rack_wave_ = dynamics::PowerWave::constant(1, 0);
  workload::TrainingJob::Phase phase_ = workload::TrainingJob::Phase::computing;
  bool active_ = false;
  double rank_adjust_full_w_ = 0, rank_adjust_throttled_w_ = 0; // one rank's, as of the last change
  double total_adjust_w_ = 0, last_t_ = 0, adjust_j_ = 0, computing_s_ = 0, swinging_ranks_ = 0;
  std::unique_ptr<dynamics::SwingMonitor> monitor_;
  std::vector<int> monitored_node_; // graph node of each monitored node
  std::vector<double> job_now_, job_prev_, job_at_instant_, out_prev_, out_at_instant_;
  std::vector<double> scratch_, swinging_, carried_, job_carried_, out_now_;
  std::vector<dynamics::NodeView> view_;
  double instant_t_ = -1;
  // The job's draw per rank (kW) at full speed and throttled, and the epoch of the loads' flags
  // (on, throttled) it applies to: while the flags stand, every load's draw is its ranks times
  // one of the two, so what each node carries of a change is a sum of two fixed flows.
  struct RankDraw {
    double full_kw = 0, throttled_kw = 0;
    long flags = -1;
  };
  RankDraw prev_, at_instant_;
  long flags_epoch_ = 0;
  long basis_settles_ = -1, basis_flags_ = -1;
  std::vector<double> basis_full_, basis_throttled_; // per graph node: the two flows of one kW a rank
  void refresh_basis();
  void carried_since_instant(const RankDraw& now);
  void update_discharge_factors();
  void trip_plants_beyond();
  // The cooling loads whose draw follows the racks' heat (pumps, heat rejection: a COP), their
  // draws at the last observation and at the instant's start, and what each node carries of their
  // change since (NodeView::following_kw).
  std::vector<int> following_loads_;
  std::vector<double> following_prev_, following_at_instant_, following_now_, following_carried_;
  void carry_following(bool new_instant);
  std::vector<long> beyond_seen_;        // per monitored node
  std::vector<double> peukert_;          // per monitored node: its battery's exponent (0: none)
  std::vector<double> discharge_factor_; // per monitored node, as last set
  std::vector<std::pair<int, double>> factor_changes_;
  double ranks_full_ = 0, ranks_throttled_ = 0; // the job's ranks on loads that are on, by pstate
  double computing_since_ = 0;                  // the job's steps began then (the wave's origin)
  double detail_from_ = 0, detail_to_ = -1;
  void observe_job(double t);
  int job_size_ = 0;
};

} // namespace aidcsim
