#include "models/power/daily_window.hpp"

#include "engine/base/units.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {
namespace {

// Seconds of [0, x] in the window [from, to) of each day (from < to).
double in_window_until(double x, double from, double to) {
  const double day = units::seconds_per_day;
  const double days = std::floor(x / day);
  const double rest = x - days * day;
  return days * (to - from) + std::clamp(rest - from, 0.0, to - from);
}

} // namespace

double seconds_in_window(double a, double b, const DailyWindow& w) {
  if (b <= a || w.empty())
    return 0;
  if (w.from_s < w.to_s)
    return in_window_until(b, w.from_s, w.to_s) - in_window_until(a, w.from_s, w.to_s);
  // Across midnight: all of the interval but its part in the window's complement [to, from).
  return (b - a) - (in_window_until(b, w.to_s, w.from_s) - in_window_until(a, w.to_s, w.from_s));
}

} // namespace aidcsim::power
