// Full-load workload: every accelerator computes at its full (pstate 0) speed whenever it has power.
//
// Model: host i draws P_full,i while on and busy, so the IT energy over a run of T seconds with no
// power loss is
//   E = T * sum_i P_full,i
// and the mean IT power is sum_i P_full,i. The SimGrid energy plugin integrates the same power
// over simulated time; tests compare the two.
//
// Binding: one execution per busy host, started by an actor on the driver host (simgrid_platform.hpp),
// which lives outside every rack and sleeps until the run's end. A rack's power loss turns its
// hosts off; their executions go on (they are unwatched, unwatched_exec.hpp, and SimGrid's CPU
// model fails an action only when it starts on a CPU that is off, cpu_cas01.cpp), and the energy
// plugin counts the hosts' off power meanwhile (HostEnergy::get_current_watts_value returns
// watts_off for a host that is off). Back on, they draw full power again at once. A power cycle is
// two host state changes per host: no actor is killed or created, no execution ends or starts
// (when each cycle killed the rack's actor and started 72 new executions, a cycle took 126 us of
// SimGrid's actor and activity setup).
#pragma once

#include <unordered_set>
#include <vector>

namespace simgrid::s4u {
class Host;
}

namespace aidcsim::workload {

// Closed form of the model above, for tests and reports.
double full_load_energy_j(const std::vector<double>& power_full_w, double duration_s);

// The busy hosts of one run, from when each starts until end_s. Needs the driver host, which
// load_simgrid_platform adds; must outlive the engine's run.
class FullLoad {
public:
  explicit FullLoad(double end_s) : end_s_(end_s) {}
  FullLoad(const FullLoad&) = delete;
  FullLoad& operator=(const FullLoad&) = delete;

  // Keeps `hosts` busy from now until end_s, through any power loss of their racks. Before the
  // run or during it. A host that is off when its load begins starts once it is back on.
  void start(const std::vector<simgrid::s4u::Host*>& hosts);

  // Hosts the facility turned back on: the busy ones that were off when their load began start.
  void hosts_on(const std::vector<simgrid::s4u::Host*>& hosts);

private:
  void drive(std::vector<simgrid::s4u::Host*> hosts);
  double end_s_;
  std::unordered_set<const simgrid::s4u::Host*> waiting_; // busy, but off when they were to start
};

} // namespace aidcsim::workload
