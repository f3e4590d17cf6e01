// The power chain through the whole run path (scenario file, SimGrid engine, facility clock)
// against closed forms, with tolerances from the run's own standard error.
#include "engine/base/units.hpp"
#include "engine/input/scenario.hpp"
#include "engine/sim/simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

const std::string source = AIDCSIM_SOURCE_DIR;

aidcsim::RunResult run_years(const std::string& scenario, double years) {
  auto s = aidcsim::load_scenario(source + "/" + scenario);
  s.duration_s = years * aidcsim::units::seconds_per_year;
  return aidcsim::run_scenario(s);
}

} // namespace

TEST(Validation, UpsOnlyMatches101Point58MinutesPerYear) {
  const auto r = run_years("scenarios/validation/ups-only.yaml", 200000);
  const auto& f = r.facility;
  ASSERT_TRUE(f.value("it_downtime_standard_error_min_per_year").has_value());
  const double se = f.number("it_downtime_standard_error_min_per_year");
  const double expected = 2 * 60 * std::exp(-10.0 / 60.0); // 101.58
  EXPECT_NEAR(f.number("it_downtime_min_per_year"), expected, 4 * se) << "standard error " << se;
  EXPECT_LT(se, 0.3);
  EXPECT_EQ(f.simulated_whole_years, 200000);
  // Outages arrive at 2 per year; those longer than the battery's 10 min lose IT: exp(-1/6).
  EXPECT_NEAR(f.number("utility_outages") / 200000, 2.0, 4 * std::sqrt(2.0 / 200000));
  EXPECT_NEAR(f.number("outage_episodes.it_lost") / f.number("utility_outages"), std::exp(-1.0 / 6.0), 0.005);
}

TEST(Validation, GensetFailToStartMatches5Point08MinutesPerYear) {
  const auto r = run_years("scenarios/validation/genset-fts.yaml", 400000);
  const auto& f = r.facility;
  const double se = f.number("it_downtime_standard_error_min_per_year");
  const double expected = 0.05 * 2 * 60 * std::exp(-10.0 / 60.0); // 5.08
  EXPECT_NEAR(f.number("it_downtime_min_per_year"), expected, 4 * se) << "standard error " << se;
  EXPECT_LT(se, 0.06);
  EXPECT_NEAR(f.number("genset_failed_start_attempts") / f.number("utility_outages"), 0.05, 0.002);
}

TEST(Validation, RackOutageTurnsItsHostsOffUntilBooted) {
  const auto s = aidcsim::load_scenario(source + "/test/data/facility/rack-outage.yaml");
  const auto r = aidcsim::run_scenario(s);
  EXPECT_NEAR(r.facility.number("it_downtime_min_per_year") * r.facility.number("simulated_years"), 35.0,
              1e-6);
  EXPECT_NEAR(r.facility.number("it_service_downtime_min_per_year") * r.facility.number("simulated_years"),
              40.0, 1e-6);
  // Hosts draw nothing while off (35 min unpowered + 5 min boot) and full power otherwise.
  EXPECT_NEAR(r.it_energy_kwh, 145.0 * (180.0 - 40.0) / 60.0, 0.01);
  EXPECT_NEAR(r.simulated_time_s, 3 * 3600.0, 1e-6);
}

TEST(Validation, OutageAtTimeZeroTurnsHostsOffFromTheStart) {
  const auto s = aidcsim::load_scenario(source + "/test/data/facility/outage-at-time-zero.yaml");
  const auto r = aidcsim::run_scenario(s);
  EXPECT_NEAR(r.it_energy_kwh, 145.0 * 90.0 / 60.0, 0.01);
}
