// A run's progress on the terminal: simulated time of the whole, events per second and the time
// left, redrawn in place about twice a second once the run has taken 2 s (a short run prints
// nothing). The run calls tick() at each event; the clock is read once in 4096 calls, so the
// meter costs nothing measurable (a counter and a branch).
#pragma once

#include <chrono>
#include <cstdint>

namespace aidcsim {

class ProgressMeter {
public:
  // `end_s`: the simulated time the run ends at. A disabled meter never prints.
  ProgressMeter(double end_s, bool enabled);
  ~ProgressMeter() { finish(); }
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  void tick(double now_s) {
    if (enabled_ && (++events_ & 4095U) == 0)
      check(now_s);
  }
  // Clears the line, if one was drawn.
  void finish();

private:
  void check(double now_s);
  double end_s_;
  bool enabled_;
  bool drawn_ = false;
  std::uint64_t events_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

} // namespace aidcsim
