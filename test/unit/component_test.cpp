// The component interface (models/power/component_interface.hpp) on each kind by itself: what a
// component passes up to its feeders, what it draws through, the failure transitions it reports.
#include "models/power/component.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace aidcsim::power;
using aidcsim::RandomStream;

namespace {

constexpr double hour = 3600;

// A component at node 2 with feeders 0 and 1, whose energized states the test sets.
struct Around {
  std::vector<int> feeders{0, 1};
  std::vector<char> energized{1, 1, 1};
  Surroundings at(double now = 0) const { return {now, 2, feeders, energized}; }
};

TEST(Component, DualCordedLoadSplitsItsDrawOverLiveCordsAndMovesWhollyWhenACordIsCut) {
  LoadSpec spec;
  spec.id = "rack";
  spec.fed_by = {"a", "b"};
  spec.load_kw = 132;
  LoadNode load(spec, 0.0, RandomStream(1, "load/rack"));
  Around a;
  std::vector<double> drawn(3, 0.0);
  load.pass_draw(132, a.at(), drawn);
  EXPECT_DOUBLE_EQ(drawn[0], 66);
  EXPECT_DOUBLE_EQ(drawn[1], 66);
  EXPECT_TRUE(load.draws_through(0, a.at()));

  load.cut_cord(0); // relieving an overload on feeder 0
  drawn.assign(3, 0.0);
  load.pass_draw(132, a.at(), drawn);
  EXPECT_DOUBLE_EQ(drawn[0], 0);
  EXPECT_DOUBLE_EQ(drawn[1], 132);
  EXPECT_FALSE(load.draws_through(0, a.at()));
  EXPECT_TRUE(load.decide(a.at()));
  EXPECT_FALSE(load.shedding());

  a.energized[1] = 0; // the cord it moved to dies too: nothing left
  EXPECT_FALSE(load.decide(a.at()));
  load.clear_shedding(); // a fresh settle puts the cut cord back
  EXPECT_TRUE(load.decide(a.at()));
}

TEST(Component, UpsPassesItsLossesUpAndCarriesFromBatteryWhenItsInputIsDropped) {
  UpsSpec spec;
  spec.id = "ups";
  spec.fed_by = "grid";
  spec.rating_kw = 1000;
  spec.efficiency = 0.96;
  spec.battery = {1000, 600, 1.0, 250};
  UpsNode ups(spec, 0.0, RandomStream(1, "ups/ups"));
  Around a;
  a.feeders = {0};
  std::vector<double> drawn(3, 0.0);
  ups.pass_draw(480, a.at(), drawn);
  EXPECT_DOUBLE_EQ(drawn[0], 480 / 0.96);
  EXPECT_DOUBLE_EQ(ups.storage_kw(480, a.at()), 0.0);

  ASSERT_TRUE(ups.shed_input(false)); // full battery: it takes the cut
  EXPECT_TRUE(ups.shedding());
  drawn.assign(3, 0.0);
  ups.pass_draw(480, a.at(), drawn);
  EXPECT_DOUBLE_EQ(drawn[0], 0.0);
  EXPECT_DOUBLE_EQ(ups.storage_kw(480, a.at()), 480 / 0.96);
  // 600 s at 1,000 kW with k = 1: 1,250 s at 480 kW.
  EXPECT_NEAR(ups.next_event_time(480, a.at(10)), 10 + 600 * 1000.0 / 480, 1e-9);
  ups.integrate(100, 480, a.at());
  EXPECT_NEAR(ups.storage_owed_kwh(), 480 * 100 / hour / 0.96, 1e-12);
  EXPECT_NEAR(ups.min_state_of_charge(), 1 - 100 * 480 / (600.0 * 1000), 1e-12);
}

TEST(Component, SwitchDrawsThroughTheSourceItIsOnAndAsksForTheAlternateWhenNormalIsLost) {
  TransferSwitchSpec spec;
  spec.id = "ats";
  spec.transfer_s = 0.1;
  SwitchNode sw(spec, 0.0, RandomStream(1, "switch/ats"));
  Around a;
  EXPECT_TRUE(sw.decide(a.at()));
  EXPECT_TRUE(sw.draws_through(0, a.at()));
  EXPECT_FALSE(sw.draws_through(1, a.at()));
  EXPECT_EQ(sw.demanded_feeder(a.at()), -1);
  a.energized[0] = 0; // normal lost, alternate live: open transition of transfer_s
  EXPECT_FALSE(sw.decide(a.at(5)));
  EXPECT_EQ(sw.demanded_feeder(a.at(5)), 1);
  EXPECT_DOUBLE_EQ(sw.next_event_time(0, a.at(5)), 5.1);
  EXPECT_TRUE(sw.decide(a.at(5.1)));
  EXPECT_TRUE(sw.draws_through(1, a.at(5.1)));
}

TEST(Component, FailureModesAreTheSpecsRatesAndPerDemandProbabilities) {
  GensetPlantSpec g;
  g.id = "gen";
  g.unit_rating_kw = 2000;
  g.units = 3;
  g.units_needed = 2;
  g.fail_to_start = 0.0066;
  g.fail_while_running_per_s = 0.00157 / hour;
  const GensetNode plant(g, 4000, RandomStream(1, "genset/gen"));
  const auto modes = plant.failure_modes();
  ASSERT_EQ(modes.size(), 2u);
  EXPECT_EQ(modes[0].basis, FailureMode::Basis::per_demand);
  EXPECT_DOUBLE_EQ(modes[0].value, 0.0066);
  EXPECT_EQ(modes[0].units, 3);
  EXPECT_EQ(modes[1].basis, FailureMode::Basis::rate_per_s);
  EXPECT_DOUBLE_EQ(modes[1].value, 0.00157 / hour);
  EXPECT_TRUE(plant.overload_refuses()); // no load shedding: it refuses an overload

  UpsSpec u;
  u.id = "ups";
  u.rating_kw = 1000;
  u.modules = 5;
  u.redundant_modules = 1;
  u.battery = {1000, 600, 1.0, 250};
  u.module_failures.rate_per_s = 2e-6 / hour;
  const UpsNode ups(u, 0.0, RandomStream(1, "ups/ups"));
  ASSERT_EQ(ups.failure_modes().size(), 1u);
  EXPECT_DOUBLE_EQ(ups.failure_modes()[0].value, 2e-6 / hour);
  EXPECT_EQ(ups.failure_modes()[0].units, 5);
  EXPECT_TRUE(LoadNode(LoadSpec{}, 0.0, RandomStream(1, "load/x")).failure_modes().empty());
}

} // namespace
