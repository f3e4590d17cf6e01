// The full-load workload against its closed form: E = T * sum_i P_full,i, and the default
// scenario's headline: one NVL72 at full load for 1 h uses 145 kWh (seed-figures: 145,000 W).
#include "engine/input/catalog.hpp"
#include "engine/input/scenario.hpp"
#include "engine/sim/full_load.hpp"
#include "engine/sim/simulation.hpp"

#include <gtest/gtest.h>

namespace {
const std::string source = AIDCSIM_SOURCE_DIR;
}

TEST(FullLoadModel, ClosedForm) {
  EXPECT_DOUBLE_EQ(aidcsim::workload::full_load_energy_j({100.0, 200.0, 300.0}, 10.0), 6000.0);
  EXPECT_DOUBLE_EQ(aidcsim::workload::full_load_energy_j({}, 10.0), 0.0);
}

TEST(FullLoadRun, DefaultScenarioUses145KwhInOneHour) {
  const auto scenario = aidcsim::load_scenario(source + "/scenarios/default.yaml");
  const auto r = aidcsim::run_scenario(scenario);
  EXPECT_EQ(r.accelerators, 72u);
  EXPECT_NEAR(r.simulated_time_s, 3600.0, 1e-6);
  EXPECT_NEAR(r.it_energy_kwh, 145.0, 1.45); // within 1% of the founding document
  // And exactly the closed form of the platform's per-GPU full power (2013.8889 W x 72 x 1 h).
  const double closed_form_kwh =
      aidcsim::workload::full_load_energy_j(std::vector<double>(72, 2013.8889), 3600.0) / 3.6e6;
  EXPECT_NEAR(r.it_energy_kwh, closed_form_kwh, 1e-9 * closed_form_kwh);
  EXPECT_NEAR(r.mean_it_power_kw, 145.0, 0.01);
}

TEST(FullLoadRun, CloudMatrixUses600KwhInOneHour) {
  auto scenario = aidcsim::load_scenario(source + "/scenarios/cm384-full-load.yaml");
  const auto r = aidcsim::run_scenario(scenario);
  EXPECT_EQ(r.accelerators, 384u);
  EXPECT_NEAR(r.it_energy_kwh, 599.821, 0.01);
}

TEST(FullLoadRun, EnergyScalesWithDuration) {
  auto scenario = aidcsim::load_scenario(source + "/scenarios/default.yaml");
  scenario.duration_s = 7.0 * 86400.0; // one week
  const auto r = aidcsim::run_scenario(scenario);
  EXPECT_NEAR(r.simulated_time_s, 7.0 * 86400.0, 1e-3);
  EXPECT_NEAR(r.it_energy_kwh, 145.0 * 24 * 7, 1e-6 * 145.0 * 24 * 7);
}
