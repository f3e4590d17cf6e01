// The step probe with the fluid model against the probe with SimGrid's own flows, on generated
// clusters: NVL72 and CloudMatrix384, dense and MoE jobs, a non-blocking and a 4:1 core. Each
// phase within 1 % (the bar; they agree to about 1e-6 here).
#include "engine/sim/fluid_routes.hpp"
#include "engine/sim/rank_order.hpp"
#include "engine/sim/simgrid_platform.hpp"
#include "engine/sim/step_probe.hpp"
#include "test/sim/generated_platform.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

namespace {

const std::string source = AIDCSIM_SOURCE_DIR;
namespace sg4 = simgrid::s4u;
using aidcsim::workload::StepInput;
using aidcsim::workload::StepTime;

// The same step measured with SimGrid's flows, then with the fluid model, in one run.
std::pair<StepTime, StepTime> both_probes(const std::string& platform, const StepInput& in) {
  auto engine = aidcsim::load_simgrid_platform(platform);
  auto hosts = engine->get_filtered_hosts([](sg4::Host* h) { return h->get_property("chip") != nullptr; });
  aidcsim::sort_in_rank_order(hosts);
  std::vector<sg4::Host*> ranks(hosts.begin(), hosts.begin() + in.accelerators);
  const auto plan = aidcsim::workload::plan_step(in);
  StepTime by_simgrid, by_fluid;
  const auto model = aidcsim::fluid_model_of_engine();
  EXPECT_TRUE(model.has_value());
  aidcsim::start_step_probe(
      ranks, plan, 0.5,
      [&](const StepTime& t) {
        by_simgrid = t;
        aidcsim::start_step_probe(
            ranks, plan, 0.5, [&](const StepTime& f) { by_fluid = f; }, [] { FAIL(); }, model);
      },
      [] { FAIL(); });
  engine->run();
  return {by_simgrid, by_fluid};
}

void expect_within_1_percent(const StepTime& s, const StepTime& f) {
  EXPECT_FALSE(s.fluid);
  EXPECT_TRUE(f.fluid);
  EXPECT_DOUBLE_EQ(f.compute_s, s.compute_s);
  for (auto [a, b] : {std::pair{s.tensor_s, f.tensor_s},
                      {s.expert_s, f.expert_s},
                      {s.pipeline_s, f.pipeline_s},
                      {s.data_s, f.data_s},
                      {s.step_s, f.step_s}})
    EXPECT_NEAR(b, a, 0.01 * a);
  EXPECT_GT(s.step_s, s.compute_s);
}

StepInput dense_405b(int accelerators) {
  StepInput in;
  in.accelerators = accelerators;
  in.tensor = 8;
  in.pipeline = 16;
  in.parameters = 405e9;
  in.layers = 126;
  in.hidden = 16384;
  in.tokens_per_step = 16e6;
  in.microbatches = 32;
  in.kernel_efficiency = 0.6;
  return in;
}

StepInput moe_671b(int accelerators) {
  StepInput in;
  in.accelerators = accelerators;
  in.tensor = 1;
  in.pipeline = 8;
  in.expert = 32;
  in.parameters = 671e9;
  in.active_parameters = 37e9;
  in.expert_parameters = 654e9;
  in.layers = 61;
  in.moe_layers = 58;
  in.hidden = 7168;
  in.top_k = 8;
  in.tokens_per_step = 15e6;
  in.microbatches = 32;
  in.kernel_efficiency = 0.6;
  return in;
}

} // namespace

TEST(StepProbeFluid, DenseOnNvl72MatchesSimGrid) {
  const auto [s, f] = both_probes(aidcsim::test::generated_platform("nvl72", 29, 1), dense_405b(2048));
  expect_within_1_percent(s, f);
}

TEST(StepProbeFluid, DenseOnNvl72OversubscribedMatchesSimGrid) {
  const auto [s, f] = both_probes(aidcsim::test::generated_platform("nvl72", 29, 4), dense_405b(2048));
  expect_within_1_percent(s, f);
}

TEST(StepProbeFluid, MoeOnNvl72MatchesSimGrid) {
  const auto [s, f] = both_probes(aidcsim::test::generated_platform("nvl72", 8, 4), moe_671b(512));
  expect_within_1_percent(s, f);
  EXPECT_GT(s.expert_s, 0);
}

TEST(StepProbeFluid, DenseOnCloudMatrixMatchesSimGrid) {
  const auto [s, f] = both_probes(aidcsim::test::generated_platform("cm384", 6, 1), dense_405b(2048));
  expect_within_1_percent(s, f);
}

TEST(StepProbeFluid, MoeOnCloudMatrixOversubscribedMatchesSimGrid) {
  const auto [s, f] = both_probes(aidcsim::test::generated_platform("cm384", 2, 4), moe_671b(512));
  expect_within_1_percent(s, f);
}

// Once the step is measured, nothing keeps the compute phase's ended helper actors: each used to
// hold its phase, which held the helpers back, so that neither was ever freed (nor a helper's stack).
TEST(StepProbe, ComputeHelpersAreFreedOnceMeasured) {
  static int created = 0; // SimGrid's signals are static
  static int destroyed = 0;
  sg4::Actor::on_creation_cb([](const sg4::Actor& a) {
    if (a.get_name() == "step-probe-compute")
      ++created;
  });
  sg4::Actor::on_destruction_cb([](const sg4::Actor& a) {
    if (a.get_name() == "step-probe-compute")
      ++destroyed;
  });
  both_probes(aidcsim::test::generated_platform("nvl72", 8, 4), moe_671b(512));
  EXPECT_GT(created, 0);
  EXPECT_EQ(destroyed, created);
}
