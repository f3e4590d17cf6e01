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
// The callback is not needed. An execution started here ends with the actor that started it:
// - started by an actor on its own host (the step probe's rack helpers), it ends when that host turns
//   off, which kills the actor (HostImpl::turn_off); a killed actor cancels its executions
//   (ActorImpl::exit), which SimGrid ends as failed, at the same simulated time;
// - started by the full-load driver, which runs outside every rack (full_load.hpp), it lasts through
//   its host's power losses, while the energy plugin counts the host's off power.
// Either way its callback is disconnected at once.
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

// Starts one execution per request from the calling actor. An execution ends when its actor ends or
// is killed, not when its host turns off on its own (see above).
std::vector<simgrid::s4u::ExecPtr> start_unwatched_execs(const std::vector<ExecRequest>& requests,
                                                         const std::string& name);

} // namespace aidcsim
