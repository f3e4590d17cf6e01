// Training under failures: Daly's intervals, goodput against the exact formula for exponential
// failures, and the Llama 3 replay (rates derived from the published counts must give back 419
// interruptions in 54 days on 16,384 GPUs, split by cause like the table).
#include "engine/base/random_stream.hpp"
#include "models/workload/ai_workload.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace aidcsim::workload;

namespace {
constexpr double minute = 60, hour = 3600, day = 86400;

struct Stats {
  double mean = 0, se = 0;
};
Stats stats(const std::vector<double>& x) {
  Stats s;
  for (double v : x)
    s.mean += v / x.size();
  double var = 0;
  for (double v : x)
    var += (v - s.mean) * (v - s.mean) / (x.size() - 1);
  s.se = std::sqrt(var / x.size());
  return s;
}

void run_until(AiWorkload& w, double end) {
  while (w.next_event_time() <= end)
    w.advance_to(w.next_event_time());
  w.finish(end);
}
} // namespace

TEST(Daly, PublishedOptimalIntervals) {
  // Daly (2006), C = 5 min (R = 10 min does not enter the interval): 117, 57 and 9.1 min.
  EXPECT_NEAR(daly_interval_s(5 * minute, 24 * hour) / minute, 117, 1);
  EXPECT_NEAR(daly_interval_s(5 * minute, 6 * hour) / minute, 57, 1);
  EXPECT_NEAR(daly_interval_s(5 * minute, 15 * minute) / minute, 9.1, 1);
  // Young's first-order sqrt(2 C M) is the leading term.
  EXPECT_NEAR(daly_interval_s(1, 1e8), std::sqrt(2e8) - 1, 1e-3 * std::sqrt(2e8));
}

TEST(TrainingJob, NoFailuresGivesTheCheckpointShare) {
  TrainingJob job({15 * minute, 30, 5 * minute}, 1);
  while (job.next_event_time() <= day)
    job.advance_to(job.next_event_time());
  job.finish(day);
  // 86400 s = 92 segments of 930 s, and 840 s of a 93rd still open: useful 92 x 900 s.
  EXPECT_EQ(job.checkpoints(), 92);
  EXPECT_NEAR(job.time().useful_s, 92 * 900.0, 1e-6);
  EXPECT_NEAR(job.time().uncommitted_s, 840.0, 1e-6);
  EXPECT_NEAR(job.time().useful_s + job.time().checkpoint_s + job.time().uncommitted_s, day, 1e-6);
}

TEST(TrainingJob, GoodputMatchesTheExactFormulaForExponentialFailures) {
  // MTBF 3.09 h (Llama 3's 16k-GPU rate), T = 15 min, C = 30 s, R = 5 min: 0.903.
  const double mtbf = 3.09 * hour, t = 15 * minute, c = 30, r = 5 * minute;
  const double expected = expected_goodput(1 / mtbf, t, c, r);
  ASSERT_NEAR(expected, 0.903, 5e-4);
  std::vector<double> goodput;
  for (int rep = 0; rep < 20; ++rep) {
    // 1,000 accelerators, failures of the job only (nothing to repair): rate 1 / MTBF in all.
    FailureClass f{"any", FailsPer::job_accelerator, 1.0 / (3.09 * 1000), BlastRadius::job, 0};
    Cluster cluster(Topology::regular(1000, 1, 1000, 1000), {f}, 1000,
                    aidcsim::RandomStream(rep, "failures"));
    AiWorkload w(std::move(cluster), std::make_pair(TrainingJobSpec{t, c, r}, JobPlacement{1000, 0.5}), {});
    run_until(w, 365 * day);
    goodput.push_back(w.job()->time().useful_s / (365 * day));
  }
  const Stats s = stats(goodput);
  RecordProperty("mean_goodput", std::to_string(s.mean));
  RecordProperty("goodput_se", std::to_string(s.se));
  EXPECT_LT(std::fabs(s.mean - expected), 4 * s.se) << "mean " << s.mean << " se " << s.se;
  EXPECT_LT(s.se, 0.002); // the test can tell 0.903 from 0.895
}

TEST(TrainingJob, GoodputStaysExactOverAThousandYears) {
  // One run of 1,000 simulated years with 1 min checkpoint writes: late in such a run the clock's
  // time is 3e10 s, and a tolerance on event times that grew with the time (1e-9 |t| = 31 s there)
  // let failures inside a write's last seconds find the segment already saved (+7e-4 goodput).
  // The run is cut into ten 100-year batches for the standard error.
  const double mtbf = 3.09 * hour, t = 15 * minute, c = minute, r = 5 * minute, year = 365 * day;
  const double expected = expected_goodput(1 / mtbf, t, c, r);
  FailureClass f{"any", FailsPer::job_accelerator, 1.0 / (3.09 * 1000), BlastRadius::job, 0};
  Cluster cluster(Topology::regular(1000, 1, 1000, 1000), {f}, 1000, aidcsim::RandomStream(7, "failures"));
  AiWorkload w(std::move(cluster), std::make_pair(TrainingJobSpec{t, c, r}, JobPlacement{1000, 0.5}), {});
  std::vector<double> batches;
  double useful_before = 0;
  for (int batch = 1; batch <= 10; ++batch) {
    const double end = batch * 100 * year;
    while (w.next_event_time() <= end)
      w.advance_to(w.next_event_time());
    const double useful = w.job()->time().useful_s;
    batches.push_back((useful - useful_before) / (100 * year));
    useful_before = useful;
  }
  const Stats s = stats(batches);
  RecordProperty("mean_goodput", std::to_string(s.mean));
  RecordProperty("goodput_se", std::to_string(s.se));
  EXPECT_LT(s.se, 1e-4); // fine enough to see a bias of 7e-4
  EXPECT_LT(std::fabs(s.mean - expected), 4 * s.se)
      << "mean " << s.mean << " se " << s.se << " exact " << expected;
  // The last batch, where the clock is coarsest, on its own within 4 of the batches' deviations.
  EXPECT_LT(std::fabs(batches.back() - expected), 4 * s.se * std::sqrt(10.0));
}

TEST(Llama3Replay, RatesFromThePublishedCountsGiveBack419InterruptionsSplitByCause) {
  // 16,384 GPUs in hosts of 8 (2,048 hosts) plus 64 spare hosts; hardware repaired in 24 h.
  const int job = 16384, spare_hosts = 64;
  const int n = job + 8 * spare_hosts;
  const auto& causes = llama3_causes();
  std::vector<double> total(causes.size(), 0.0);
  std::vector<double> per_run;
  const int reps = 20;
  for (int rep = 0; rep < reps; ++rep) {
    Cluster cluster(Topology::regular(n, 8, 8, 8), default_failure_classes(24 * hour), job,
                    aidcsim::RandomStream(rep, "failures"));
    AiWorkload w(std::move(cluster),
                 std::make_pair(TrainingJobSpec{30 * minute, 60, 10 * minute}, JobPlacement{job, 0.5}), {});
    run_until(w, 54 * day);
    long all = 0;
    for (std::size_t k = 0; k < causes.size(); ++k) {
      total[k] += w.job()->time().interruptions[k];
      all += w.job()->time().interruptions[k];
    }
    per_run.push_back(static_cast<double>(all));
  }
  const Stats s = stats(per_run);
  RecordProperty("mean_interruptions", std::to_string(s.mean));
  // Poisson: sd sqrt(419) = 20.5 per run, 4.6 for the mean of 20.
  EXPECT_LT(std::fabs(s.mean - 419), 4 * std::sqrt(419.0 / reps)) << "mean " << s.mean;
  // Every cause near its count (4 sd of the summed Poisson counts).
  for (std::size_t k = 0; k < causes.size(); ++k) {
    const double expected = causes[k].count * static_cast<double>(reps);
    EXPECT_LT(std::fabs(total[k] - expected), 4 * std::sqrt(expected)) << causes[k].name;
  }
}

TEST(Cluster, AHostFailureTakesDownItsTrayAndCountsOnce) {
  // One class: hosts of 4 fail, taking their tray down for 1 h.
  FailureClass f{"tray", FailsPer::host, 1.0, BlastRadius::host, hour};
  Cluster c(Topology::regular(72, 4, 72, 72), {f}, 72, aidcsim::RandomStream(1, "x"));
  std::vector<Failure> out;
  c.process(c.next_event_time(), out);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].down.size(), 4u);
  EXPECT_EQ(c.up_count(), 68);
  for (int a : out[0].down)
    EXPECT_EQ(a / 4, out[0].down[0] / 4); // the same tray
}

TEST(AiWorkload, TooFewHealthyAcceleratorsMakeTheJobWaitForTheRepair) {
  // No spares: a tray failure stops the 72-GPU job until the tray is back (1 h), then it restarts.
  FailureClass f{"tray", FailsPer::host, 1.0 / 1e9, BlastRadius::host, hour};
  Cluster c(Topology::regular(72, 4, 72, 72), {f}, 72, aidcsim::RandomStream(1, "x"));
  AiWorkload w(std::move(c), std::make_pair(TrainingJobSpec{hour, 60, 10 * minute}, JobPlacement{72, 0.5}),
               {});
  w.advance_to(30 * minute);
  w.hold({0, 1, 2, 3}, w.power_cause(), true); // the facility takes a tray's power
  EXPECT_EQ(w.job()->phase(), TrainingJob::Phase::waiting);
  w.advance_to(90 * minute);
  w.hold({0, 1, 2, 3}, w.power_cause(), false);
  EXPECT_EQ(w.job()->phase(), TrainingJob::Phase::restarting);
  run_until(w, 4 * hour);
  const JobTime& t = w.job()->time();
  EXPECT_EQ(t.interruptions[w.power_cause()], 1);
  EXPECT_NEAR(t.lost_s[w.power_cause()], 30 * minute, 1e-6);
  EXPECT_NEAR(t.waiting_s[w.power_cause()], hour, 1e-6);
  EXPECT_NEAR(t.restart_s[w.power_cause()], 10 * minute, 1e-6);
}

#include "models/workload/step_plan.hpp"

TEST(StepPlan, TrafficAndWorkPerRankFollowTheLayout) {
  // 64 ranks: TP 4 x PP 2 x DP 8, EP 4; 1e9 parameters (all active, 0.8e9 in experts), 8 layers, hidden 1024,
  // 65,536 tokens per step, BF16.
  StepInput in;
  in.accelerators = 64;
  in.tensor = 4;
  in.pipeline = 2;
  in.expert = 4;
  in.parameters = 1e9;
  in.expert_parameters = 0.8e9;
  in.layers = 8;
  in.hidden = 1024;
  in.top_k = 2;
  in.tokens_per_step = 65536;
  in.microbatches = 8;
  in.kernel_efficiency = 0.5;
  const StepPlan p = plan_step(in);
  EXPECT_EQ(p.data, 8);
  EXPECT_DOUBLE_EQ(p.model_flops_per_step, 6 * 1e9 * 65536);
  EXPECT_DOUBLE_EQ(p.exec_flops_per_rank, 6 * 1e9 * 65536 / 64 / 0.5);
  EXPECT_DOUBLE_EQ(p.bubble, 1.0 / 8);
  const double activations = 65536.0 / 8 * 1024 * 2; // one replica's tokens, BF16
  // TP: 4 all-reduces per layer of the stage (4 layers), ring share 2 (4-1)/4.
  EXPECT_EQ(p.tensor_bytes, static_cast<std::uint64_t>(4 * 4 * activations * 2 * 3 / 4.0));
  // EP: 4 all-to-alls per MoE layer of the stage, the rank's tokens (1/TP) x top_k, 1/EP per peer.
  EXPECT_EQ(p.expert_bytes, static_cast<std::uint64_t>(4 * 4 * activations / 4 * 2 / 4));
  // PP: activations forward and gradients back, split over TP.
  EXPECT_EQ(p.pipeline_bytes, static_cast<std::uint64_t>(2 * activations / 4));
  // DP: the 0.2e9 dense parameters' gradients, 1/(4 x 2) per rank, over all 8 DP ranks: 2 (8-1)/8;
  // the 0.8e9 expert ones, 1/(4 x 2 x 4) per rank, over the 2 ranks with the same experts: 2 (2-1)/2.
  EXPECT_EQ(p.data_bytes, static_cast<std::uint64_t>(0.2e9 / 8 * 2 * 2 * 7 / 8.0));
  EXPECT_EQ(p.data_stride, 8);
  EXPECT_EQ(p.expert_data_bytes, static_cast<std::uint64_t>(0.8e9 / 32 * 2 * 2 * 1 / 2.0));
  EXPECT_EQ(p.expert_data_stride, 32);
  in.expert = 3; // does not divide DP 8
  EXPECT_THROW(plan_step(in), std::invalid_argument);
}

TEST(Cluster, ADownTrayDoesNotFailAgainUntilRepaired) {
  // One tray of 4, failing at 1 per second, repaired after 1 h: in the first hour only the first
  // failure is an outage (a dead tray does not fail again); after the repair it fails again.
  FailureClass f{"tray", FailsPer::host, 3600.0, BlastRadius::host, hour};
  Cluster c(Topology::regular(4, 4, 4, 4), {f}, 4, aidcsim::RandomStream(1, "x"));
  std::vector<Failure> out;
  while (c.next_event_time() < hour - 1)
    c.process(c.next_event_time(), out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(c.up_count(), 0);
  while (c.next_event_time() < hour + 100)
    c.process(c.next_event_time(), out);
  EXPECT_EQ(out.size(), 2u); // repaired, then down again within seconds
}
