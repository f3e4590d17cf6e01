// Full-load workload: every accelerator computes at its full (pstate 0) speed for the whole run.
//
// Model: host i draws P_full,i while busy, so the IT energy over a run of T seconds is
//   E = T * sum_i P_full,i
// and the mean IT power is sum_i P_full,i. The SimGrid energy plugin integrates the same power
// over simulated time; tests compare the two.
#pragma once

#include <vector>

namespace simgrid::s4u {
class Host;
}

namespace aidcsim::workload {

// Closed form of the model above, for tests and reports.
double full_load_energy_j(const std::vector<double>& power_full_w, double duration_s);

// Starts one execution per host sized to last until duration_s at pstate 0, from one actor per
// rack (hosts' "rack" property): jobs are data plus activities, not one actor per accelerator
// (SimGrid holds about 30k actors; 100,008 GPUs are 1,389 racks).
void start_full_load(const std::vector<simgrid::s4u::Host*>& hosts, double duration_s);

// Keeps one rack's hosts at full load until end_s (after they were turned back on).
void start_rack_full_load(const std::vector<simgrid::s4u::Host*>& rack_hosts, double end_s);

} // namespace aidcsim::workload
