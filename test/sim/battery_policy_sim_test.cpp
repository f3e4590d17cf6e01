// The battery policies through the whole run path against closed forms: one NVL72 rack (72 GPUs
// at 2,013.9 W busy, 516.1 W at their lowest pstate) on a 200 kW UPS of 10 min at its rating
// (Peukert 1.05), a 1 h grid outage at 40 min and no genset (test/data/policies/one-rack-outage.yaml).
// The job checkpoints every hour for 2 min and restarts in 5 min; the rack boots in 5 min.
#include "engine/input/scenario.hpp"
#include "engine/sim/simulation.hpp"
#include "models/workload/battery_policy.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

const std::string source = AIDCSIM_SOURCE_DIR;
constexpr double busy_kw = 72 * 2013.8889 / 1e3, capped_kw = 72 * 516.059 / 1e3;
constexpr double outage_s = 2400, back_s = 6000, end_s = 10800, write_s = 120, margin_s = 30;
// After the grid returns: boot 5 min, restart 5 min, then a full hour of work is saved by 10,800 s.
constexpr double after_outage_work_s = 3600;

aidcsim::RunResult run(std::vector<aidcsim::KeyOverride> policies) {
  return aidcsim::run_scenario(
      aidcsim::load_scenario(source + "/test/data/policies/one-rack-outage.yaml", policies));
}

// Seconds from the transfer until the battery is empty at p_kw, then at p_cap_kw from `before_s`.
double runtime_s(double p_kw, double before_s = 0, double p_cap_kw = -1) {
  return aidcsim::workload::capped_runtime_s(600, 200, 1.05, p_kw, before_s, p_cap_kw < 0 ? p_kw : p_cap_kw);
}

double useful_s(const aidcsim::RunResult& r) {
  return r.ai.job.training_goodput * end_s;
}

// The rack is unpowered from the battery's end to the grid's return.
double empty_at_s(const aidcsim::RunResult& r) {
  return back_s - r.facility.number("it_downtime_min") * 60;
}

TEST(BatteryPolicies, WithoutAPolicyTheJobLosesItsWholeSegment) {
  const aidcsim::RunResult r = run({});
  EXPECT_NEAR(empty_at_s(r), outage_s + runtime_s(busy_kw), 1e-3);
  EXPECT_NEAR(useful_s(r), after_outage_work_s, 1e-6);
  EXPECT_FALSE(r.policies.present);
}

TEST(BatteryPolicies, CheckpointAtTheTransferSavesTheWorkBeforeTheOutage) {
  const aidcsim::RunResult r = run({{"policies", "{checkpoint_on_battery: {before_empty: false}}", {}}});
  EXPECT_NEAR(useful_s(r), outage_s + after_outage_work_s, 1e-6);
  EXPECT_EQ(r.policies.checkpoints, 1);
  EXPECT_EQ(r.policies.job_on_battery, 1);
  EXPECT_NEAR(r.policies.job_on_battery_h, runtime_s(busy_kw) / 3600, 1e-6);
}

TEST(BatteryPolicies, CheckpointBeforeEmptySavesTheWorkOnBatteryToo) {
  const aidcsim::RunResult r = run({{"policies", "{checkpoint_on_battery: true}", {}}});
  const double empty = outage_s + runtime_s(busy_kw);
  const double last_start =
      aidcsim::workload::last_checkpoint_start_s(outage_s, runtime_s(busy_kw), write_s, margin_s);
  EXPECT_NEAR(last_start, empty - write_s - margin_s, 1e-9);
  // Written at the transfer (2,400 s of work), then from the write's end to the last write's start.
  EXPECT_NEAR(useful_s(r), outage_s + (last_start - outage_s - write_s) + after_outage_work_s, 1e-3);
  EXPECT_EQ(r.policies.checkpoints, 2);
}

TEST(BatteryPolicies, ABatteryShorterThanTheWriteSkipsIt) {
  const aidcsim::RunResult r = run(
      {{"policies", "{checkpoint_on_battery: true}", {}}, {"workload.job.checkpoint.write", "20 min", {}}});
  EXPECT_EQ(r.policies.checkpoints, 0);
  EXPECT_EQ(r.policies.checkpoints_skipped, 1); // one write: the battery's end comes first
  EXPECT_NEAR(useful_s(r), 0, 1e-6);            // the hour after the outage ends in a 20 min write
}

TEST(BatteryPolicies, CapStretchesTheBatteryByPeukert) {
  const aidcsim::RunResult r = run({{"policies", "{cap_on_battery: true}", {}}});
  const double capped = runtime_s(busy_kw, 0, capped_kw);
  // 72 x 516 W is a quarter of the rack: (200 / 37.2)^1.05 = 5.86 rated runtimes, 4.2 times the
  // runtime at full power, more than its share of the load (3.9).
  EXPECT_NEAR(capped / runtime_s(busy_kw), std::pow(busy_kw / capped_kw, 1.05), 1e-9);
  EXPECT_NEAR(empty_at_s(r), outage_s + capped, 1e-3);
  EXPECT_NEAR(r.policies.capped_rack_h, capped / 3600, 1e-6);
  // The job ran slower on battery, reached its hour of work and saved it before the battery's end.
  const double rate = r.ai.job.step.step_s / r.ai.job.step.throttled_step_s;
  EXPECT_LT(outage_s + (3600 - outage_s) / rate + write_s, outage_s + capped);
  EXPECT_NEAR(useful_s(r), 3600 + after_outage_work_s, 1e-6);
}

TEST(BatteryPolicies, CapAfterADelayThenBothPolicies) {
  const aidcsim::RunResult r =
      run({{"policies", "{checkpoint_on_battery: {after: 1 min}, cap_on_battery: {after: 2 min}}", {}}});
  // Two minutes at full power, then capped: the battery's state of charge in closed form.
  const double empty = outage_s + runtime_s(busy_kw, 120, capped_kw);
  EXPECT_NEAR(empty_at_s(r), empty, 1e-3);
  const double rate = r.ai.job.step.step_s / r.ai.job.step.throttled_step_s;
  // Written at 2,460 s (at full speed), computing again at 2,580 s, after the cap at 2,520 s:
  // every second of work after the write is throttled.
  const double last_start = empty - write_s - margin_s;
  EXPECT_NEAR(useful_s(r),
              outage_s + 60 + (last_start - outage_s - 60 - write_s) * rate + after_outage_work_s, 1e-3);
  EXPECT_EQ(r.policies.checkpoints, 2);
  EXPECT_NEAR(r.policies.capped_rack_h, (empty - outage_s - 120) / 3600, 1e-6);
}

// test/data/policies/two-racks-shed.yaml: a training rack and an inference rack (145 kW each) on
// one 400 kW UPS through a 30 min outage at 40 min. Shedding the inference rack at the transfer
// halves the battery's load; Peukert gives the training rack (400 / 145)^1.05 rated runtimes.
// (One run per test: SimGrid keeps one engine per process.)
aidcsim::RunResult two_racks(std::vector<aidcsim::KeyOverride> o) {
  return aidcsim::run_scenario(
      aidcsim::load_scenario(source + "/test/data/policies/two-racks-shed.yaml", std::move(o)));
}
double two_rack_runtime_s(double kw) {
  return aidcsim::workload::capped_runtime_s(600, 400, 1.05, kw, 0, kw);
}

TEST(BatteryPolicies, BothRacksOnBatteryLoseTheJobsHour) {
  const aidcsim::RunResult r = two_racks({});
  // Every rack is down from the battery's end to the grid's return at 70 min.
  EXPECT_NEAR(r.facility.number("it_downtime_min"), 30 - two_rack_runtime_s(2 * busy_kw) / 60, 1e-4);
  EXPECT_LT(outage_s + two_rack_runtime_s(2 * busy_kw), 3600); // before the first checkpoint
  EXPECT_NEAR(useful_s(r), 3600, 1e-6); // the hour after the grid: boot, restart, saved by 142 min
  // The replica serves until the battery's end, then from its boot and restart on (80 min).
  const double down_s = 4800 - (outage_s + two_rack_runtime_s(2 * busy_kw));
  EXPECT_NEAR(r.ai.service.served_fraction, 1 - down_s / end_s, 1e-6);
}

TEST(BatteryPolicies, ShedInferenceFirstKeepsTrainingAlive) {
  const aidcsim::RunResult r = two_racks({{"policies", "{shed_on_battery: {workload: inference}}", {}}});
  const double runtime = two_rack_runtime_s(busy_kw);
  EXPECT_NEAR(r.facility.number("it_downtime_min"), 30 - runtime / 60, 1e-4);
  // The job saves its first hour at 62 min, before the battery ends at 69 min.
  EXPECT_GT(outage_s + runtime, 3600 + write_s);
  EXPECT_NEAR(useful_s(r), 7200, 1e-6);
  // The inference rack is shed from the transfer to its boot after the battery's end; its power,
  // lost then too, returns with the grid at 70 min and its boot ends at 75 min, the later of the
  // two: its replica serves again after its 5 min restart, at 80 min.
  EXPECT_EQ(r.policies.shed_racks, 1);
  EXPECT_NEAR(r.policies.shed_rack_h, (runtime + 300) / 3600, 1e-6);
  const double back_on_s = std::max(outage_s + runtime + 300, 4200.0 + 300);
  EXPECT_NEAR(r.ai.service.served_fraction, 1 - (back_on_s + 300 - outage_s) / end_s, 1e-6);
}

TEST(BatteryPolicies, RejectsPoliciesTheScenarioCannotUse) {
  EXPECT_THROW(run({{"policies", "{checkpoint_on_battery: maybe}", {}}}), aidcsim::InputError);
  EXPECT_THROW(run({{"policies", "{checkpoint_on_battery: {after: -1 s}}", {}}}), aidcsim::InputError);
  EXPECT_THROW(run({{"policies", "{cap_on_battery: {afte: 1 s}}", {}}}), aidcsim::InputError);
  EXPECT_THROW(run({{"policies", "{shed_on_battery: true}", {}}}), aidcsim::InputError); // which workload?
  EXPECT_THROW(run({{"policies", "{shed_on_battery: {workload: inference}}", {}}}), aidcsim::InputError);
  EXPECT_THROW(run({{"policies", "{staged_restart: true}", {}}}), aidcsim::InputError); // no gensets
}

} // namespace
