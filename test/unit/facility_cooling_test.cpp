// The facility's cooling side in the event core: a rack loop on a modelled facility water loop,
// its chillers restarting after a power loss, against closed forms and energy balances.
#include "models/power/facility.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace aidcsim::power;

namespace {

constexpr double minute = 60;

// grid -> UPS -> rack (145 kW, DLC loop, CDU pumps on the UPS); grid -> chiller board -> chiller
// (capacity 200 kW, COP 5, 5 min restart); facility water 30 C supply, 10 m3 (41.86 MJ/K).
FacilitySpec hall_with_chiller(double tank_l) {
  FacilitySpec spec;
  spec.utilities.push_back({"grid", {}});
  UpsSpec u;
  u.id = "ups";
  u.fed_by = "grid";
  u.rating_kw = 200;
  u.battery = {200, 600, 1.0, 50};
  spec.ups.push_back(u);
  spec.distribution.push_back({"chiller-board", DistributionKind::switchgear, "grid", 0, {}});
  LoadSpec rack;
  rack.id = "rack";
  rack.fed_by = {"ups"};
  rack.load_kw = 145;
  spec.loads.push_back(rack);
  LoadSpec pumps;
  pumps.id = "cdu";
  pumps.kind = LoadKind::cdu;
  pumps.fed_by = {"ups"};
  pumps.load_kw = 3;
  spec.loads.push_back(pumps);
  LoadSpec chiller;
  chiller.id = "chiller";
  chiller.kind = LoadKind::chiller;
  chiller.fed_by = {"chiller-board"};
  chiller.capacity_kw = 200;
  chiller.cop = 5;
  chiller.load_kw = 40;
  chiller.boot_s = 5 * minute;
  spec.loads.push_back(chiller);
  CoolingLoopSpec loop;
  loop.rack = "rack";
  loop.pumps = "cdu";
  spec.cooling_loops.push_back(loop);
  aidcsim::thermal::WaterLoopSpec water;
  water.supply_c = 30;
  water.volume_l = 10000;
  water.tank_l = tank_l;
  spec.facility_water = water;
  return spec;
}

PowerGraph build(const FacilitySpec& spec) {
  std::vector<GraphProblem> problems;
  PowerGraph g = PowerGraph::build(spec, problems);
  EXPECT_TRUE(problems.empty());
  return g;
}

} // namespace

TEST(FacilityCooling, ChillerBoardLossWarmsTheWaterUntilTheRestartEnds) {
  const FacilitySpec spec = hall_with_chiller(0);
  const PowerGraph graph = build(spec);
  // The chiller board is down from 10 min to 20 min; the chiller runs again at 25 min.
  Facility f(spec, graph, 1,
             {{10 * minute, ScheduledFault::Kind::component_down, "chiller-board", 10 * minute, 0}});
  const double c_w = 10000 * 4186.0;
  const int chiller = 2;
  int checked = 0;
  while (f.next_event_time() < 25 * minute - 1e-6) {
    f.advance_to(f.next_event_time());
    if (f.now() >= 20 * minute) { // power is back, the chiller restarts: no capacity, controls only
      ++checked;
      EXPECT_EQ(f.draw_kw(chiller), 0.0);
    }
  }
  EXPECT_EQ(checked, 1); // the 20 min event: power back, restart under way
  f.advance_to(f.next_event_time());
  ASSERT_NEAR(f.now(), 25 * minute, 1e-9);
  // 15 min of 145 kW into 41.86 MJ/K: 3.12 K warmer, the rack loop 3.12 K warmer too (less its
  // lag): no throttle.
  EXPECT_EQ(f.cooling_metrics()[0].throttle_events, 0);
  EXPECT_NEAR(f.water_loop()->temp_c(), 30.0 + 145e3 * 15 * minute / c_w, 1e-9);
  // Recovering, the chiller runs at its full 200 kW and draws 200 / 5 = 40 kW.
  EXPECT_NEAR(f.draw_kw(chiller), 40.0, 1e-9);
  // 55 kW of spare capacity pull the 3.12 K back in 3.12 K x 41.86 MJ/K / 55 kW = 2373 s.
  f.advance_to(f.next_event_time());
  EXPECT_NEAR(f.now() - 25 * minute, 145e3 * 15 * minute / 55e3, 1e-6);
  EXPECT_TRUE(f.water_loop()->held());
  while (f.next_event_time() <= 3 * 3600)
    f.advance_to(f.next_event_time());
  f.finish(3 * 3600);
  EXPECT_NEAR(f.water_loop()->temp_c(), 30.0, 1e-9);
  EXPECT_EQ(f.cooling_loops()[0].state(), aidcsim::thermal::RackLoop::State::normal);
  // Energy balances: the water (in = rejected + stored) and every rack loop, exactly.
  const auto& w = *f.water_loop();
  EXPECT_NEAR(w.heat_in_j(), w.heat_removed_j() + w.stored_j(), 1e-6 * w.heat_in_j());
  const auto& loop = f.cooling_loops()[0].coolant();
  const double loop_stored = loop.capacity_j_per_k() * (f.cooling_loops()[0].coolant_c() - 39.556);
  EXPECT_NEAR(loop.heat_in_j(), loop.heat_removed_j() + loop_stored, 1e-3 * loop.heat_in_j());
  // The quasi-static coupling's residual is the loop's stored heat at most: 100 L over its swing.
  EXPECT_LT(std::fabs(f.water_metrics().coupling_residual_kwh),
            loop.capacity_j_per_k() * (f.cooling_metrics()[0].peak_coolant_c - 30.0) / 3.6e6);
}

TEST(FacilityCooling, TankStretchesTheWarmingByItsShareOfTheWater) {
  // Chillers off for good at 10 min: with no tank the chips throttle after
  // (57 - 39.556 + r tau) C_w / Q; a 40 m3 tank (5x the water) pushes that out about 5x.
  double throttle_at[2] = {0, 0};
  for (int k = 0; k < 2; ++k) {
    const FacilitySpec spec = hall_with_chiller(k == 0 ? 0 : 40000);
    const PowerGraph graph = build(spec);
    Facility f(spec, graph, 1,
               {{10 * minute, ScheduledFault::Kind::component_down, "chiller-board", 1e6, 0}});
    while (f.cooling_metrics()[0].throttle_events == 0 && f.next_event_time() < 1e5)
      f.advance_to(f.next_event_time());
    throttle_at[k] = f.now() - 10 * minute;
  }
  const double c_w = 10000 * 4186.0, q = 145e3;
  const double g = 1.5 * 145 / 60.0 * 4186; // W/K of the rack loop's flow
  const double lag = q / c_w * (100 * 4186.0 / g);
  EXPECT_NEAR(throttle_at[0], (57.0 - 39.5558 + lag) * c_w / q, 1.0);
  EXPECT_NEAR(throttle_at[1], (57.0 - 39.5558 + lag / 5) * 5 * c_w / q, 1.0);
}
