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

TEST(BatteryPolicies, RejectsPoliciesTheScenarioCannotUse) {
  EXPECT_THROW(run({{"policies", "{checkpoint_on_battery: maybe}", {}}}), aidcsim::InputError);
  EXPECT_THROW(run({{"policies", "{checkpoint_on_battery: {after: -1 s}}", {}}}), aidcsim::InputError);
  EXPECT_THROW(run({{"policies", "{cap_on_battery: {afte: 1 s}}", {}}}), aidcsim::InputError);
}

} // namespace
