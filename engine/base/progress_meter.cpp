#include "engine/base/progress_meter.hpp"

#include <cstdio>

namespace aidcsim {
namespace {

constexpr double quiet_first_s = 2.0; // a run shorter than this shows no line at all
constexpr double redraw_s = 0.5;
constexpr double year_s = 365.0 * 86400.0;

// "12.3 h", "4,560.0 y": simulated time in the unit a person reads it in.
void simulated(char* buf, std::size_t size, double s) {
  if (s >= year_s)
    std::snprintf(buf, size, "%.1f y", s / year_s);
  else if (s >= 86400)
    std::snprintf(buf, size, "%.1f d", s / 86400);
  else if (s >= 3600)
    std::snprintf(buf, size, "%.1f h", s / 3600);
  else
    std::snprintf(buf, size, "%.0f s", s);
}

} // namespace

ProgressMeter::ProgressMeter(double end_s, bool enabled)
    : end_s_(end_s), enabled_(enabled && end_s > 0), start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressMeter::check(double now_s) {
  const auto now = std::chrono::steady_clock::now();
  const double wall = std::chrono::duration<double>(now - start_).count();
  if (wall < quiet_first_s || std::chrono::duration<double>(now - last_draw_).count() < redraw_s)
    return;
  last_draw_ = now;
  const double done = now_s / end_s_;
  char at[32], end[32], eta[32] = "-";
  simulated(at, sizeof at, now_s);
  simulated(end, sizeof end, end_s_);
  if (done > 0)
    std::snprintf(eta, sizeof eta, "%.0f s", wall * (1 - done) / done);
  std::fprintf(stderr, "\r%s of %s simulated (%.1f %%), %.2f M events/s, ETA %s\033[K", at, end, 100 * done,
               static_cast<double>(events_) / wall / 1e6, eta);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressMeter::finish() {
  if (drawn_)
    std::fprintf(stderr, "\r\033[K");
  drawn_ = false;
}

} // namespace aidcsim
