// Power dynamics through the whole run path (scenario, SimGrid, facility clock) against closed
// forms: the job's step wave from the measured step and the platform's wattage, what the racks'
// power gains from the job's states, and what a genset plant makes of the swing.
#include "engine/input/scenario.hpp"
#include "engine/sim/simulation.hpp"
#include "models/dynamics/load_acceptance.hpp"
#include "models/dynamics/peukert_load.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace {

const std::string source = AIDCSIM_SOURCE_DIR;

// The monitored node with this id, and its figures.
std::size_t index_of(const aidcsim::DynamicsResult& d, const std::string& id) {
  for (std::size_t i = 0; i < d.nodes.size(); ++i)
    if (d.nodes[i].id == id)
      return i;
  throw std::logic_error("no monitored node " + id);
}

const aidcsim::dynamics::NodeFigures& figures_of(const aidcsim::DynamicsResult& d, const std::string& id) {
  return d.figures[index_of(d, id)];
}

aidcsim::RunResult run(const std::string& file, const std::vector<aidcsim::KeyOverride>& overrides = {}) {
  return aidcsim::run_scenario(aidcsim::load_scenario(source + "/test/data/dynamics/" + file, overrides));
}

TEST(PowerDynamicsRun, StepWaveStateEnergyAndWhatTheGridSees) {
  const aidcsim::RunResult r = run("one-rack-grid.yaml");
  const aidcsim::DynamicsResult& d = r.dynamics;
  ASSERT_TRUE(d.step_measured);
  const auto& step = r.ai.job.step;
  const double idle = d.accelerator.idle_w, busy = d.accelerator.full_w;
  // Collectives at 10 % of the way from idle to busy; the compute window holds the bubble.
  const double comm = idle + 0.10 * (busy - idle);
  EXPECT_NEAR(d.accelerator.communication_w, comm, 1e-9);
  const double collectives = step.tensor_s + step.expert_s + step.pipeline_s + step.data_s;
  const double window = step.step_s - collectives;
  const double high = comm + (busy - comm) * step.compute_s / window;
  EXPECT_NEAR(d.high_w, high, 1e-9);
  EXPECT_NEAR(d.low_w, comm, 1e-9);
  EXPECT_NEAR(d.mean_w, (step.compute_s * busy + (step.step_s - step.compute_s) * comm) / step.step_s, 1e-9);
  EXPECT_NEAR(d.job_swing_kw, 72 * (high - comm) / 1e3, 1e-9);
  EXPECT_NEAR(d.frequency_hz, 1 / step.step_s, 1e-12);
  // The grid sees the rack's swing through the UPS's 96 %, in steps, at the step's frequency.
  const auto& grid = figures_of(d, "grid");
  EXPECT_NEAR(grid.max_swing_kw, d.job_swing_kw / 0.96, 1e-9);
  EXPECT_NEAR(grid.swing_frequency_hz, 1 / step.step_s, 1e-12);
  EXPECT_TRUE(grid.swing_steps);
  EXPECT_NEAR(figures_of(d, "ups").max_swing_kw, d.job_swing_kw, 1e-9);
  // The racks' power gains, over the busy hosts SimGrid shows, the job's states: computing at the
  // wave's mean, writing checkpoints at 5 %, from the end of the first step's measurement on.
  const double checkpoint_s = r.ai.job.checkpoints * 120.0;
  const double ckpt_w = idle + 0.05 * (busy - idle);
  const double adjust_j = 72 * (d.computing_s * (d.mean_w - busy) + checkpoint_s * (ckpt_w - busy));
  EXPECT_NEAR(d.it_energy_adjust_kwh, adjust_j / 3.6e6, 1e-9 * std::abs(adjust_j / 3.6e6));
  const double measured_at = 7200 - d.computing_s - checkpoint_s; // the probe: about one step
  EXPECT_GT(measured_at, 0);
  EXPECT_LT(measured_at, 3 * step.step_s);
  // The facility's IT energy is the hosts' plus that, to rounding.
  EXPECT_NEAR(r.facility.number("energy.it_kwh"), r.it_energy_kwh, 1e-9 * r.it_energy_kwh);
}

TEST(PowerDynamicsRun, GensetsCarryASwingBeyondTheirAcceptanceAndTripOnItsSteps) {
  const aidcsim::RunResult r = run("one-rack-gensets.yaml");
  const aidcsim::DynamicsResult& d = r.dynamics;
  const auto& g = figures_of(d, "gen");
  EXPECT_EQ(g.steps_beyond_acceptance, 3); // the job back from each checkpoint
  EXPECT_EQ(d.trips.at(index_of(d, "gen")), 3);
  // Each trip drops the plant for a new 10 s start sequence, the UPS battery carrying the rack;
  // the plant starts its four units once on demand and again after each trip.
  EXPECT_EQ(r.facility.number("genset_starts"), 4 + 3 * 4);
  // On gensets from 30 min + 10 s to the retransfer at 95 min, less three 2 min checkpoints and
  // three restarts after the trips.
  EXPECT_NEAR(g.swing_beyond_acceptance_s, (95 * 60 - 30 * 60 - 10) - 3 * 120 - 3 * 10, 1.0);
  EXPECT_GT(g.worst_frequency_dip, 0.10); // past the class limit
  EXPECT_NEAR(g.max_swing_kw, d.job_swing_kw / 0.96, 1e-9);
  // The grid dropped at the transfer what the gensets took.
  EXPECT_NEAR(figures_of(d, "grid").largest_step_kw, g.largest_step_kw, 1e-9);
  EXPECT_EQ(r.facility.number("it_downtime_min"), 0); // the battery bridged every trip
}

// `beyond: report`: the plant rides its steps beyond acceptance; they are counted only.
TEST(PowerDynamicsRun, GensetsThatReportStepsBeyondAcceptanceCarryOn) {
  const aidcsim::RunResult r =
      run("one-rack-gensets.yaml", {{"facility.gensets[gen].step_acceptance", "{beyond: report}", {}}});
  const aidcsim::DynamicsResult& d = r.dynamics;
  const auto& g = figures_of(d, "gen");
  EXPECT_EQ(g.steps_beyond_acceptance, 3);
  EXPECT_EQ(d.trips.at(index_of(d, "gen")), 0);
  EXPECT_EQ(r.facility.number("genset_starts"), 4);
  EXPECT_NEAR(g.swing_beyond_acceptance_s, (95 * 60 - 30 * 60 - 10) - 3 * 120, 1.0);
}

// A plant that would be back in no time (start_delay 0) cannot trip: it rides its steps.
TEST(PowerDynamicsRun, GensetsThatStartInNoTimeRideTheirSteps) {
  const aidcsim::RunResult r =
      run("one-rack-gensets.yaml", {{"facility.gensets[gen].start_delay", "0 s", {}}});
  const aidcsim::DynamicsResult& d = r.dynamics;
  EXPECT_EQ(figures_of(d, "gen").steps_beyond_acceptance, 3);
  EXPECT_EQ(d.trips.at(index_of(d, "gen")), 0);
  EXPECT_EQ(r.facility.number("genset_starts"), 4);
}

// policies: staged_restart: the job back from each checkpoint on the gensets comes up in the
// stages the plant accepts (high-BMEP guide steps, 5 s apart), none beyond it, at no work.
TEST(PowerDynamicsRun, StagedRestartKeepsTheJobsStepsWithinThePlantsAcceptance) {
  const aidcsim::RunResult r = run("one-rack-gensets.yaml", {{"policies", "{staged_restart: true}", {}}});
  const aidcsim::DynamicsResult& d = r.dynamics;
  const auto& g = figures_of(d, "gen");
  EXPECT_EQ(g.steps_beyond_acceptance, 0);
  EXPECT_EQ(d.staged_restarts, 3);
  // The plant (4 x 50 kW running) carries the rack through the UPS's 96 %: the rack at 5 % of the
  // way to busy while writing, then the step to the wave's mean.
  const double idle = d.accelerator.idle_w, busy = d.accelerator.full_w;
  const double preload_kw = 72 * (idle + 0.05 * (busy - idle)) / 1e3 / 0.96;
  const double step_kw = 72 * (d.mean_w - (idle + 0.05 * (busy - idle))) / 1e3 / 0.96;
  const aidcsim::dynamics::ReloadPlan plan =
      aidcsim::dynamics::staged_reload({}, 200, preload_kw, preload_kw + step_kw);
  ASSERT_GE(plan.steps, 2);
  EXPECT_NEAR(d.staging_s, 3 * plan.time_s, 1e-6);
  // The stages did no work: the job ran that long at rate 0, counted as slowness.
  EXPECT_NEAR(r.ai.job.lost_accelerator_hours.at("throttled"), 72 * d.staging_s / 3600, 1e-6);
}

// scenarios/dynamics/restart-512-gensets-chillers.yaml with a staged restart: the CDU pumps (COP
// 50, on the UPS) follow each stage of the job at once in the model; the plant does not count them
// in the stage's step nor its preload, so the stages planned within acceptance stay within it (the
// pumps' 2 % would otherwise put every first stage past the 33 % guide step).
TEST(PowerDynamicsRun, StagedRestartStaysWithinAcceptanceWithCoolingThatFollowsTheHeat) {
  const aidcsim::RunResult r = aidcsim::run_scenario(
      aidcsim::load_scenario(source + "/scenarios/dynamics/restart-512-gensets-chillers.yaml",
                             {{"policies.staged_restart", "true", {}}}));
  const aidcsim::DynamicsResult& d = r.dynamics;
  EXPECT_EQ(d.staged_restarts, 11); // the job back from each checkpoint during the outage
  EXPECT_EQ(figures_of(d, "gen").steps_beyond_acceptance, 0);
  EXPECT_EQ(d.trips.at(index_of(d, "gen")), 0);
}

// test/data/policies/one-rack-outage.yaml with power dynamics: the rack on its 200 kW UPS (10 min
// at its rating, Peukert 1.05) from the grid's loss at 40 min. The job computes until its
// checkpoint at 60 min, writes for 2 min at idle, and computes again until the battery is empty:
// while it computes, the battery drains at the Peukert equivalent of 72 GPUs' wave, above its
// mean (peukert_load.hpp), so it empties sooner than the mean load would say.
TEST(PowerDynamicsRun, UpsBatteryDrainsAtThePeukertEquivalentOfTheSwing) {
  const aidcsim::RunResult r = aidcsim::run_scenario(aidcsim::load_scenario(
      source + "/test/data/policies/one-rack-outage.yaml", {{"power_dynamics", "{}", {}}}));
  const aidcsim::DynamicsResult& d = r.dynamics;
  ASSERT_TRUE(d.step_measured);
  const aidcsim::dynamics::PowerWave rack(d.step_s, d.wave);
  const double p_eq_kw = aidcsim::dynamics::peukert_equivalent_w(rack.scaled(72), 1.05) / 1e3;
  const double mean_kw = 72 * d.mean_w / 1e3, idle_kw = 72 * d.accelerator.idle_w / 1e3;
  EXPECT_GT(p_eq_kw, mean_kw * 1.001);                                        // the peaks weigh more
  const auto rate = [](double kw) { return std::pow(kw / 200, 1.05) / 600; }; // of charge, per s
  const auto empty_at = [&](double computing_kw) {
    const double left = 1 - 1200 * rate(computing_kw) - 120 * rate(idle_kw); // at 62 min
    return 3720 + left / rate(computing_kw);
  };
  const double empty_s = 6000 - r.facility.number("it_downtime_min") * 60; // the grid returns at 100 min
  EXPECT_NEAR(empty_s, empty_at(p_eq_kw), 1e-3);
  EXPECT_LT(empty_s, empty_at(mean_kw) - 1);
}

} // namespace
