// The rare-event estimator (models/power/regenerative_estimator.hpp, failure_bias.hpp) against
// exact unavailabilities from the CTMC of Markovian designs (test/reference/ctmc.hpp), from 1e-5
// down to 1e-9: each estimate's 95 % interval covers the exact value, over seeds as often as a
// 95 % interval should, and with far less simulated time than plain Monte Carlo would need.
#include "engine/base/units.hpp"
#include "engine/input/scenario.hpp"
#include "models/power/facility.hpp"
#include "models/power/power_graph.hpp"
#include "test/reference/ctmc.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

using namespace aidcsim::power;
namespace ref = aidcsim::reference;
using aidcsim::units::seconds_per_year;

namespace {

constexpr double hour = 3600;

// Two independent paths A and B to one dual-corded rack. Path k: its own utility feed (outages at
// `outages_per_y`, exponential durations of mean `outage_h`, 0: none) and `units` distribution
// units in series, each failing at `failures_per_y` with exponential repairs of mean `repair_h`.
struct TwoPaths {
  double outages_per_y = 0, outage_h = 1;
  int units = 1;
  double failures_per_y = 0.5, repair_h = 8;
  double majors_per_y = 0, major_h = 12; // major events on each feed, exponential too

  FacilitySpec spec() const {
    FacilitySpec s;
    for (const char* path : {"a", "b"}) {
      UtilitySpec u{std::string("grid-") + path, {}, {}};
      if (outages_per_y > 0)
        u.outages = {outages_per_y / seconds_per_year,
                     aidcsim::faults::DurationDistribution::exponential(outage_h * hour)};
      if (majors_per_y > 0)
        u.major_events = {majors_per_y / seconds_per_year,
                          aidcsim::faults::DurationDistribution::exponential(major_h * hour)};
      s.utilities.push_back(u);
      std::string feed = u.id;
      for (int k = 0; k < units; ++k) {
        DistributionSpec d;
        d.id = std::string("unit-") + path + std::to_string(k);
        d.fed_by = feed;
        d.failures = {failures_per_y / seconds_per_year,
                      aidcsim::faults::DurationDistribution::exponential(repair_h * hour)};
        s.distribution.push_back(d);
        feed = d.id;
      }
    }
    LoadSpec rack;
    rack.id = "rack";
    rack.fed_by = {"unit-a" + std::to_string(units - 1), "unit-b" + std::to_string(units - 1)};
    rack.load_kw = 145;
    s.loads.push_back(rack);
    return s;
  }

  // The exact unavailability: the product chain of every feed and unit.
  double exact() const {
    std::vector<ref::MarkovComponent> c;
    for (int path = 0; path < 2; ++path) {
      if (outages_per_y > 0)
        c.push_back({outages_per_y / seconds_per_year, 1 / (outage_h * hour), true, 5});
      if (majors_per_y > 0)
        c.push_back({majors_per_y / seconds_per_year, 1 / (major_h * hour), true, 4});
      for (int k = 0; k < units; ++k)
        c.push_back({failures_per_y / seconds_per_year, 1 / (repair_h * hour)});
    }
    const int per_path = (outages_per_y > 0 ? 1 : 0) + (majors_per_y > 0 ? 1 : 0) + units;
    return ref::probability_down(c, [per_path](const std::vector<int>& s) {
      bool down[2] = {false, false};
      for (int i = 0; i < 2 * per_path; ++i)
        down[i / per_path] = down[i / per_path] || s[i] > 0;
      return down[0] && down[1];
    });
  }
};

// The facility's event core alone, with importance sampling, for `years`.
RareEventEstimate run_spec(const FacilitySpec& spec, double years, std::uint64_t seed) {
  std::vector<GraphProblem> problems;
  const PowerGraph graph = PowerGraph::build(spec, problems);
  if (!problems.empty())
    throw std::logic_error("bad test design");
  Facility f(spec, graph, seed, {});
  f.estimate_rare_events({});
  const double end = years * seconds_per_year;
  while (f.next_event_time() <= end)
    f.advance_to(f.next_event_time());
  f.finish(end);
  return f.rare_event_estimator()->estimate();
}

RareEventEstimate run(const TwoPaths& design, double years, std::uint64_t seed) {
  return run_spec(design.spec(), years, seed);
}

} // namespace

struct Design {
  const char* name;
  TwoPaths paths;
  double years;
};

class RareEvent : public ::testing::TestWithParam<Design> {};

TEST_P(RareEvent, IntervalCoversTheExactUnavailability) {
  const Design& d = GetParam();
  const double exact = d.paths.exact();
  const RareEventEstimate e = run(d.paths, d.years, 1);
  char trace[200];
  std::snprintf(trace, sizeof trace, "%s: exact %.6e, estimate %.6e +- %.3e, cycles %ld, with loss %ld",
                d.name, exact, e.unavailability.value, e.unavailability.half_width, e.cycles,
                e.cycles_with_it_loss);
  SCOPED_TRACE(trace);
  std::printf("%s\n", trace);
  // One seed per design, checked at 99 %: at 95 % one of the six would miss about one change in
  // four by chance; the 95 % coverage itself is checked over 20 seeds below.
  EXPECT_LE(std::abs(e.unavailability.value - exact), 2.576 / 1.96 * e.unavailability.half_width);
  EXPECT_LT(e.relative_error, 0.1);
  EXPECT_TRUE(e.warnings.empty()) << e.warnings.front();
}

INSTANTIATE_TEST_SUITE_P(
    Designs, RareEvent,
    ::testing::Values(Design{"pdus_2e7", {0, 1, 1, 0.5, 8}, 20000},
                      Design{"pdus_1e5", {0, 1, 1, 3.0, 12}, 5000},
                      Design{"pdus_1e9", {0, 1, 1, 0.04, 6}, 200000},
                      Design{"series_pairs", {0, 1, 2, 0.2, 10}, 50000},
                      Design{"feeds_and_pdus", {1.3, 0.67, 1, 0.1, 8}, 40000},
                      Design{"feeds_with_major_events", {1.0, 0.67, 1, 0.1, 8, 0.33, 12}, 40000}),
    [](const auto& info) { return std::string(info.param.name); });

// Over 20 seeds a 95 % interval should miss about once; at least 17 must cover the exact value
// (the criterion), and the estimates' mean must sit within its own standard error.
TEST_P(RareEvent, IntervalsCoverAtLeast17Of20Seeds) {
  const Design& d = GetParam();
  const double exact = d.paths.exact();
  int covered = 0;
  double sum = 0, sum_sq = 0;
  for (std::uint64_t seed = 101; seed < 121; ++seed) {
    const RareEventEstimate e = run(d.paths, d.years / 2, seed);
    covered += std::abs(e.unavailability.value - exact) <= e.unavailability.half_width ? 1 : 0;
    sum += e.unavailability.value / exact;
    sum_sq += std::pow(e.unavailability.value / exact, 2);
  }
  const double mean = sum / 20, se = std::sqrt((sum_sq / 20 - mean * mean) / 19);
  std::printf("%s: %d of 20 cover; mean estimate / exact %.4f +- %.4f\n", d.name, covered, mean, se);
  EXPECT_GE(covered, 17);
  EXPECT_NEAR(mean, 1.0, 3 * se);
}

namespace {

// One UPS of two power modules, N+1, on a feed that never fails: the rack loses power only while
// both modules are down. Each module fails at `per_module_y` per year, a fraction `beta` of it as
// one common-cause event that fails both, and is repaired on its own (exponential, `repair_h`).
FacilitySpec ups_pair(double per_module_y, double beta, double repair_h) {
  FacilitySpec s;
  s.utilities.push_back({"grid", {}, {}});
  UpsSpec u;
  u.id = "ups";
  u.fed_by = "grid";
  u.rating_kw = 150;
  u.modules = 2;
  u.redundant_modules = 1;
  u.battery = {150, 600, 1.0, 15};
  u.module_failures = {per_module_y / seconds_per_year,
                       aidcsim::faults::DurationDistribution::exponential(repair_h * hour), beta};
  s.ups.push_back(u);
  LoadSpec rack;
  rack.id = "rack";
  rack.fed_by = {"ups"};
  rack.load_kw = 145;
  s.loads.push_back(rack);
  return s;
}

// The birth-death chain on failed modules with the common-cause jump 0 -> 2.
double ups_pair_exact(double per_module_y, double beta, double repair_h) {
  const double l = per_module_y / seconds_per_year, m = 1 / (repair_h * hour);
  const auto pi = ref::steady_state({{0, 2 * (1 - beta) * l, beta * l}, {m, 0, l}, {0, 2 * m, 0}});
  return pi[2];
}

} // namespace

// Common cause dominates a redundant pair: with beta = 5 % the pair is down 56 times more
// often than two independent modules would be. The estimate covers the exact value, and over 20
// seeds at least 17 intervals do.
TEST(RareEventCommonCause, UpsModulePairMatchesItsChain) {
  const double exact = ups_pair_exact(0.5, 0.05, 8);
  const double independent = ups_pair_exact(0.5, 0.0, 8);
  EXPECT_GT(exact / independent, 10.0);
  const RareEventEstimate long_run = run_spec(ups_pair(0.5, 0.05, 8), 100000, 1);
  std::printf("UPS pair, beta 5 %%: exact %.6e, estimate %.6e +- %.3e (independent: %.3e)\n", exact,
              long_run.unavailability.value, long_run.unavailability.half_width, independent);
  // One run's 95 % interval misses one time in 20 by design (seed 1 misses by 1.27 half-widths;
  // seeds 2 to 6 cover, their mean 1.01 times the exact value): this run must agree at 99 %, the
  // 20 seeds below check the coverage itself.
  EXPECT_LE(std::abs(long_run.unavailability.value - exact),
            2.576 / 1.96 * long_run.unavailability.half_width);
  EXPECT_LT(long_run.relative_error, 0.1);
  int covered = 0;
  for (std::uint64_t seed = 101; seed < 121; ++seed) {
    const RareEventEstimate e = run_spec(ups_pair(0.5, 0.05, 8), 20000, seed);
    covered += std::abs(e.unavailability.value - exact) <= e.unavailability.half_width ? 1 : 0;
  }
  std::printf("UPS pair, beta 5 %%: %d of 20 cover\n", covered);
  EXPECT_GE(covered, 17);
}

// Common cause in a genset plant (test/data/rare/genset-pair-common-cause.yaml): two units, N+1,
// each failing to start 5 % of the time, a tenth of it one event that fails both. Closed form:
// 2 /y x 60 min x exp(-10/60) x [0.1 x 0.05 + (1 - 0.005) (0.9 x 0.05)^2] = 0.7126 min/year.
TEST(RareEventCommonCause, GensetPairMatchesItsClosedForm) {
  const auto s = aidcsim::load_scenario(std::string(AIDCSIM_SOURCE_DIR) +
                                        "/test/data/rare/genset-pair-common-cause.yaml");
  const double p = 0.05, beta = 0.1;
  const double plant_fails = beta * p + (1 - beta * p) * std::pow((1 - beta) * p, 2);
  const double exact_min_per_y = 2 * 60 * std::exp(-10.0 / 60) * plant_fails;
  int covered = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const RareEventEstimate e = run_spec(s.facility, 5000, seed);
    covered += std::abs(e.downtime_min_per_year.value - exact_min_per_y) <= e.downtime_min_per_year.half_width
                   ? 1
                   : 0;
    if (seed == 1)
      std::printf("genset pair, beta 10 %%: exact %.4f min/y, estimate %.4f +- %.4f\n", exact_min_per_y,
                  e.downtime_min_per_year.value, e.downtime_min_per_year.half_width);
  }
  std::printf("genset pair, beta 10 %%: %d of 20 cover\n", covered);
  EXPECT_GE(covered, 17);
}
