// Sweep expansion, seeding and key-path overrides; statistics of replications.
#include "engine/base/statistics.hpp"
#include "engine/input/sweep.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <set>

namespace {
const std::string source = AIDCSIM_SOURCE_DIR;
}

TEST(Sweep, ExpandsAxesTimesReplications) {
  const auto sw = aidcsim::load_sweep(source + "/scenarios/sweeps/ups-gensets-grid.yaml");
  ASSERT_EQ(sw.axes.size(), 3u);
  EXPECT_EQ(sw.points.size(), 18u);
  EXPECT_EQ(sw.runs.size(), 360u);
  // First axis slowest: point 1 differs from point 0 in the last axis only.
  EXPECT_EQ(sw.points[1].overrides[0].yaml_value, "1 min");
  EXPECT_EQ(sw.points[1].overrides[2].yaml_value, "4 /y");
  EXPECT_EQ(sw.points[17].label, "facility.ups[ups].battery.runtime=10 min, facility.gensets[gen].sizing=2N, "
                                 "facility.utility[grid].outages.rate=4 /y");
  EXPECT_EQ(sw.runs[21].key, "p1-r1");
}

// A sweep file's text reads as the file does, its base scenario found from the name given.
TEST(Sweep, TextReadsAsItsFile) {
  const std::string path = source + "/test/data/sweeps/small.yaml";
  std::ifstream in(path);
  const std::string text(std::istreambuf_iterator<char>(in), {});
  const auto from_file = aidcsim::load_sweep(path);
  const auto from_text = aidcsim::load_sweep_text(text, path);
  EXPECT_EQ(from_text.base, from_file.base);
  EXPECT_EQ(from_text.runs.size(), from_file.runs.size());
  EXPECT_EQ(from_text.fingerprint, from_file.fingerprint);
}

TEST(Sweep, SeedsAreDistinctStableAndFitSixtyThreeBits) {
  const auto a = aidcsim::load_sweep(source + "/scenarios/sweeps/ups-gensets-grid.yaml");
  const auto b = aidcsim::load_sweep(source + "/scenarios/sweeps/ups-gensets-grid.yaml");
  std::set<std::uint64_t> seeds;
  for (std::size_t i = 0; i < a.runs.size(); ++i) {
    EXPECT_EQ(a.runs[i].seed, b.runs[i].seed);
    EXPECT_LT(a.runs[i].seed, 1ULL << 63);
    seeds.insert(a.runs[i].seed);
  }
  EXPECT_EQ(seeds.size(), a.runs.size());
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  // The seed depends on the run's identity only, not on where it sits in the expansion.
  EXPECT_EQ(a.runs[0].seed, aidcsim::sweep_seed(a.name, a.points[0].label, 0));
}

// seeds: common: replication r has one seed at every point (and another sweep identity).
TEST(Sweep, CommonSeedsAreSharedByThePointsOfAReplication) {
  const auto sw = aidcsim::load_sweep(source + "/scenarios/sweeps/battery-policies.yaml");
  ASSERT_TRUE(sw.common_seeds);
  ASSERT_EQ(sw.points.size(), 5u);
  std::set<std::uint64_t> seeds;
  for (const auto& run : sw.runs) {
    EXPECT_EQ(run.seed, sw.runs[run.replication].seed) << run.key;
    seeds.insert(run.seed);
  }
  EXPECT_EQ(seeds.size(), static_cast<std::size_t>(sw.replications));
  EXPECT_EQ(sw.runs[0].seed, aidcsim::sweep_seed(sw.name, "", 0));
  const std::string text = "name: battery policies through a grid outage the gensets miss\n"
                           "base: ../dynamics/outage-512-policies.yaml\nreplications: 10\n"
                           "axes: {policies: [{checkpoint_on_battery: false, cap_on_battery: false}, "
                           "{checkpoint_on_battery: {before_empty: false}}, {checkpoint_on_battery: true}, "
                           "{cap_on_battery: true}, {checkpoint_on_battery: true, cap_on_battery: true}]}\n";
  const auto per_point = aidcsim::load_sweep_text(text, source + "/scenarios/sweeps/battery-policies.yaml");
  EXPECT_FALSE(per_point.common_seeds);
  EXPECT_NE(per_point.runs[10].seed, per_point.runs[0].seed);
  EXPECT_NE(per_point.fingerprint, sw.fingerprint);
}

TEST(Sweep, ScenarioOfARunCarriesItsValuesSeedAndYears) {
  const auto sw = aidcsim::load_sweep(source + "/scenarios/sweeps/ups-gensets-grid.yaml");
  const auto& run = sw.runs[17 * 20 + 3]; // point 17: 10 min, 2N, 4 /y
  const auto s = sw.scenario_for(run);
  EXPECT_EQ(s.seed, run.seed);
  EXPECT_DOUBLE_EQ(s.duration_s, 1000 * 365 * 86400.0);
  EXPECT_DOUBLE_EQ(s.facility.ups[0].battery.runtime_at_rated_s, 600.0);
  EXPECT_EQ(s.facility.gensets[0].units, 2); // 2N with N = 1
  EXPECT_DOUBLE_EQ(s.facility.utilities[0].outages.rate_per_s, 4.0 / (365 * 86400.0));
}

TEST(Sweep, BadAxisValueIsReportedAtTheValue) {
  try {
    aidcsim::load_sweep(source + "/test/data/sweeps/bad-axis.yaml");
    FAIL() << "bad axis value accepted";
  } catch (const aidcsim::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const auto& d = e.diagnostics().items()[0];
    EXPECT_EQ(d.pos.line, 5);
    EXPECT_EQ(d.pos.column, 46);
    EXPECT_EQ(d.value, "10 parsecs");
    EXPECT_NE(d.message.find("unknown unit 'parsecs'"), std::string::npos) << d.message;
  }
}

TEST(Sweep, KeyPathThatLeadsNowhereIsAnError) {
  const aidcsim::SourcePos where{"sweep.yaml", 3, 4};
  try {
    aidcsim::load_scenario(source + "/scenarios/validation/ups-only.yaml",
                           {{"facility.ups[upz].battery.runtime", "5 min", where}});
    FAIL() << "unknown list item accepted";
  } catch (const aidcsim::InputError& e) {
    const auto& d = e.diagnostics().items()[0];
    EXPECT_EQ(d.pos.line, 3);
    EXPECT_NE(d.message.find("no list item with id or index 'upz'"), std::string::npos) << d.message;
  }
}

TEST(Statistics, MeanSdAndStudentTIntervalOfAKnownSample) {
  // 1..10: mean 5.5, sd sqrt(110/12) = 3.0277, t(0.975, 9) = 2.2622 -> half-width 2.1659.
  const auto s = aidcsim::summarize({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  EXPECT_EQ(s.n, 10u);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  EXPECT_NEAR(s.sd, 3.0276503540974917, 1e-12);
  EXPECT_NEAR(s.ci95_half, 2.2621571627409915 * 3.0276503540974917 / std::sqrt(10.0), 1e-9);
  const auto one = aidcsim::summarize({4.0});
  EXPECT_EQ(one.sd, 0.0);
  EXPECT_EQ(one.ci95_half, 0.0);
}

TEST(Sweep, BadAxisKeysAreRefused) {
  try {
    aidcsim::load_sweep(source + "/test/data/sweeps/bad-keys.yaml");
    FAIL() << "bad axis keys accepted";
  } catch (const aidcsim::InputError& e) {
    const auto& d = e.diagnostics().items();
    ASSERT_EQ(d.size(), 4u) << e.what();
    EXPECT_EQ(d[0].pos.line, 5);
    EXPECT_NE(d[0].message.find("not a scenario key path"), std::string::npos);
    EXPECT_EQ(d[1].value, "facility.ups[ups.battery.runtime"); // unclosed bracket
    EXPECT_NE(d[2].message.find("the batch sets every run's seed"), std::string::npos);
    EXPECT_NE(d[3].message.find("the same axis twice"), std::string::npos);
  }
}

TEST(Sweep, OverrideOfAnAnchoredValueLeavesItsAliasesAlone) {
  // The UPS rating and the rack load share one anchored value; overriding the rating to 100 kW
  // must not shrink the rack, so the design-load check refuses the point.
  try {
    aidcsim::load_sweep(source + "/test/data/sweeps/alias.yaml");
    FAIL() << "override through an alias changed the aliased load too";
  } catch (const aidcsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("below the 0.145 MW design load"), std::string::npos) << e.what();
  }
}

TEST(Sweep, HugeListIndexIsNoItemNotACrash) {
  try {
    aidcsim::load_scenario(source + "/scenarios/validation/ups-only.yaml",
                           {{"facility.ups[99999999999999999999999].battery.runtime", "5 min", {}}});
    FAIL() << "huge index accepted";
  } catch (const aidcsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no list item with id or index"), std::string::npos) << e.what();
  }
}
