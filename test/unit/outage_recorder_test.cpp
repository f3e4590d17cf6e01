// Outage episodes and yearly IT downtime (models/power/outage_recorder.hpp) from hand-made signs.
#include "engine/base/units.hpp"
#include "models/power/outage_recorder.hpp"

#include <gtest/gtest.h>

using namespace aidcsim::power;

namespace {

OutageSigns signs(bool grid_down, bool all_normal, bool backup, bool battery) {
  OutageSigns s;
  s.grid_down = grid_down;
  s.all_normal = all_normal;
  s.backup_running = backup;
  s.on_battery = battery;
  return s;
}

TEST(OutageRecorder, AnEpisodeCountsByTheWorstThatHappenedInIt) {
  OutageRecorder r;
  r.observe(signs(true, true, false, false), true); // grid lost: UPS not yet on battery
  r.observe(signs(true, false, false, true), true); // switch moving, batteries carry
  r.observe(signs(true, false, true, false), true); // gensets carry
  EXPECT_EQ(r.outcomes().total(), 0);               // still open: the switch is not back
  r.observe(signs(false, false, true, false), true);
  r.observe(signs(false, true, false, false), true); // back to normal: closed
  EXPECT_EQ(r.outcomes().carried_by_gensets, 1);
  EXPECT_EQ(r.outcomes().total(), 1);

  r.observe(signs(true, true, false, true), true);
  r.observe(signs(true, true, false, true), false); // IT lost as well
  r.observe(signs(false, true, false, false), true);
  EXPECT_EQ(r.outcomes().it_lost, 1);

  r.observe(signs(true, true, false, false), true); // another feed carried it
  r.observe(signs(false, true, false, false), true);
  EXPECT_EQ(r.outcomes().no_impact, 1);

  r.observe(signs(true, true, false, true), true); // open at the end: counts as it stands
  r.finish(0);
  EXPECT_EQ(r.outcomes().bridged_by_ups, 1);
  EXPECT_EQ(r.outcomes().total(), 4);
}

TEST(OutageRecorder, DowntimeIsSplitAtYearEndsIntoYearlySamples) {
  constexpr double year = aidcsim::units::seconds_per_year;
  OutageRecorder r;
  // Half the IT loads down for 20 min across the end of year 0: 5 min in each year.
  r.book_it_downtime(year - 600, year + 600, 0.5);
  r.book_it_downtime(2.5 * year, 2.5 * year + 60, 1.0); // 1 min in year 2
  r.finish(3 * year);
  const YearlySamples& y = r.yearly_it_downtime_min();
  EXPECT_EQ(y.years, 3);
  EXPECT_NEAR(y.sum, 5 + 5 + 1, 1e-9);
  EXPECT_NEAR(y.sum_squares, 25 + 25 + 1, 1e-9);
}

} // namespace
