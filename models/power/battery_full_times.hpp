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

#include <utility>
#include <vector>

namespace aidcsim::power {

struct BatteryFull {
  double time_s;
  int node; // the UPS's graph node
};

class BatteryFullTimes {
public:
  explicit BatteryFullTimes(const PowerChain& chain);

  // The UPS batteries that become full after the chain's now and before `until` (or at it too,
  // with `inclusive`), at constant flows, in time order and node order at equal times. The list
  // lasts until the next call (its storage is reused: this runs at every event).
  const std::vector<BatteryFull>& before(double until, bool inclusive);

private:
  void find_recharging();

  const PowerChain& chain_;
  std::vector<int> ups_nodes_;
  std::vector<std::pair<int, UpsBattery>> recharging_; // copies, stepped to the instants
  std::vector<BatteryFull> full_;
};

} // namespace aidcsim::power
