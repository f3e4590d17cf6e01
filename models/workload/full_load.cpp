#include "models/workload/full_load.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>

#include <numeric>

namespace aidcsim::workload {

double full_load_energy_j(const std::vector<double>& power_full_w, double duration_s) {
  return duration_s * std::accumulate(power_full_w.begin(), power_full_w.end(), 0.0);
}

void start_full_load(const std::vector<simgrid::s4u::Host*>& hosts, double duration_s) {
  if (hosts.empty())
    return;
  simgrid::s4u::Actor::create("full-load", hosts.front(), [hosts, duration_s]() {
    std::vector<simgrid::s4u::ExecPtr> execs;
    execs.reserve(hosts.size());
    for (simgrid::s4u::Host* h : hosts) {
      h->set_pstate(0);
      execs.push_back(simgrid::s4u::Exec::init()
                          ->set_host(h)
                          ->set_flops_amount(h->get_pstate_speed(0) * duration_s)
                          ->set_name("full-load")
                          ->start());
    }
    for (auto& e : execs)
      e->wait();
  });
}

} // namespace aidcsim::workload
