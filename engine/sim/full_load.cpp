#include "engine/sim/full_load.hpp"
#include "engine/sim/unwatched_exec.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>

#include <map>
#include <numeric>
#include <string>

namespace aidcsim::workload {

double full_load_energy_j(const std::vector<double>& power_full_w, double duration_s) {
  return duration_s * std::accumulate(power_full_w.begin(), power_full_w.end(), 0.0);
}

// The rack actor only starts and waits for executions; SimGrid allocates (and on a power loss
// frees) its default 8 MiB stack per actor, most of a rack power cycle's cost.
constexpr unsigned kFullLoadStackKib = 64; // Actor::set_stacksize takes KiB (s4u_Actor.cpp)

void start_rack_full_load(const std::vector<simgrid::s4u::Host*>& rack_hosts, double end_s) {
  if (rack_hosts.empty())
    return;
  simgrid::s4u::Actor::init("full-load", rack_hosts.front())
      ->set_stacksize(kFullLoadStackKib)
      ->start([rack_hosts, end_s]() {
        const double remaining_s = end_s - simgrid::s4u::Engine::get_clock();
        if (remaining_s <= 0)
          return;
        std::vector<ExecRequest> requests;
        for (simgrid::s4u::Host* h : rack_hosts)
          if (h->is_on())
            requests.push_back({h, h->get_pstate_speed(0) * remaining_s});
        const auto execs = start_unwatched_execs(requests, "full-load");
        for (const auto& e : execs)
          e->wait();
      });
}

void start_full_load(const std::vector<simgrid::s4u::Host*>& hosts, double duration_s) {
  // One actor per rack, on a host of that rack: a rack that loses power loses its actor and its
  // executions together; whoever turns the rack back on starts it again (start_rack_full_load).
  // (Not SimGrid's auto-restart: in 3.32 it slows down with every off/on cycle.)
  std::map<std::string, std::vector<simgrid::s4u::Host*>> racks;
  for (simgrid::s4u::Host* h : hosts) {
    const char* rack = h->get_property("rack");
    racks[rack != nullptr ? rack : ""].push_back(h);
  }
  for (const auto& [rack, members] : racks)
    start_rack_full_load(members, duration_s);
}

} // namespace aidcsim::workload
