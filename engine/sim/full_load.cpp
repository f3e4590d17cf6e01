#include "engine/sim/full_load.hpp"
#include "engine/sim/simgrid_platform.hpp"
#include "engine/sim/unwatched_exec.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>

#include <algorithm>
#include <numeric>

namespace aidcsim::workload {

double full_load_energy_j(const std::vector<double>& power_full_w, double duration_s) {
  return duration_s * std::accumulate(power_full_w.begin(), power_full_w.end(), 0.0);
}

namespace {

// A driver only starts executions and sleeps: SimGrid's default 8 MiB stack is not needed.
constexpr unsigned driver_stack_kib = 64; // Actor::set_stacksize takes KiB (s4u_Actor.cpp)

// Twice what the host can compute by end_s at its fastest pstate: the execution never ends on its
// own (its driver cancels it at end_s by ending), so no completion is ever posted. One that ended
// exactly at end_s would be taken out of its driver's list of activities one at a time, a walk
// of that list each (ExecImpl::post): quadratic in the hosts.
double never_ending_flops(const simgrid::s4u::Host* h, double remaining_s) {
  double fastest = 0;
  for (unsigned long p = 0; p < h->get_pstate_count(); ++p)
    fastest = std::max(fastest, h->get_pstate_speed(p));
  return 2 * fastest * remaining_s;
}

} // namespace

void FullLoad::start(const std::vector<simgrid::s4u::Host*>& hosts) {
  if (!hosts.empty())
    drive(hosts);
}

void FullLoad::hosts_on(const std::vector<simgrid::s4u::Host*>& hosts) {
  std::vector<simgrid::s4u::Host*> now_on;
  for (simgrid::s4u::Host* h : hosts)
    if (waiting_.erase(h) > 0)
      now_on.push_back(h);
  if (!now_on.empty())
    drive(std::move(now_on));
}

// The hosts' state is read when the driver runs, not when it is created: a facility may turn hosts
// off at time 0 after a workload asked for them, before the engine runs.
void FullLoad::drive(std::vector<simgrid::s4u::Host*> hosts) {
  simgrid::s4u::Actor::init("full-load", driver_host())
      ->set_stacksize(driver_stack_kib)
      ->start([this, hosts = std::move(hosts)]() {
        const double remaining_s = end_s_ - simgrid::s4u::Engine::get_clock();
        if (remaining_s <= 0)
          return;
        std::vector<ExecRequest> requests;
        requests.reserve(hosts.size());
        for (simgrid::s4u::Host* h : hosts) {
          if (h->is_on())
            requests.push_back({h, never_ending_flops(h, remaining_s)});
          else // an action started on a CPU that is off fails at once (CpuCas01Action)
            waiting_.insert(h);
        }
        if (requests.empty())
          return;
        // Ending cancels them all (ActorImpl::cleanup_from_self), at end_s.
        start_unwatched_execs(requests, "full-load");
        simgrid::s4u::this_actor::sleep_until(end_s_);
      });
}

} // namespace aidcsim::workload
