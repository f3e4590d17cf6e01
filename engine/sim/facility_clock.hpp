// Binds the facility's event core to SimGrid's clock as a kernel resource model: SimGrid asks the
// model for the delay to its next event (closed form, from the components) and jumps there, the
// way its own CPU and network models report their next completion. No actor and no context
// switch per event: a run of many simulated years stays a tight loop inside SimGrid's engine.
//
// When a rack of the facility loses power, its SimGrid hosts (those whose "rack" property is the
// rack's platform_rack) are turned off, killing the actors on them (a step being measured) and
// drawing their off power; when its boot delay has passed after power returns, they are turned back
// on, and those the workload keeps busy draw full power again (full_load.hpp). A rack whose chips throttle
// runs its hosts at their lowest pstate; a thermal shutdown turns them off until the loop has cooled.
#pragma once

#include "engine/sim/host_power_watch.hpp"
#include "models/power/facility.hpp"

#include <simgrid/kernel/resource/Model.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <functional>
#include <memory>
#include <vector>

namespace aidcsim {

class FacilityClock : public simgrid::kernel::resource::Model {
public:
  // `hosts_of_load[l]`: the SimGrid hosts fed by load l (empty for non-IT loads).
  FacilityClock(power::Facility& facility, double end_s,
                std::vector<std::vector<simgrid::s4u::Host*>> hosts_of_load);

  // Racks take their IT power from their hosts (SimGrid's energy plugin), read whenever SimGrid's
  // clock stops for the racks whose hosts may have changed (HostPowerWatch); otherwise they draw
  // their declared load.
  void use_host_power();

  // True while the workload has executions whose end SimGrid does not signal (a step being
  // measured, HostPowerWatch): every rack is read at each stop meanwhile.
  std::function<bool()> read_every_rack;

  // Called once when the run starts, after the hosts' power was first read (the timeline starts).
  std::function<void()> on_start;

  // Called when a load's hosts go off (`thermal`: for a thermal shutdown) or come back on, and when
  // they throttle or return to full speed, with SimGrid's time.
  std::function<void(int load, bool on, bool thermal, double now)> on_hosts_state;
  std::function<void(int load, bool throttled, double now)> on_hosts_throttle;

  // Called with a load's hosts each time they are turned back on (the workload resumes there).
  std::function<void(const std::vector<simgrid::s4u::Host*>&)> on_hosts_on;

  // Power dynamics (power_dynamics_run.hpp): watts to add to a load's hosts' power (a training
  // job's state, which SimGrid's hosts do not show), and the loads whose addition changed: they are
  // read again at the next stop, all at once, from their hosts' last sums.
  std::function<double(int load)> it_adjust_w;
  void mark_adjusted(const std::vector<int>& loads);
  // Called after every change of the facility (an event, new rack powers) with its time.
  std::function<void(double t)> on_change;

  // A policy caps load l's hosts at their lowest pstate (battery_policy_run.hpp), or lifts the cap;
  // a rack runs throttled while capped or thermally throttled.
  void set_capped(int load, bool capped, double now);
  // A policy turns load l's hosts off (shed), or back on; they run only while not shed.
  void set_shed(int load, bool shed, double now);

  // Reports, through on_hosts_state, the loads already off before the callback was set.
  void sync_hosts_state();

  double next_occurring_event(double now) override;
  void update_actions_state(double now, double delta) override;
  bool finished() const { return finished_; }

private:
  power::Facility& facility_;
  double end_s_;
  bool finished_ = false;
  std::unique_ptr<HostPowerWatch> host_power_;
  bool started_ = false;
  void read_host_power(double now);
  void apply_adjusted(const std::vector<int>& host_changed, double t);
  double hosts_w(int load) const; // what load's hosts draw now (SimGrid's energy plugin)
  std::vector<double> host_w_;    // per load: its hosts' power at the last read
  std::vector<char> adjusted_;    // per load: marked by mark_adjusted since the last read
  std::vector<int> adjusted_list_;
  std::vector<std::pair<int, double>> adjusted_kw_; // the loads' new power, kept between reads
  std::vector<std::vector<simgrid::s4u::Host*>> hosts_of_load_;
  // Per load: has power and has booted (so may run), and is not thermally shut down.
  std::vector<char> ready_, thermal_ok_, reported_on_;
  std::vector<char> thermal_throttled_, capped_, shed_; // per load
  void apply_throttle(int load, double now);
  double now_ = 0;
  void apply_hosts_state(int load);
};

} // namespace aidcsim
