// A run's cost as the engine assembles it: each figure against the run's own measures and the
// prices, so that a figure wired to the wrong measure shows; and the downtime cost's interval.
#include "engine/input/scenario.hpp"
#include "engine/sim/cost_result.hpp"
#include "engine/sim/simulation.hpp"
#include "models/cost/annualised.hpp"
#include "models/cost/default_costs.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {
const std::string source = AIDCSIM_SOURCE_DIR;
constexpr double year_s = 365 * 86400.0;
} // namespace

// The eight-rack hall with N gensets and a 1 min UPS over 2,000 years: it loses IT power.
TEST(CostResult, ValuesTheRunsOwnMeasures) {
  std::vector<aidcsim::KeyOverride> o = {{"facility.gensets[gen].sizing", "N", {}},
                                         {"facility.ups[ups].battery.runtime", "1 min", {}},
                                         {"duration", "2000 y", {}}};
  const aidcsim::Scenario s = aidcsim::load_scenario(source + "/scenarios/power/hall-backup-design.yaml", o);
  const aidcsim::RunResult r = aidcsim::run_scenario(s);
  const aidcsim::CostResult& c = r.cost;
  ASSERT_TRUE(c.present);
  const double years = 2000;
  EXPECT_NEAR(c.measures.years, years, 1e-9);
  // Downtime: the racks' service downtime over all 576 GPUs, at 5.50 $ an accelerator-hour.
  const double service_min = r.facility.number("it_service_downtime_min");
  ASSERT_GT(service_min, 0);
  EXPECT_NEAR(c.measures.lost_accelerator_hours, service_min / 60 * 576, 1e-9 * service_min * 576);
  EXPECT_NEAR(c.annual.downtime, c.measures.lost_accelerator_hours * 5.50 / years, 1e-9);
  // Energy: what the sources delivered but the gensets, at 0.081 $/kWh; fuel at 0.267 $/kWh.
  const double source_kwh = r.facility.number("energy.source_kwh");
  const double genset_kwh = r.facility.number("genset_energy_kwh");
  EXPECT_NEAR(c.annual.energy, (source_kwh - genset_kwh) * 0.081 / years, 1e-6);
  EXPECT_NEAR(c.annual.fuel, genset_kwh * 3.76 * 0.071 / years, 1e-9);
  // Capital: two 800 kW gensets (N), 576 GPUs at 41,700 $ / 0.69, eight racks at 2,000 $.
  using aidcsim::cost::Item;
  EXPECT_DOUBLE_EQ(c.capex.quantity[static_cast<std::size_t>(Item::genset)], 1600);
  EXPECT_NEAR(c.capex.usd[static_cast<std::size_t>(Item::accelerator)], 576 * 41700 / 0.69, 1e-6);
  EXPECT_DOUBLE_EQ(c.capex.usd[static_cast<std::size_t>(Item::rack)], 16000);
  // Each item over its default life at 7 % (the accelerators over 5 years, the gensets over 20).
  const aidcsim::cost::CostSpec prices = aidcsim::cost::default_costs();
  double capital = 0;
  for (std::size_t i = 0; i < aidcsim::cost::item_count; ++i)
    capital += c.capex.usd[i] * aidcsim::cost::capital_recovery_factor(0.07, prices.items[i].life_years);
  EXPECT_NEAR(c.annual.capital, capital, 1e-6);
  EXPECT_DOUBLE_EQ(prices[Item::accelerator].life_years, 5);
  // 2,000 whole years: the downtime cost has its interval, around it.
  ASSERT_TRUE(c.downtime_ci95.has_value());
  EXPECT_LT(c.downtime_ci95->first, c.annual.downtime);
  EXPECT_GT(c.downtime_ci95->second, c.annual.downtime);
  EXPECT_NEAR(r.simulated_time_s, years * year_s, 1e-3);
}

TEST(CostResult, DowntimeIntervalFollowsTheYearlyStandardError) {
  aidcsim::FacilityResult f;
  f.present = true;
  const auto& table = aidcsim::power::facility_metrics();
  f.values.assign(table.size(), 0.0);
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table[i].key == "it_downtime_min_per_year")
      f.values[i] = 10.0;
    if (table[i].key == "it_downtime_standard_error_min_per_year")
      f.values[i] = 2.0;
  }
  const auto ci = aidcsim::downtime_interval(1000, f, {});
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(ci->first, 1000 * (1 - 1.96 * 0.2), 1e-9);
  EXPECT_NEAR(ci->second, 1000 * (1 + 1.96 * 0.2), 1e-9);
  // A training job's losses have no yearly samples; nor has a run shorter than two years.
  aidcsim::AiResult training;
  training.training = true;
  EXPECT_FALSE(aidcsim::downtime_interval(1000, f, training).has_value());
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].key == "it_downtime_standard_error_min_per_year")
      f.values[i] = std::nullopt;
  EXPECT_FALSE(aidcsim::downtime_interval(1000, f, {}).has_value());
}
