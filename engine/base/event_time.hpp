// Comparing event times. A clock that jumps by delays (SimGrid's: the previous time plus the delay
// a model returned) lands on an event time up to a few ulps off, so "due" means within a few ulps
// of the clock. The slack is relative to the time itself and stays a few ulps at any horizon: a
// tolerance that grows faster (1e-9 |t| is 31 s at 1,000 years) would let events jump the queue.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace aidcsim {

inline double event_slack_s(double t) {
  return 4 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::fabs(t));
}

} // namespace aidcsim
