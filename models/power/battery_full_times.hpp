// When UPS batteries become full again between two events, for the timeline.
//
// Nothing in a run depends on that instant, so no event marks it (a timeline run does the same
// events as a run without one); the timeline still shows it, as the row "online" with a state of
// charge of 1. Its time is the one an event there would have had: the closed form now +
// time_until_full_s() from the state at the last event, as the battery reads it. Late in a long
// run that sum is rounded to a coarse clock (5e-4 s at 3e12 s), which can leave the battery a
// residue short of full at that instant; an event there would then have been followed by one
// more, each computed afresh from the state it left (one ulp later when the residue's time rounds
// to nothing). The batteries of several UPSs step together, as they would through such events.
#pragma once

#include "models/power/power_chain.hpp"

#include <vector>

namespace aidcsim::power {

struct BatteryFull {
  double time_s;
  int node; // the UPS's graph node
};

// The UPS batteries that become full after the chain's now and before `until` (or at it too, with
// `inclusive`), at constant flows, in time order and node order at equal times.
std::vector<BatteryFull> battery_full_times(const PowerChain& chain, double until, bool inclusive);

} // namespace aidcsim::power
