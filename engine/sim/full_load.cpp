#include "engine/sim/full_load.hpp"

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

void start_rack_full_load(const std::vector<simgrid::s4u::Host*>& rack_hosts, double end_s) {
  if (rack_hosts.empty())
    return;
  simgrid::s4u::Actor::create("full-load", rack_hosts.front(), [rack_hosts, end_s]() {
    const double remaining_s = end_s - simgrid::s4u::Engine::get_clock();
    if (remaining_s <= 0)
      return;
    std::vector<simgrid::s4u::ExecPtr> execs;
    for (simgrid::s4u::Host* h : rack_hosts) {
      if (!h->is_on())
        continue;
      execs.push_back(simgrid::s4u::Exec::init()
                          ->set_host(h)
                          ->set_flops_amount(h->get_pstate_speed(0) * remaining_s)
                          ->set_name("full-load")
                          ->start());
    }
    for (auto& e : execs)
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
