// The sharing of the fluid model (fluid_flows.hpp) and its time evolution, on flows already
// reduced to their shared links and their own parameters: the engine of simulate_flows, which
// feeds it either every flow or one flow per class (flow_classes.hpp).
#pragma once

#include "models/network/fluid_flows.hpp"

#include <limits>
#include <vector>

namespace aidcsim::network {

struct SharedElement {
  int link;
  double weight;
};

struct SharedFlow {
  double start_s = 0; // when its latency has been paid and it starts sharing
  double bound = std::numeric_limits<double>::infinity(); // bytes/s of sharing value
  double penalty = 0;                                     // its sharing penalty
  double remaining = 0;                                   // bytes
  double bytes = 0;                                       // at the start
  std::vector<SharedElement> elements;
  bool done = false;
};

// Flows start sharing at their start, the sharing is solved, the clock moves to the next start or
// arrival, until every flow has arrived.
FluidResult run_sharing(const std::vector<FluidLink>& links, std::vector<SharedFlow>& flows,
                        const FluidModel& model);

} // namespace aidcsim::network
