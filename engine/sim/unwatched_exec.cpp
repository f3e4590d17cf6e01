#include "engine/sim/unwatched_exec.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/simix.hpp>

namespace aidcsim {

namespace sg4 = simgrid::s4u;

namespace {

// The id the signal gives a callback connected now (its ids are a sequence, xbt/signal.hpp).
unsigned int take_state_change_id() {
  const unsigned int id = sg4::Host::on_state_change.connect([](const sg4::Host&) {});
  sg4::Host::on_state_change.disconnect(id);
  return id;
}

} // namespace

std::vector<sg4::ExecPtr> start_unwatched_execs(const std::vector<ExecRequest>& requests,
                                                const std::string& name) {
  std::vector<sg4::ExecPtr> execs;
  execs.reserve(requests.size());
  const unsigned int before = take_state_change_id();
  for (std::size_t i = 0; i < requests.size(); ++i)
    execs.push_back(sg4::Exec::init());
  const unsigned int after = take_state_change_id();
  // Exactly one connection per execution in between is Exec::init's own; any other count (a
  // SimGrid that connects none, or more) leaves the signal as it is.
  const auto n = static_cast<unsigned int>(requests.size());
  if (after == before + n + 1)
    for (unsigned int id = before + 1; id < after; ++id)
      sg4::Host::on_state_change.disconnect(id);
  // One call into the kernel for all of them, not one per setter and execution (set_host,
  // set_flops_amount and start are each a simcall from an actor, s4u_Exec.cpp); inside it, each
  // runs directly (simgrid/simix.hpp: simcall_answered takes the fast path in maestro).
  simgrid::kernel::actor::simcall_answered([&execs, &requests, &name] {
    for (std::size_t i = 0; i < requests.size(); ++i)
      execs[i]->set_host(requests[i].host)->set_flops_amount(requests[i].flops)->set_name(name)->start();
  });
  return execs;
}

} // namespace aidcsim
