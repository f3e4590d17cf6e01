// A window of the day that repeats every day, such as a tariff's peak hours (8 h to 20 h), and the
// time an interval spends in it, in closed form: whatever the interval's length, the cost is that
// of two lookups, so metering it adds no step that grows with the run.
#pragma once

namespace aidcsim::power {

struct DailyWindow {
  double from_s = 0, to_s = 0; // times of day in [0, 86,400); from > to spans midnight
  bool empty() const { return from_s == to_s; }
};

// Seconds of [a, b] (run time, day 0 starting at 0) that fall in the window; 0 when b <= a.
double seconds_in_window(double a, double b, const DailyWindow& w);

} // namespace aidcsim::power
