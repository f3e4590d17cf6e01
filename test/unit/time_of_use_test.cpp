// A tariff's peak hours: the time an interval spends in a daily window, in closed form, and the
// energy a facility buys inside it, against hand counts.
#include "engine/base/units.hpp"
#include "models/cost/run_cost.hpp"
#include "models/power/daily_window.hpp"
#include "models/power/facility.hpp"
#include "test/unit/facility_chain.hpp"

#include <gtest/gtest.h>

using aidcsim::power::DailyWindow;
using aidcsim::power::seconds_in_window;

namespace {
constexpr double hour = 3600, day = 86400;
}

TEST(DailyWindow, CountsTheSecondsOfAnIntervalInsideIt) {
  const DailyWindow peak{8 * hour, 20 * hour};
  EXPECT_DOUBLE_EQ(seconds_in_window(0, day, peak), 12 * hour);
  EXPECT_DOUBLE_EQ(seconds_in_window(0, 8 * hour, peak), 0);
  EXPECT_DOUBLE_EQ(seconds_in_window(7 * hour, 9 * hour, peak), hour);
  EXPECT_DOUBLE_EQ(seconds_in_window(19 * hour, 33 * hour, peak), hour + hour); // 19-20 h, then 8-9 h
  // Ten years and a half day: 3,650 whole days of 12 h, then 12 h of day 3,651 from midnight (4 h).
  EXPECT_NEAR(seconds_in_window(0, 3650 * day + 12 * hour, peak), 3650 * 12 * hour + 4 * hour, 1e-3);
  EXPECT_DOUBLE_EQ(seconds_in_window(5 * hour, 5 * hour, peak), 0);
  EXPECT_DOUBLE_EQ(seconds_in_window(6 * hour, 5 * hour, peak), 0);
  // Across midnight: 22 h to 6 h.
  const DailyWindow night{22 * hour, 6 * hour};
  EXPECT_DOUBLE_EQ(seconds_in_window(0, day, night), 8 * hour);
  EXPECT_DOUBLE_EQ(seconds_in_window(21 * hour, 31 * hour, night), 8 * hour); // 22 h to 6 h next day
  EXPECT_DOUBLE_EQ(seconds_in_window(12 * hour, 13 * hour, night), 0);
  // None: nothing in it.
  EXPECT_DOUBLE_EQ(seconds_in_window(0, day, DailyWindow{}), 0);
}

TEST(TimeOfUse, TheFacilityMetersWhatItBuysInThePeakHours) {
  using namespace aidcsim::power;
  const fixtures::Chain chain(100, 600, false); // grid -> UPS (lossless) -> PDU -> a 100 kW rack
  std::vector<GraphProblem> problems;
  const PowerGraph graph = PowerGraph::build(chain.spec, problems);
  ASSERT_TRUE(problems.empty());
  Facility f(chain.spec, graph, 1, {});
  f.meter_window({8 * hour, 20 * hour});
  // Two and a half days: 12 h + 12 h + 4 h (8 h to noon) of peak at 100 kW.
  const double end = 2.5 * day;
  while (f.next_event_time() <= end)
    f.advance_to(f.next_event_time());
  f.finish(end);
  EXPECT_NEAR(f.energy().source_kwh, 100 * 60.0, 1e-9);
  EXPECT_NEAR(f.energy().bought_in_window_kwh, 100 * 28.0, 1e-9);
}

TEST(TimeOfUse, PricesTheBoughtEnergyByItsHours) {
  aidcsim::cost::CostSpec costs;
  costs.energy_usd_per_kwh = 0.05;
  costs.peak_usd_per_kwh = 0.15;
  const aidcsim::cost::RunMeasures run{.years = 1, .bought_kwh = 1000, .bought_peak_kwh = 400};
  // A flat price (no peak hours) ignores the metered peak.
  EXPECT_DOUBLE_EQ(aidcsim::cost::annual_cost({}, run, costs).energy, 1000 * 0.05);
  costs.peak_from_s = 8 * hour;
  costs.peak_to_s = 20 * hour;
  EXPECT_DOUBLE_EQ(aidcsim::cost::annual_cost({}, run, costs).energy, 600 * 0.05 + 400 * 0.15);
}
