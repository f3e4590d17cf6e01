// Flows that start together on shared links, as SimGrid 3.32's default network model (LV08, with
// cross traffic) shares them: the time until the last one has arrived, computed without SimGrid.
//
// The model (src/surf/network_cm02.cpp, src/kernel/lmm/maxmin.cpp in SimGrid 3.32):
//   - a flow first waits its route's latency times 13.01 (network/latency-factor);
//   - it then takes part in a weighted max-min sharing: each link is a constraint of its bandwidth
//     (bytes/s), a flow loads the links of its route with weight 1 and those of the reverse route
//     with weight 0.05 (network/crosstraffic), and its sharing penalty is its route's latency plus
//     20537 / bandwidth summed over the route's links (network/weight-S); at a bottleneck, flows
//     get shares inversely proportional to their penalties;
//   - each flow is bounded by its route's narrowest link and by the TCP window, 4194304 bytes over
//     twice the route's latency (network/TCP-gamma);
//   - it moves 0.97 (network/bandwidth-factor) of the rate the sharing gives it.
// Rates change only when a flow starts sharing or arrives: between those instants the sharing is
// solved once, in closed form. Flows and links that the sharing cannot tell apart (flow_classes.hpp)
// are solved once per class, so the cost is a few passes over the flows' links to find the classes
// plus the number of such instants times the classes' links.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aidcsim::network {

struct FluidLink {
  double bandwidth_Bps = 0; // bytes per second
  double latency_s = 0;
  bool fatpipe = false; // a FATPIPE link bounds each flow alone, it is not shared
};

struct FluidFlow {
  double bytes = 0;
  std::vector<int> route; // indices into the links, in route order
  std::vector<int> back;  // the reverse route (loaded at 5 % by cross traffic)
};

// Many flows in one block of memory (a million flows as FluidFlow would cost two allocations
// each): flow f's route is links[first[f] .. back[f]) and its reverse route links[back[f] ..
// first[f + 1]).
struct FlowTable {
  std::vector<double> bytes;
  std::vector<std::uint32_t> first{0};
  std::vector<std::uint32_t> back;
  std::vector<int> links;
  std::size_t size() const { return bytes.size(); }
  // Appends a flow: its route's links are added by the caller between begin_flow and
  // begin_reverse, its reverse route's between begin_reverse and end_flow.
  void begin_flow(double flow_bytes) { bytes.push_back(flow_bytes); }
  void begin_reverse() { back.push_back(static_cast<std::uint32_t>(links.size())); }
  void end_flow() { first.push_back(static_cast<std::uint32_t>(links.size())); }
};

struct FluidModel {
  double latency_factor = 13.01;
  double bandwidth_factor = 0.97;
  double weight_s = 20537;
  double tcp_gamma_bytes = 4194304;
  double crosstraffic = 0.05; // 0 turns cross traffic off
  // Solve once per class of flows the sharing cannot tell apart (flow_classes.hpp); when the
  // classes are not found within this much work (passes over the flows' links), every flow is
  // solved.
  bool by_classes = true;
  double class_passes = 64;
};

struct FluidResult {
  double last_arrival_s = 0;    // when the last flow has arrived (0 without flows)
  std::size_t solves = 0;       // how many times the sharing was solved
  std::size_t flows = 0;        // flows given
  std::size_t solved_flows = 0; // flows solved: one per class, or every flow
  int class_rounds = 0;         // refinement rounds run (0: classes not sought)
  double class_passes = 0;      // the refinement's work, in passes over the flows' links
};

// All flows start at time 0. Flows of zero bytes arrive at once.
// The table is taken (moved in) so that its memory is freed once the flows are read.
FluidResult simulate_flows(const std::vector<FluidLink>& links, FlowTable flows,
                           const FluidModel& model = {});
FluidResult simulate_flows(const std::vector<FluidLink>& links, const std::vector<FluidFlow>& flows,
                           const FluidModel& model = {});

} // namespace aidcsim::network
