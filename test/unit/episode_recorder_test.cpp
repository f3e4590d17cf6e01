// Root causes: the chain of faults behind each IT-loss episode, checked on hand-computed
// timelines, and the estimator's downtime by cause against its total.
#include "engine/base/units.hpp"
#include "models/power/facility.hpp"
#include "test/unit/facility_chain.hpp"

#include <gtest/gtest.h>

#include <numeric>

using namespace aidcsim::power;

namespace {

constexpr double minute = 60, hour = 3600;

// utility -> ATS <- genset (one unit) -> UPS (10 min at the rack's load) -> PDU -> rack.
FacilitySpec chain_spec() {
  return fixtures::Chain(1000, 10 * minute, true).spec;
}

struct EpisodeRun {
  PowerGraph graph;
  Facility facility;
  std::vector<Episode> episodes;
  EpisodeRun(const FacilitySpec& spec, std::vector<ScheduledFault> faults, double end_s)
      : graph(build(spec)), facility(spec, graph, 1, std::move(faults)) {
    facility.episodes().on_episode = [this](const Episode& e) { episodes.push_back(e); };
    while (facility.next_event_time() <= end_s)
      facility.advance_to(facility.next_event_time());
    facility.finish(end_s);
  }
  static PowerGraph build(const FacilitySpec& spec) {
    std::vector<GraphProblem> problems;
    PowerGraph g = PowerGraph::build(spec, problems);
    EXPECT_TRUE(problems.empty());
    return g;
  }
  std::string cause(int index) const { return facility.episodes().causes()[static_cast<std::size_t>(index)]; }
};

ScheduledFault utility_loss(double at, double duration) {
  return {at, ScheduledFault::Kind::utility_loss, "grid", duration, 0};
}

} // namespace

// The example: the utility is lost, the genset fails to start, the battery empties after
// its 10 min and IT is down until the utility returns an hour after it left.
TEST(EpisodeRecorder, UtilityLossGensetFailsBatteryEmpties) {
  EpisodeRun run(chain_spec(),
                 {utility_loss(100, hour), {100, ScheduledFault::Kind::genset_fail_to_start, "gen", 0, 1}},
                 2 * hour);
  ASSERT_EQ(run.episodes.size(), 1u);
  const Episode& e = run.episodes[0];
  EXPECT_DOUBLE_EQ(e.chain_start_s, 100);
  EXPECT_NEAR(e.it_lost_s, 100 + 10 * minute, 1e-6);
  EXPECT_NEAR(e.end_s, 100 + hour, 1e-6);
  EXPECT_NEAR(e.it_downtime_min, 50, 1e-6);
  EXPECT_EQ(e.racks_lost, 1);
  EXPECT_EQ(run.cause(e.first_cause), "utility outage");
  EXPECT_EQ(e.first_component, "grid");
  EXPECT_EQ(run.cause(e.last_cause), "UPS battery empty");
  EXPECT_EQ(e.last_component, "ups");
  EXPECT_EQ(e.chain, "grid utility outage; +0 s ups UPS on battery; +10 s gen genset fail to start; "
                     "+10 min ups UPS battery empty; +10 min IT lost");
  EXPECT_DOUBLE_EQ(e.weight, 1.0);
  const EpisodeRecorder& r = run.facility.episodes();
  EXPECT_EQ(r.episodes(), 1);
  EXPECT_NEAR(r.by_cause()[static_cast<std::size_t>(e.first_cause)].it_downtime_min, 50, 1e-6);
  ASSERT_EQ(r.components(), std::vector<std::string>{"grid"});
  EXPECT_EQ(r.by_component()[0].episodes, 1);
}

// An outage the battery bridges leaves no episode and its chain ends with it: a PDU failure later
// starts a chain of its own, and its downtime is the repair's two hours.
TEST(EpisodeRecorder, BridgedOutageLeavesNoChainBehind) {
  EpisodeRun run(
      chain_spec(),
      {utility_loss(100, 5 * minute), {hour, ScheduledFault::Kind::component_down, "pdu", 2 * hour, 0}},
      5 * hour);
  ASSERT_EQ(run.episodes.size(), 1u);
  const Episode& e = run.episodes[0];
  EXPECT_EQ(e.chain, "pdu PDU failure; +0 s IT lost");
  EXPECT_EQ(run.cause(e.first_cause), "PDU failure");
  EXPECT_EQ(e.first_component, "pdu");
  EXPECT_DOUBLE_EQ(e.it_lost_s, hour);
  EXPECT_NEAR(e.it_downtime_min, 120, 1e-6);
}

// An episode still open at the end closes there, with the downtime booked so far.
TEST(EpisodeRecorder, OpenEpisodeClosesAtTheEnd) {
  EpisodeRun run(chain_spec(), {{hour, ScheduledFault::Kind::component_down, "pdu", 10 * hour, 0}}, 2 * hour);
  ASSERT_EQ(run.episodes.size(), 1u);
  EXPECT_DOUBLE_EQ(run.episodes[0].end_s, 2 * hour);
  EXPECT_NEAR(run.episodes[0].it_downtime_min, 60, 1e-6);
}

// Under importance sampling every IT downtime minute falls in an episode, so the estimates by
// first cause and by component share the total's denominator and add up to it exactly; each
// episode written carries its cycle's weight.
TEST(EpisodeRecorder, EstimatesByCauseAddUpToTheTotal) {
  FacilitySpec spec = chain_spec();
  spec.utilities[0].outages.rate_per_s = 2.0 / aidcsim::units::seconds_per_year;
  spec.utilities[0].outages.duration = aidcsim::faults::DurationDistribution::exponential(hour);
  spec.gensets[0].fail_to_start = 0.01;
  spec.gensets[0].fail_while_running_per_s = 0.002 / hour;
  spec.distribution[0].failures.rate_per_s = 0.02 / aidcsim::units::seconds_per_year;
  spec.distribution[0].failures.duration = aidcsim::faults::DurationDistribution::exponential(24 * hour);
  std::vector<GraphProblem> problems;
  const PowerGraph graph = PowerGraph::build(spec, problems);
  Facility facility(spec, graph, 7, {});
  long weighted = 0;
  facility.episodes().on_episode = [&](const Episode& e) { weighted += e.weight != 1.0 ? 1 : 0; };
  facility.estimate_rare_events(SamplingOptions{});
  const double end = 2000 * aidcsim::units::seconds_per_year;
  while (facility.next_event_time() <= end)
    facility.advance_to(facility.next_event_time());
  facility.finish(end);
  const RareEventEstimate e = facility.rare_event_estimator()->estimate();
  auto sum = [](const std::vector<CauseEstimate>& v, bool downtime) {
    return std::accumulate(v.begin(), v.end(), 0.0, [&](double s, const CauseEstimate& c) {
      return s + (downtime ? c.downtime_min_per_year.value : c.it_loss_episodes_per_year.value);
    });
  };
  ASSERT_GT(e.downtime_min_per_year.value, 0);
  EXPECT_NEAR(sum(e.by_cause, true), e.downtime_min_per_year.value, 1e-9 * e.downtime_min_per_year.value);
  EXPECT_NEAR(sum(e.by_component, true), e.downtime_min_per_year.value, 1e-9 * e.downtime_min_per_year.value);
  EXPECT_NEAR(sum(e.by_cause, false), e.it_loss_episodes_per_year.value,
              1e-9 * e.it_loss_episodes_per_year.value);
  const auto& causes = facility.episodes().causes();
  EXPECT_NE(std::find(causes.begin(), causes.end(), "PDU failure"), causes.end());
  EXPECT_NE(std::find(causes.begin(), causes.end(), "utility outage"), causes.end());
  EXPECT_GT(weighted, 0);
}

// A cooling unit's own failures: failed, it stops as if unpowered until repaired, an alternating
// renewal process (down a fraction lambda m / (1 + lambda m)); the rack beside it runs on.
TEST(CoolingLoadFailures, DownFractionIsTheRenewalOne) {
  FacilitySpec spec;
  spec.utilities.push_back({"grid", {}, {}});
  LoadSpec rack;
  rack.id = "rack";
  rack.fed_by = {"grid"};
  rack.load_kw = 100;
  spec.loads.push_back(rack);
  LoadSpec cdu;
  cdu.id = "cdu";
  cdu.kind = LoadKind::cdu;
  cdu.fed_by = {"grid"};
  cdu.load_kw = 10;
  const double rate_per_h = 10.0 / 8760, mean_h = 10;
  cdu.failures.rate_per_s = rate_per_h / hour;
  cdu.failures.duration = aidcsim::faults::DurationDistribution::exponential(mean_h * hour);
  spec.loads.push_back(cdu);
  const double end = 2000 * aidcsim::units::seconds_per_year;
  EpisodeRun run(spec, {}, end);
  const double expected = rate_per_h * mean_h / (1 + rate_per_h * mean_h);
  // About 20,000 failures: the fraction's relative standard error is under 1 %.
  EXPECT_NEAR(run.facility.load_metrics()[1].unpowered_s / end, expected, 0.03 * expected);
  EXPECT_EQ(run.facility.load_metrics()[0].unpowered_s, 0.0);
  EXPECT_TRUE(run.episodes.empty());
  const auto& c =
      std::get<LoadNode>(run.facility.components()[static_cast<std::size_t>(run.graph.index_of("cdu"))]);
  EXPECT_NEAR(static_cast<double>(c.metrics().at(0).value),
              rate_per_h * end / hour / (1 + rate_per_h * mean_h), 0.03 * rate_per_h * end / hour);
}
