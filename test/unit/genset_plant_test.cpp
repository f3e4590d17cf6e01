// Genset plant: start sequence, failures to start, failure while running, fuel.
#include "models/power/genset_plant.hpp"

#include <gtest/gtest.h>

#include <cmath>

using aidcsim::RandomStream;
using aidcsim::power::GensetPlant;
using aidcsim::power::GensetPlantSpec;

namespace {
GensetPlantSpec plant(int units, double fts);

// A plant of `units` that never fail to start on their own, two attempts 30 s apart, running from
// 10 s on.
GensetPlant running(int units) {
  auto spec = plant(units, 0.0);
  spec.start_attempts = 2;
  spec.retry_delay_s = 30;
  GensetPlant p(spec, 1000, RandomStream(1, "gen"));
  p.set_demand(true, 0);
  p.process(10);
  return p;
}

GensetPlantSpec plant(int units, double fts) {
  GensetPlantSpec g;
  g.id = "gen";
  g.unit_rating_kw = 1000;
  g.units = units;
  g.units_needed = 1;
  g.start_delay_s = 10;
  g.fail_to_start = fts;
  return g;
}
} // namespace

TEST(GensetPlant, StartsAfterTheStartDelay) {
  GensetPlant p(plant(2, 0.0), 1000, RandomStream(1, "gen"));
  p.set_demand(true, 100);
  EXPECT_EQ(p.next_event_time(100, 0), 110);
  EXPECT_FALSE(p.process(105));
  EXPECT_TRUE(p.process(110));
  EXPECT_EQ(p.running_units(), 2);
  EXPECT_EQ(p.capacity_kw(), 2000);
  p.set_demand(false, 200);
  EXPECT_EQ(p.running_units(), 0);
}

TEST(GensetPlant, BothOfTwoUnitsFailToStartWithProbabilityPSquared) {
  // Textbook check (published-figures): two sets each failing to start 1% of the time both fail
  // with probability 1e-4. One million demands: expect 100 (Poisson sd 10).
  GensetPlant p(plant(2, 0.01), 1000, RandomStream(3, "gen"));
  long both_failed = 0, one_failed = 0;
  double t = 0;
  for (int i = 0; i < 1000000; ++i) {
    p.set_demand(true, t);
    p.process(t + 10);
    both_failed += p.running_units() == 0;
    one_failed += p.running_units() == 1;
    p.set_demand(false, t + 20);
    t += 100;
  }
  EXPECT_NEAR(both_failed, 100, 40);
  EXPECT_NEAR(one_failed, 2 * 0.01 * 0.99 * 1e6, 4 * std::sqrt(19800.0));
}

TEST(GensetPlant, RetriesAFailedStart) {
  auto spec = plant(1, 0.0);
  spec.start_attempts = 2;
  spec.retry_delay_s = 30;
  GensetPlant p(spec, 1000, RandomStream(1, "gen"));
  p.force_failed_attempts(1);
  p.set_demand(true, 0);
  p.process(10); // first attempt fails at 10 s
  EXPECT_EQ(p.running_units(), 0);
  EXPECT_EQ(p.next_event_time(10, 0), 40);
  p.process(40); // second attempt cranks at 40 s
  p.process(50);
  EXPECT_EQ(p.running_units(), 1);
  EXPECT_EQ(p.failed_start_attempts(), 1);
}

TEST(GensetPlant, FailsWhileRunningAtItsRate) {
  auto spec = plant(1, 0.0);
  spec.fail_while_running_per_s = 0.00157 / 3600; // published-figures: REopt default
  double total = 0;
  const int trials = 20000;
  for (int i = 0; i < trials; ++i) {
    GensetPlant p(spec, 1000, RandomStream(i, "gen"));
    p.set_demand(true, 0);
    p.process(10);
    total += p.next_event_time(10, 0) - 10;
  }
  const double mttf_h = 1 / 0.00157;
  EXPECT_NEAR(total / trials / 3600, mttf_h, 4 * mttf_h / std::sqrt(trials));
}

TEST(GensetPlant, RunsOutOfFuelAndRestartsOnDelivery) {
  auto spec = plant(1, 0.0);
  spec.fuel_tank_s = 8 * 3600;         // 8 h at the design load
  spec.refuel_lead_time_s = 12 * 3600; // first truck 12 h after the start
  GensetPlant p(spec, 1000, RandomStream(1, "gen"));
  p.set_demand(true, 0);
  p.process(10);
  // At half the design load the tank lasts 16 h.
  EXPECT_NEAR(p.next_event_time(10, 500), 12 * 3600, 1e-9); // the delivery comes first
  EXPECT_NEAR(p.next_event_time(10, 1000), 10 + 8 * 3600, 1e-9);
  p.integrate(8 * 3600, 1000);
  p.process(10 + 8 * 3600);
  EXPECT_EQ(p.running_units(), 0); // dry
  p.process(12 * 3600);            // delivery: refill and crank again
  p.process(12 * 3600 + 10);
  EXPECT_EQ(p.running_units(), 1);
  EXPECT_NEAR(p.fuel_used_tank_s(), 8 * 3600, 1e-6);
}

TEST(GensetPlant, ForcedUnitFailsEveryAttemptOfTheNextDemandOnly) {
  auto spec = plant(1, 0.0);
  spec.start_attempts = 3;
  spec.retry_delay_s = 30;
  GensetPlant p(spec, 1000, RandomStream(1, "gen"));
  p.force_units_fail_to_start(1);
  p.set_demand(true, 0);
  for (double t : {10.0, 40.0, 50.0, 80.0, 90.0})
    p.process(t);
  EXPECT_EQ(p.running_units(), 0);
  EXPECT_EQ(p.failed_start_attempts(), 3);
  EXPECT_EQ(p.unit_state(0), GensetPlant::UnitState::failed);
  p.set_demand(false, 100);
  p.set_demand(true, 200); // the next demand starts normally
  p.process(210);
  EXPECT_EQ(p.running_units(), 1);
}

// A trip drops every running unit at once; each comes back after a new start sequence, a demand
// that may fail like any other (here the next attempt is forced to fail and is retried).
TEST(GensetPlant, TripRestartsTheRunningUnitsAfterAStartSequence) {
  GensetPlant p = running(3);
  ASSERT_EQ(p.running_units(), 3);
  p.trip(100);
  EXPECT_EQ(p.trips(), 1);
  EXPECT_EQ(p.running_units(), 0);
  EXPECT_EQ(p.capacity_kw(), 0);
  EXPECT_EQ(p.next_event_time(100, 0), 110);
  p.trip(105); // nothing runs: no trip
  EXPECT_EQ(p.trips(), 1);
  EXPECT_TRUE(p.process(110));
  EXPECT_EQ(p.running_units(), 3);
  EXPECT_EQ(p.starts(), 6);
  // A trip whose restart fails once: that unit is back after the retry.
  p.force_failed_attempts(1);
  p.trip(200);
  p.process(210);
  EXPECT_EQ(p.running_units(), 2);
  EXPECT_EQ(p.failed_start_attempts(), 1);
  EXPECT_EQ(p.next_event_time(210, 0), 240);
  p.process(240);
  EXPECT_EQ(p.running_units(), 2); // in its second start sequence
  p.process(250);
  EXPECT_EQ(p.running_units(), 3);
  EXPECT_EQ(p.trips(), 2);
}

// A trip is a demand: a failure to start scheduled for the next demand takes its unit out of the
// restart (every attempt fails), and the plant shows the trip as its fault until a unit runs.
TEST(GensetPlant, TripIsADemandForScheduledStartFailures) {
  GensetPlant p = running(2);
  p.force_units_fail_to_start(1);
  p.trip(100);
  EXPECT_TRUE(p.restarting_after_trip());
  p.process(110);
  EXPECT_FALSE(p.restarting_after_trip());
  EXPECT_EQ(p.running_units(), 1);
  p.process(140);
  p.process(150);
  EXPECT_EQ(p.running_units(), 1); // its second attempt failed too
  EXPECT_EQ(p.unit_state(0), GensetPlant::UnitState::failed);
  EXPECT_EQ(p.failed_start_attempts(), 2);
}

// With a repair time, a unit that failed is repaired while the plant is demanded and cranks again.
TEST(GensetPlant, RepairedUnitStartsAgainWhileDemanded) {
  auto spec = plant(1, 0.0);
  spec.unit_repair = aidcsim::faults::DurationDistribution::fixed(7200);
  GensetPlant p(spec, 1000, RandomStream(1, "gen"));
  p.force_failed_attempts(1);
  p.set_demand(true, 0);
  p.process(10); // the only attempt fails: repair until 7210 s
  EXPECT_EQ(p.running_units(), 0);
  EXPECT_DOUBLE_EQ(p.repair_rate_per_s(), 1.0 / 7200);
  EXPECT_EQ(p.next_event_time(10, 0), 7210);
  p.process(7210); // repaired: it cranks
  EXPECT_DOUBLE_EQ(p.repair_rate_per_s(), 0.0);
  p.process(7220);
  EXPECT_EQ(p.running_units(), 1);
}

// A unit running for good, failing at rate lambda and back after a repair R and a start delay d,
// is up a fraction (1 / lambda) / (1 / lambda + R + d) of the time (alternating renewal).
TEST(GensetPlant, RepairWhileDemandedGivesTheRenewalUpFraction) {
  auto spec = plant(1, 0.0);
  const double mttf_s = 100 * 3600.0, repair_s = 10 * 3600.0;
  spec.fail_while_running_per_s = 1 / mttf_s;
  spec.unit_repair = aidcsim::faults::DurationDistribution::fixed(repair_s);
  GensetPlant p(spec, 1000, RandomStream(3, "gen"));
  p.set_demand(true, 0);
  double now = 0, up_s = 0;
  const double end = 1e6 * 3600.0;
  while (now < end) {
    const double next = std::min(end, p.next_event_time(now, 0));
    up_s += p.running_units() > 0 ? next - now : 0.0;
    now = next;
    p.process(now);
  }
  const double expected = mttf_s / (mttf_s + repair_s + spec.start_delay_s);
  // About 9,000 cycles: the fraction's standard error is about 0.0009.
  EXPECT_NEAR(up_s / end, expected, 0.004);
}
