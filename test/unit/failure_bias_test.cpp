// Where importance sampling biases failures (PowerChain::set_failure_bias): at the single points
// of failure of racks with at most one secure cord, in full when the other cords are dead or on
// batteries, weakly when they run on a backup plant, and genset starts only while a rack runs on
// batteries alone. A 2N design, side by side, through a grid outage on side A.
#include "models/power/facility.hpp"
#include "models/power/power_graph.hpp"
#include "models/power/repairable_units.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace aidcsim::power;
using aidcsim::faults::DurationDistribution;

namespace {

constexpr double hour = 3600;
constexpr double year = 8766 * hour;

// Per side: grid -> ATS <- one genset unit -> UPS (10 min) -> PDU -> the dual-corded rack.
FacilitySpec two_sides() {
  FacilitySpec s;
  for (const std::string side : {"a", "b"}) {
    UtilitySpec u{"grid-" + side, {}};
    u.outages = {1.0 / year, DurationDistribution::exponential(hour)};
    s.utilities.push_back(u);
    GensetPlantSpec g;
    g.id = "gen-" + side;
    g.unit_rating_kw = 500;
    g.units = 1;
    g.units_needed = 1;
    g.start_delay_s = 10;
    g.fail_to_start = 0.01;
    g.fail_while_running_per_s = 1 / (1000 * hour);
    s.gensets.push_back(g);
    TransferSwitchSpec ats;
    ats.id = "ats-" + side;
    ats.normal = "grid-" + side;
    ats.alternate = "gen-" + side;
    ats.transfer_s = 0.1;
    ats.retransfer_after_s = 300;
    s.switches.push_back(ats);
    UpsSpec ups;
    ups.id = "ups-" + side;
    ups.fed_by = "ats-" + side;
    ups.rating_kw = 200;
    ups.battery = {200, 600, 1.05, 50};
    s.ups.push_back(ups);
    DistributionSpec pdu{"pdu-" + side, DistributionKind::pdu, "ups-" + side, 0, {}};
    pdu.failures = {0.02 / year, DurationDistribution::exponential(48 * hour)};
    s.distribution.push_back(pdu);
  }
  LoadSpec rack;
  rack.id = "rack";
  rack.fed_by = {"pdu-a", "pdu-b"};
  rack.load_kw = 145;
  s.loads.push_back(rack);
  return s;
}

struct Sides {
  FacilitySpec spec = two_sides();
  PowerGraph graph;
  Facility facility;
  explicit Sides(std::vector<ScheduledFault> faults)
      : graph(build(spec)), facility(spec, graph, 1, std::move(faults)) {
    facility.estimate_rare_events(SamplingOptions{});
  }
  static PowerGraph build(const FacilitySpec& spec) {
    std::vector<GraphProblem> problems;
    return PowerGraph::build(spec, problems);
  }
  void advance(double t) {
    while (facility.next_event_time() <= t)
      facility.advance_to(facility.next_event_time());
  }
  double critical(const char* id) const { return facility.chain().critical_kw(graph.index_of(id)); }
  double weak(const char* id) const { return facility.chain().weak_kw(graph.index_of(id)); }
};

} // namespace

TEST(FailureBiasPlacement, FollowsTheSecureCords) {
  // Grid A out from 100 s for 2 h; grid B out from 1 h for 2 min (both sides then on batteries
  // and starting their gensets).
  Sides s({{100, ScheduledFault::Kind::utility_loss, "grid-a", 2 * hour, 0},
           {hour, ScheduledFault::Kind::utility_loss, "grid-b", 120, 0}});
  s.advance(50);
  EXPECT_EQ(s.critical("pdu-a") + s.critical("pdu-b") + s.weak("pdu-a") + s.weak("pdu-b"), 0.0); // all up

  s.advance(100); // side A on battery: side B alone holds the rack, in full; no start biased
  EXPECT_GT(s.critical("pdu-b"), 0);
  EXPECT_GT(s.critical("grid-b"), 0);
  EXPECT_EQ(s.critical("pdu-a"), 0);
  EXPECT_FALSE(s.facility.chain().stranded());

  s.advance(200); // side A on its genset: side B biased weakly, at the genset's running rate
  EXPECT_EQ(s.critical("pdu-b"), 0);
  EXPECT_GT(s.weak("pdu-b"), 0);
  EXPECT_EQ(s.weak("pdu-a"), 0);

  s.advance(hour); // grid B out too: B on battery, A on its genset: no secure cord, both ways held
  EXPECT_GT(s.critical("pdu-a"), 0);
  EXPECT_GT(s.critical("pdu-b"), 0);
  EXPECT_FALSE(s.facility.chain().stranded()); // the genset side is steady

  Sides both({{100, ScheduledFault::Kind::utility_loss, "grid-a", hour, 0},
              {100, ScheduledFault::Kind::utility_loss, "grid-b", hour, 0}});
  both.advance(100); // both sides on battery: stranded, the starts are biased
  EXPECT_TRUE(both.facility.chain().stranded());
}

// A repair sets the bias by its mean, unless it has longer left: a PDU repair drawn weeks long is
// biased as one of weeks, not of two days, for all its length (docs/MODELS.md).
TEST(FailureBiasRate, ALongRepairCountsByTheTimeItHasLeft) {
  Interruptions pdu;
  pdu.rate_per_s = 0.02 / year;
  pdu.duration = DurationDistribution::exponential(48 * hour);
  RepairableUnits units(1, pdu, aidcsim::RandomStream(1, "pdu"));
  EXPECT_EQ(units.bias_rate_per_s(0), 0.0);
  units.force_down(1, 480 * hour);
  EXPECT_DOUBLE_EQ(units.repair_rate_per_s(), 1 / (48 * hour));
  EXPECT_DOUBLE_EQ(units.bias_rate_per_s(0), 1 / (480 * hour));
  EXPECT_DOUBLE_EQ(units.bias_rate_per_s(456 * hour), 1 / (48 * hour)); // 24 h left: the mean
}
