#include "models/power/outage_recorder.hpp"

#include "engine/base/units.hpp"

#include <algorithm>

namespace aidcsim::power {

void OutageRecorder::observe(const OutageSigns& signs, bool it_powered) {
  it_loss_onsets_ += it_was_powered_ && !it_powered ? 1 : 0;
  it_was_powered_ = it_powered;
  if (!open_ && signs.grid_down) {
    open_ = true;
    it_lost_ = backup_ = battery_ = false;
  }
  if (!open_)
    return;
  it_lost_ = it_lost_ || !it_powered;
  backup_ = backup_ || signs.backup_running;
  battery_ = battery_ || signs.on_battery;
  if (!signs.grid_down && signs.all_normal && it_powered)
    close_episode();
}

void OutageRecorder::close_episode() {
  if (!open_)
    return;
  open_ = false;
  if (it_lost_)
    ++outcomes_.it_lost;
  else if (backup_)
    ++outcomes_.carried_by_gensets;
  else if (battery_)
    ++outcomes_.bridged_by_ups;
  else
    ++outcomes_.no_impact;
}

void OutageRecorder::close_years_before(long year) {
  while (current_year_ < year) {
    yearly_.add(current_year_min_);
    current_year_min_ = 0;
    ++current_year_;
  }
}

void OutageRecorder::book_it_downtime(double from, double to, double fraction) {
  while (true) {
    const long year = static_cast<long>(from / units::seconds_per_year);
    close_years_before(year);
    const double year_end = static_cast<double>(year + 1) * units::seconds_per_year;
    const double until = std::min(to, year_end);
    if (fraction > 0)
      current_year_min_ += fraction * (until - from) / 60.0;
    if (to <= year_end)
      return;
    from = year_end;
  }
}

void OutageRecorder::finish(double t) {
  close_episode();
  close_years_before(static_cast<long>(t / units::seconds_per_year + 1e-9));
}

} // namespace aidcsim::power
