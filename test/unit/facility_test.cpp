// The facility event core against hand-computed timelines and closed forms, without SimGrid.
#include "engine/base/units.hpp"
#include "models/power/facility.hpp"
#include "test/unit/facility_chain.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace aidcsim::power;

namespace {
using aidcsim::power::fixtures::Chain;

constexpr double minute = 60, hour = 3600;

struct Simulation {
  PowerGraph graph;
  Facility facility;
  Simulation(const FacilitySpec& spec, std::vector<ScheduledFault> faults, double end_s,
             std::uint64_t seed = 1)
      : graph(build(spec)), facility(spec, graph, seed, std::move(faults)) {
    while (facility.next_event_time() <= end_s)
      facility.advance_to(facility.next_event_time());
    facility.finish(end_s);
  }
  static PowerGraph build(const FacilitySpec& spec) {
    std::vector<GraphProblem> problems;
    PowerGraph g = PowerGraph::build(spec, problems);
    EXPECT_TRUE(problems.empty());
    return g;
  }
};

// 2N: UPS A and UPS B on one grid, each rated for the whole dual-corded rack (10 min battery).
FacilitySpec two_n_ups(double kw, int modules, double peukert, double recharge_kw) {
  FacilitySpec spec;
  spec.utilities.push_back({"grid", {}});
  for (const char* side : {"a", "b"}) {
    UpsSpec u;
    u.id = std::string("ups-") + side;
    u.fed_by = "grid";
    u.rating_kw = kw;
    u.modules = modules;
    u.battery = {kw, 10 * minute, peukert, recharge_kw};
    spec.ups.push_back(u);
  }
  LoadSpec rack;
  rack.id = "rack";
  rack.fed_by = {"ups-a", "ups-b"};
  rack.load_kw = kw;
  spec.loads.push_back(rack);
  return spec;
}

ScheduledFault utility_loss(const std::string& feed, double at, double duration) {
  return {at, ScheduledFault::Kind::utility_loss, feed, duration, 0};
}
ScheduledFault utility_loss(double at, double duration) {
  return utility_loss("grid", at, duration);
}

} // namespace

TEST(Facility, ShortSagIsBridgedByTheUps) {
  const Chain c(1000, 10 * minute, false);
  Simulation r(c.spec, {utility_loss(hour, 2.0)}, 2 * hour);
  EXPECT_EQ(r.facility.load_metrics()[0].unpowered_s, 0.0);
  EXPECT_EQ(r.facility.outcomes().bridged_by_ups, 1);
  // 2 s at rated load out of a 600 s battery.
  EXPECT_NEAR(r.facility.min_ups_state_of_charge(), 1.0 - 2.0 / 600.0, 1e-12);
}

TEST(Facility, OutageLongerThanTheBatteryLosesItForTheDifference) {
  const Chain c(1000, 10 * minute, false);
  Simulation r(c.spec, {utility_loss(hour, 45 * minute)}, 3 * hour);
  EXPECT_NEAR(r.facility.load_metrics()[0].unpowered_s, 35 * minute, 1e-6);
  EXPECT_NEAR(r.facility.load_metrics()[0].unserved_kwh, 1000.0 * 35.0 / 60.0, 1e-6);
  EXPECT_EQ(r.facility.outcomes().it_lost, 1);
  EXPECT_EQ(r.facility.min_ups_state_of_charge(), 0.0);
}

TEST(Facility, PeukertStretchesTheBatteryAtPartLoad) {
  // The UPS is rated 1,000 kW for 10 min; the rack draws 500 kW: 22.19 min of battery.
  Chain c(500, 10 * minute, false);
  c.spec.ups[0].rating_kw = 1000;
  c.spec.ups[0].battery.rated_kw = 1000;
  Simulation r(c.spec, {utility_loss(hour, 45 * minute)}, 3 * hour);
  EXPECT_NEAR(r.facility.load_metrics()[0].unpowered_s, 45 * minute - 600 * std::pow(2.0, 1.15), 1e-6);
}

TEST(Facility, GensetsCarryA45MinuteOutage) {
  const Chain c(1000, 10 * minute, true);
  Simulation r(c.spec, {utility_loss(hour, 45 * minute)}, 3 * hour);
  EXPECT_EQ(r.facility.load_metrics()[0].unpowered_s, 0.0);
  EXPECT_EQ(r.facility.outcomes().carried_by_gensets, 1);
  const GensetPlant& gen = *r.facility.plants()[0];
  EXPECT_EQ(gen.starts(), 1);
  // Running from 10 s after the loss until the retransfer ends, 5 min + 0.1 s after the return.
  EXPECT_NEAR(gen.unit_run_s(), 45 * minute + 5 * minute + 0.1 - 10, 1e-6);
  // The UPS bridged the 10 s start, the 0.1 s transfer and the 0.1 s retransfer.
  EXPECT_NEAR(r.facility.min_ups_state_of_charge(), 1.0 - 10.1 / 600.0, 1e-3);
}

TEST(Facility, GensetFailToStartLeavesOnlyTheBattery) {
  const Chain c(1000, 5 * minute, true);
  Simulation r(
      c.spec,
      {utility_loss(hour, 45 * minute), {hour - 1, ScheduledFault::Kind::genset_fail_to_start, "gen", 0, 1}},
      3 * hour);
  EXPECT_NEAR(r.facility.load_metrics()[0].unpowered_s, 40 * minute, 1e-6);
  EXPECT_EQ(r.facility.outcomes().it_lost, 1);
  EXPECT_EQ(r.facility.plants()[0]->failed_start_attempts(), 1);
}

// Three 1 MW units for two 900 kW racks behind their own UPS (1,000 kW, 5 min at rating, Peukert
// 1: 333.3 s at 900 kW); two units fail to start, so the one that runs cannot carry both racks.
FacilitySpec n_plus_one_two_racks(GensetPlantSpec::LoadShedding shedding) {
  FacilitySpec spec;
  spec.utilities.push_back({"grid", {}});
  GensetPlantSpec g;
  g.id = "gen";
  g.unit_rating_kw = 1000;
  g.units = 3;
  g.units_needed = 2;
  g.load_shedding = shedding;
  spec.gensets.push_back(g);
  TransferSwitchSpec ats;
  ats.id = "ats";
  ats.normal = "grid";
  ats.alternate = "gen";
  spec.switches.push_back(ats);
  for (const char* side : {"a", "b"}) {
    UpsSpec u;
    u.id = std::string("ups-") + side;
    u.fed_by = "ats";
    u.rating_kw = 1000;
    u.battery = {1000, 5 * minute, 1.0, 200};
    spec.ups.push_back(u);
    LoadSpec rack;
    rack.id = std::string("rack-") + side;
    rack.fed_by = {u.id};
    rack.load_kw = 900;
    rack.priority = side[0] == 'a' ? 2 : 1;
    spec.loads.push_back(rack);
  }
  return spec;
}

constexpr double battery_at_900_kw_s = 5 * minute * 1000.0 / 900.0;

TEST(Facility, PlantShortOfTheLoadTakesNoneOfIt) {
  // Without load shedding the one running unit cannot take 1,800 kW: the switch stays on the dead
  // grid, both UPS carry on battery until empty, and the racks are down until the grid returns,
  // exactly as with no plant at all (before, the switch moved and the plant shed a rack with a
  // full battery, which stayed down until the retransfer: an N+1 plant lost more than none).
  const FacilitySpec spec = n_plus_one_two_racks(GensetPlantSpec::LoadShedding::none);
  const std::vector<ScheduledFault> faults{utility_loss(hour, 30 * minute),
                                           {0, ScheduledFault::Kind::genset_fail_to_start, "gen", 0, 2}};
  Simulation r(spec, faults, 2 * hour);
  for (int rack = 0; rack < 2; ++rack)
    EXPECT_NEAR(r.facility.load_metrics()[rack].unpowered_s, 30 * minute - battery_at_900_kw_s, 1e-6);
  EXPECT_EQ(r.facility.outcomes().it_lost, 1);
  EXPECT_EQ(r.facility.plant_refusals(), 1);
  EXPECT_EQ(r.facility.capacity_sheds(), 0);
  EXPECT_EQ(r.facility.plants()[0]->running_units(), 0); // released after the grid came back
  EXPECT_NEAR(r.facility.plants()[0]->energy_kwh(), 0.0, 1e-12);

  // The same outage with no plant: the same downtime.
  FacilitySpec without = spec;
  without.gensets.clear();
  without.switches.clear();
  for (auto& u : without.ups)
    u.fed_by = "grid";
  Simulation bare(without, {utility_loss(hour, 30 * minute)}, 2 * hour);
  for (int rack = 0; rack < 2; ++rack)
    EXPECT_DOUBLE_EQ(bare.facility.load_metrics()[rack].unpowered_s,
                     r.facility.load_metrics()[rack].unpowered_s);
}

TEST(Facility, PlantWithLoadSheddingKeepsThePriorityRackAndLetsTheOtherRunOnItsBattery) {
  // With priority load shedding the unit takes rack A (priority 2) 10 s into the loss and drops
  // UPS B's input: UPS B goes on carrying rack B on its battery (the 10 s it already gave
  // included) until empty, and rack B is down from then until the switch is back on the grid
  // (30 min outage + 5 min retransfer delay).
  const FacilitySpec spec = n_plus_one_two_racks(GensetPlantSpec::LoadShedding::priority);
  Simulation r(
      spec, {utility_loss(hour, 30 * minute), {0, ScheduledFault::Kind::genset_fail_to_start, "gen", 0, 2}},
      2 * hour);
  EXPECT_EQ(r.facility.load_metrics()[0].unpowered_s, 0.0);
  EXPECT_NEAR(r.facility.load_metrics()[1].unpowered_s, 35 * minute - battery_at_900_kw_s, 1e-6);
  EXPECT_EQ(r.facility.outcomes().it_lost, 1);
  EXPECT_EQ(r.facility.plant_refusals(), 0);
  // UPS B's input is dropped once, at 10 s, and stays dropped after its battery is empty (no
  // recharge from the plant that could not carry it, no rack put back on a few seconds of charge).
  EXPECT_EQ(r.facility.capacity_sheds(), 1);
  // The unit carried rack A's 900 kW from 10 s into the loss until the retransfer.
  EXPECT_NEAR(r.facility.plants()[0]->energy_kwh(), 900.0 * (35 * minute - 10) / hour, 1e-6);
}

TEST(Facility, DualCordedRackRidesThroughOneFailedUps) {
  // 2N: two UPS, each able to carry the rack alone; UPS B is down for the whole run.
  const FacilitySpec spec = two_n_ups(1000, 1, 1.15, 200);
  Simulation r(
      spec,
      {{10, ScheduledFault::Kind::component_down, "ups-b", 10 * hour, 0}, utility_loss(hour, 5 * minute)},
      3 * hour);
  EXPECT_EQ(r.facility.load_metrics()[0].unpowered_s, 0.0);
  // UPS A alone carried the full 1,000 kW for 5 min: half its 10 min battery.
  EXPECT_NEAR(r.facility.min_ups_state_of_charge(), 0.5, 1e-9);
}

TEST(Facility, PoissonOutagesWithoutGensetsMatchTheClosedForm) {
  // Outages at 2 per year, exponential durations of mean 60 min, 10 min of battery:
  // E[downtime] = 2 * 60 * exp(-10/60) = 101.58 min per year.
  Chain c(1000, 10 * minute, false);
  c.spec.utilities[0].outages = {2.0 / aidcsim::units::seconds_per_year,
                                 aidcsim::faults::DurationDistribution::exponential(60 * minute)};
  c.spec.ups[0].battery.recharge_kw = 1e9; // recharged at once: the closed form assumes a full battery
  const double years = 20000;
  Simulation r(c.spec, {}, years * aidcsim::units::seconds_per_year, 7);
  const auto& y = r.facility.yearly_it_downtime_min();
  ASSERT_EQ(y.years, 20000);
  const double mean = y.sum / y.years;
  const double se = std::sqrt((y.sum_squares / y.years - mean * mean) / y.years);
  const double expected = 2 * 60 * std::exp(-10.0 / 60.0);
  EXPECT_NEAR(mean, expected, 4 * se) << "mean " << mean << " se " << se;
  EXPECT_LT(se, 1.0);
}

TEST(Facility, StuckTransferSwitchCannotReachTheGensets) {
  const Chain c(1000, 10 * minute, true);
  Simulation r(
      c.spec,
      {{0, ScheduledFault::Kind::component_down, "ats", 10 * hour, 0}, utility_loss(hour, 45 * minute)},
      3 * hour);
  EXPECT_NEAR(r.facility.load_metrics()[0].unpowered_s, 35 * minute, 1e-6);
  EXPECT_EQ(r.facility.outcomes().it_lost, 1);
}

TEST(Facility, SameSeedSameRunDifferentSeedDifferentRun) {
  Chain c(1000, 10 * minute, true);
  c.spec.utilities[0].outages = {2.0 / aidcsim::units::seconds_per_year,
                                 aidcsim::faults::DurationDistribution::lognormal(30 * minute, 1.2)};
  c.spec.gensets[0].fail_to_start = 0.05;
  const double end = 2000 * aidcsim::units::seconds_per_year;
  Simulation a(c.spec, {}, end, 11), b(c.spec, {}, end, 11), d(c.spec, {}, end, 12);
  EXPECT_EQ(a.facility.load_metrics()[0].unpowered_s, b.facility.load_metrics()[0].unpowered_s);
  EXPECT_EQ(a.facility.events(), b.facility.events());
  EXPECT_NE(a.facility.load_metrics()[0].unpowered_s, d.facility.load_metrics()[0].unpowered_s);
}

TEST(Facility, SwitchFailingWhileWaitingToRetransferDoesNotStallTime) {
  // The utility is back at 160 s; the switch would return at 460 s but fails at 200 s for
  // 10 min: it stays on the gensets until repaired at 800 s, then transfers back at once.
  const Chain c(145, 10 * minute, true);
  Simulation r(c.spec,
               {utility_loss(100, 60), {200, ScheduledFault::Kind::component_down, "ats", 10 * minute, 0}},
               hour);
  EXPECT_EQ(r.facility.load_metrics()[0].unpowered_s, 0.0);
  EXPECT_NEAR(r.facility.plants()[0]->unit_run_s(), 800 + 0.1 - 110, 1e-6);
}

// One 500 kW plant is the alternate of two switches; only u1 fails. The 600 kW load on ats1 (no
// UPS) is more than the plant can carry; the 400 kW load on ats2 stays on its healthy utility.
FacilitySpec one_plant_two_switches(GensetPlantSpec::LoadShedding shedding) {
  FacilitySpec spec;
  spec.utilities = {{"u1", {}}, {"u2", {}}};
  GensetPlantSpec g;
  g.id = "gen";
  g.unit_rating_kw = 500;
  g.units = 1;
  g.units_needed = 1;
  g.load_shedding = shedding;
  spec.gensets.push_back(g);
  TransferSwitchSpec a, b;
  a.id = "ats1";
  a.normal = "u1";
  a.alternate = "gen";
  b.id = "ats2";
  b.normal = "u2";
  b.alternate = "gen";
  spec.switches = {a, b};
  LoadSpec big, small;
  big.id = "big";
  big.fed_by = {"ats1"};
  big.load_kw = 600;
  big.priority = 10;
  small.id = "small";
  small.fed_by = {"ats2"};
  small.load_kw = 400;
  spec.loads = {big, small};
  return spec;
}

TEST(Facility, ShedsOnlyLoadsThatDrawFromTheOverloadedComponent) {
  // With load shedding the plant takes ats1 and sheds the 600 kW load, which is down until ats1
  // returns to u1 (30 min outage + 5 min retransfer delay); the load on ats2 never notices.
  Simulation r(one_plant_two_switches(GensetPlantSpec::LoadShedding::priority),
               {utility_loss("u1", 100, 30 * minute)}, hour);
  EXPECT_EQ(r.facility.load_metrics()[1].unpowered_s, 0.0);
  EXPECT_NEAR(r.facility.load_metrics()[0].unpowered_s, 35 * minute, 1e-6);
  EXPECT_EQ(r.facility.capacity_sheds(), 1);
  EXPECT_EQ(r.facility.feeds()[0]->outages(), 1); // the loss struck u1 (and only u1)
  EXPECT_EQ(r.facility.feeds()[1]->outages(), 0);
  // Without it the plant refuses ats1's load, which is down only while u1 is.
  Simulation hold(one_plant_two_switches(GensetPlantSpec::LoadShedding::none),
                  {utility_loss("u1", 100, 30 * minute)}, hour);
  EXPECT_EQ(hold.facility.load_metrics()[1].unpowered_s, 0.0);
  EXPECT_NEAR(hold.facility.load_metrics()[0].unpowered_s, 30 * minute, 1e-6);
  EXPECT_EQ(hold.facility.plant_refusals(), 1);
}

TEST(Facility, RejectsFaultsOnComponentsItDoesNotHave) {
  // The facility's feeds are u1 and u2: a loss of "grid" is a caller's mistake, said at once.
  const FacilitySpec spec = one_plant_two_switches(GensetPlantSpec::LoadShedding::none);
  std::vector<GraphProblem> problems;
  const PowerGraph graph = PowerGraph::build(spec, problems);
  ASSERT_TRUE(problems.empty());
  try {
    Facility f(spec, graph, 1, {utility_loss("grid", 100, 60)});
    FAIL() << "a fault on an unknown component was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "Facility: a scheduled fault names 'grid', which is not a component of the facility");
  }
  // A fault of the wrong kind for its component is refused too.
  EXPECT_THROW(Facility(spec, graph, 1, {utility_loss("gen", 100, 60)}), std::invalid_argument);
  EXPECT_THROW(Facility(spec, graph, 1, {{10, ScheduledFault::Kind::genset_fail_to_start, "u1", 0, 1}}),
               std::invalid_argument);
}

TEST(Facility, EpisodeStillOpenAtTheEndIsCounted) {
  // The run ends 20 min into a 45 min outage, 10 min after the 10 min battery ran out: one
  // utility outage, one episode that lost IT, 10 min down and 1,000 kW x 10 min unserved.
  const Chain c(1000, 10 * minute, false);
  Simulation r(c.spec, {utility_loss(hour, 45 * minute)}, hour + 20 * minute);
  EXPECT_NEAR(r.facility.load_metrics()[0].unpowered_s, 10 * minute, 1e-6);
  EXPECT_NEAR(r.facility.load_metrics()[0].unserved_kwh, 1000.0 * 10 / 60, 1e-6);
  EXPECT_EQ(r.facility.feeds()[0]->outages(), 1);
  EXPECT_EQ(r.facility.outcomes().it_lost, 1);
  EXPECT_EQ(r.facility.outcomes().total(), 1);
  // Ended while the battery still bridged it: bridged by the UPS.
  Simulation early(c.spec, {utility_loss(hour, 45 * minute)}, hour + 5 * minute);
  EXPECT_EQ(early.facility.outcomes().bridged_by_ups, 1);
  EXPECT_EQ(early.facility.outcomes().total(), 1);
}

TEST(Facility, DualCordedLoadMovesToTheHealthySideInsteadOfBeingShed) {
  // UPS A loses 3 of its 4 modules (36 kW left) under a dual-corded 145 kW rack: the rack moves
  // wholly to UPS B, which is rated for it.
  const FacilitySpec spec = two_n_ups(145, 4, 1.05, 50);
  Simulation r(spec, {{30 * minute, ScheduledFault::Kind::component_down, "ups-a", 30 * minute, 3}},
               2 * hour);
  EXPECT_EQ(r.facility.load_metrics()[0].unpowered_s, 0.0);
}

TEST(PowerGraph, DesignLoadCountsADualCordedLoadOncePerComponent) {
  // One UPS feeding both PDUs of a dual-corded 145 kW rack carries 145 kW, not 290.
  FacilitySpec spec;
  spec.utilities.push_back({"grid", {}});
  UpsSpec u;
  u.id = "ups";
  u.fed_by = "grid";
  u.rating_kw = 145;
  u.efficiency = 0.95;
  u.battery = {145, 600, 1.05, 50};
  spec.ups.push_back(u);
  spec.distribution.push_back({"pdu-a", DistributionKind::pdu, "ups", 0, {}});
  spec.distribution.push_back({"pdu-b", DistributionKind::pdu, "ups", 0, {}});
  LoadSpec rack;
  rack.id = "rack";
  rack.fed_by = {"pdu-a", "pdu-b"};
  rack.load_kw = 145;
  spec.loads.push_back(rack);
  const PowerGraph g = Simulation::build(spec);
  const auto design = g.design_load_kw(spec);
  EXPECT_DOUBLE_EQ(design[g.index_of("pdu-a")], 145.0);
  EXPECT_DOUBLE_EQ(design[g.index_of("ups")], 145.0 / 0.95); // at its input
  EXPECT_DOUBLE_EQ(design[g.index_of("grid")], 145.0 / 0.95);
}
