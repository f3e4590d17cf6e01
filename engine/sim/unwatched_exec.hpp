// Executions that do not stay subscribed to every host's on/off signal.
//
// SimGrid 3.32's Exec::init (src/s4u/s4u_Exec.cpp) connects a Host::on_state_change callback per
// execution, which fails the execution when one of its hosts turns off. ExecImpl::post disconnects
// it only when the execution did not fail (src/kernel/activity/ExecImpl.cpp:172), so an execution
// ended by its host turning off stays connected, with the execution it holds, for the rest of the
// run; and while they run, the callbacks of every live execution of the cluster are walked at
// every host turning on or off. A rack power cycle then costs more than the one before: 800
// simulated years of one bound NVL72 rack (about 1,400 cycles) took 483 s.
//
// The callback is not needed: turning a host off kills the actors on it (HostImpl::turn_off), and
// a killed actor cancels its executions (ActorImpl::exit), which SimGrid then ends as failed, at
// the same simulated time. An execution started here has its callback disconnected at once.
#pragma once

#include <simgrid/s4u/Exec.hpp>

#include <string>
#include <vector>

namespace simgrid::s4u {
class Host;
}

namespace aidcsim {

struct ExecRequest {
  simgrid::s4u::Host* host;
  double flops;
};

// Starts one execution per request from the calling actor, which must run on a host that turns
// off with all of them (an execution ends when its actor is killed, not when its host turns off
// on its own).
std::vector<simgrid::s4u::ExecPtr> start_unwatched_execs(const std::vector<ExecRequest>& requests,
                                                         const std::string& name);

} // namespace aidcsim
