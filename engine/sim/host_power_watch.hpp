// Which racks' hosts may draw a different power since they were last read.
//
// A bound rack takes its IT power from its hosts (SimGrid's energy plugin). Summing every host of
// every rack each time SimGrid's clock stops costs the cluster's size per event (100,008 hosts on
// 1,389 NVL72 racks, at every facility and workload event); a host's power changes only when it
// turns on or off, changes pstate, or starts, ends, suspends or resumes an execution, and each of
// those fires a SimGrid signal (s4u::Host::on_state_change and on_speed_change, s4u::Exec::on_start,
// s4u::Activity::on_completion, on_suspended and on_resumed). The watch marks the rack of the host
// each one names, so a read sums only the racks that changed.
//
// One change has no signal: an execution that ends while no actor waits for it (SimGrid reports
// the completion only to a waiter, s4u_Activity.cpp). The workloads here wait for all their
// executions at once only while measuring a step; the clock reads every rack during that time.
#pragma once

#include <unordered_map>
#include <vector>

namespace simgrid::s4u {
class Activity;
class Host;
} // namespace simgrid::s4u

namespace aidcsim {

class HostPowerWatch {
public:
  explicit HostPowerWatch(const std::vector<std::vector<simgrid::s4u::Host*>>& hosts_of_load);
  ~HostPowerWatch();
  HostPowerWatch(const HostPowerWatch&) = delete;
  HostPowerWatch& operator=(const HostPowerWatch&) = delete;

  // The loads marked since the last call, each once, in increasing order (the order a full read
  // takes); unmarks them.
  std::vector<int> take_changed();
  void mark_all();

private:
  void mark_host(const simgrid::s4u::Host* host);
  void mark_exec_hosts(const simgrid::s4u::Activity& activity);
  void mark(int load);
  std::unordered_map<const simgrid::s4u::Host*, int> load_of_host_;
  std::vector<char> changed_;
  std::vector<int> list_;
  bool all_ = true; // the first read takes every load
  // The signals are static and outlive the engine, and SimGrid 3.32 offers no way to disconnect
  // from the activity ones (on_completion_cb and friends return nothing): the process connects
  // once and forwards to the newest watch (one engine at a time, so one watch in use).
  static void connect_once();
  static HostPowerWatch* current_;
};

} // namespace aidcsim
