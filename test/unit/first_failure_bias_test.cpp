// The first failure of a regenerative cycle (first_failure_bias.hpp): each component's risk, the
// first-order chance that IT is lost while it is lost whole, against the closed forms of small
// designs, and the rate factors that keep the total rate with everything up.
#include "models/power/first_failure_bias.hpp"
#include "models/power/genset_plant.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

using namespace aidcsim::power;
using Role = FirstFailureNode::Role;

namespace {

constexpr double hour = 3600;
constexpr double per_year = 1 / (8766 * hour);

struct Design {
  std::vector<FirstFailureNode> nodes;
  std::vector<std::string> ids;
  int add(const std::string& id, Role role, std::vector<int> feeders, double per_y = 0, double repair_h = 0) {
    FirstFailureNode n;
    n.role = role;
    n.feeders = std::move(feeders);
    n.loss_rate_per_s = per_y * per_year;
    n.loss_repair_s = repair_h * hour;
    nodes.push_back(n);
    ids.push_back(id);
    return static_cast<int>(nodes.size()) - 1;
  }
  int at(const std::string& id) const {
    return static_cast<int>(std::find(ids.begin(), ids.end(), id) - ids.begin());
  }
  // Nodes are added feeders first.
  std::vector<int> order() const {
    std::vector<int> o(nodes.size());
    std::iota(o.begin(), o.end(), 0);
    return o;
  }
  std::vector<double> risks() const { return first_failure_risks(nodes, order()); }
  double rate(const std::string& id) const { return nodes[at(id)].loss_rate_per_s; }
  double repair(const std::string& id) const { return nodes[at(id)].loss_repair_s; }
};

constexpr double demand = 0.01;               // a genset plant's failure to take the load
constexpr double running = 1 / (1000 * hour); // and its rate of failing while it carries it

// Per side: grid -> transformer -> ATS <- genset plant -> PDU; the racks take a cord from each
// side, or from side a alone.
Design two_sides(bool dual_corded) {
  Design d;
  for (const std::string s : {"a", "b"}) {
    const int grid = d.add("grid-" + s, Role::source, {}, 1.3, 1.5);
    const int gen = d.add("gen-" + s, Role::backup_source, {});
    d.nodes[gen].demand_failure = demand;
    d.nodes[gen].running_failure_per_s = running;
    const int xfmr = d.add("xfmr-" + s, Role::pass, {grid}, 0.006, 340);
    const int ats = d.add("ats-" + s, Role::pass, {xfmr, gen}, 0.035, 8);
    d.add("pdu-" + s, Role::pass, {ats}, 0.02, 48);
  }
  for (const std::string r : {"rack-0", "rack-1"}) {
    std::vector<int> cords{d.at("pdu-a")};
    if (dual_corded)
      cords.push_back(d.at("pdu-b"));
    d.nodes[d.add(r, Role::it_load, cords)].it_share = 0.5;
  }
  d.add("chiller", Role::other_load, {d.at("ats-a")}, 0.9, 12);
  return d;
}

// The chance that the backup plant fails while it carries the racks through a second loss lasting
// the shorter of two repairs.
double backup_fails(double repair_a_s, double repair_b_s) {
  return std::min(1.0, demand + running * std::min(repair_a_s, repair_b_s));
}

} // namespace

// A PDU lost in a 2N design leaves every rack on side b: side b's PDU and ATS take them down
// (critical); its transformer and grid put them on side b's genset (weak, times the chance the
// genset then fails too).
TEST(FirstFailureRisk, PduOfTwoSidesExposesTheOtherSide) {
  const Design d = two_sides(true);
  const double r = d.repair("pdu-a");
  const double expected =
      r * (d.rate("pdu-b") + d.rate("ats-b") + backup_fails(r, d.repair("xfmr-b")) * d.rate("xfmr-b") +
           backup_fails(r, d.repair("grid-b")) * d.rate("grid-b"));
  EXPECT_NEAR(d.risks()[d.at("pdu-a")], expected, 1e-12 * expected);
  const double a = d.repair("ats-b"); // the same seen from side b's ATS, over its own repair
  const double expected_ats =
      a * (d.rate("pdu-a") + d.rate("ats-a") + backup_fails(a, d.repair("xfmr-a")) * d.rate("xfmr-a") +
           backup_fails(a, d.repair("grid-a")) * d.rate("grid-a"));
  EXPECT_NEAR(d.risks()[d.at("ats-b")], expected_ats, 1e-12 * expected_ats);
}

// A transformer lost puts side a on its genset: side b's PDU and ATS are exposed weakly, and what
// stands above side b's ATS not at all (its genset backs it up).
TEST(FirstFailureRisk, TransformerOfTwoSidesExposesTheOtherSideWeakly) {
  const Design d = two_sides(true);
  const double r = d.repair("xfmr-a");
  const double expected = r * (backup_fails(r, d.repair("pdu-b")) * d.rate("pdu-b") +
                               backup_fails(r, d.repair("ats-b")) * d.rate("ats-b"));
  EXPECT_NEAR(d.risks()[d.at("xfmr-a")], expected, 1e-12 * expected);
  const double grid = d.repair("grid-a");
  EXPECT_NEAR(d.risks()[d.at("grid-a")],
              grid * (backup_fails(grid, d.repair("pdu-b")) * d.rate("pdu-b") +
                      backup_fails(grid, d.repair("ats-b")) * d.rate("ats-b")),
              1e-15);
}

// Single-corded racks: their PDU is lost at once (risk 1); a grid outage leaves them on the
// genset, which fails to start or fails running: the PDU and ATS below it were single points of
// failure before the outage, so it adds nothing there.
TEST(FirstFailureRisk, SingleCordedRacksOnOneSide) {
  const Design d = two_sides(false);
  const std::vector<double> risks = d.risks();
  EXPECT_EQ(risks[d.at("pdu-a")], 1.0);
  EXPECT_EQ(risks[d.at("ats-a")], 1.0);
  const double r = d.repair("grid-a");
  EXPECT_NEAR(risks[d.at("grid-a")], demand + r * running, 1e-12);
  EXPECT_EQ(risks[d.at("pdu-b")], 0.0); // feeds no rack
  EXPECT_EQ(risks[d.at("grid-b")], 0.0);
  EXPECT_EQ(risks[d.at("chiller")], 0.0);
  EXPECT_EQ(risks[d.at("gen-a")], 0.0); // no loss mode with everything up
}

// The factors draw the loss modes towards the risky ones and keep the total rate with everything
// up, so the time to the first failure keeps its law: sum of f_i r_i = sum of r_i.
TEST(FirstFailureFactors, KeepTheTotalRateAndBoundTheLikelihoodRatio) {
  Design d = two_sides(true);
  d.nodes[d.at("chiller")].other_rate_per_s = 0.5 * per_year; // and a redundant group's units
  const std::vector<double> risks = d.risks();
  const double share = 0.5;
  const FirstFailureFactors f = first_failure_factors(d.nodes, risks, share);
  EXPECT_EQ(f.other, 1 - share);
  double natural = 0, drawn = 0, weighted = 0;
  for (std::size_t v = 0; v < d.nodes.size(); ++v) {
    natural += d.nodes[v].loss_rate_per_s + d.nodes[v].other_rate_per_s;
    drawn += f.loss[v] * d.nodes[v].loss_rate_per_s + f.other * d.nodes[v].other_rate_per_s;
    weighted += d.nodes[v].loss_rate_per_s * risks[v];
    EXPECT_GE(f.loss[v], 1 - share); // each first failure's likelihood ratio stays below 2
  }
  EXPECT_NEAR(drawn, natural, 1e-12 * natural);
  // A PDU is drawn first with probability (1 - s) r / L + s r p / sum r p.
  const int pdu = d.at("pdu-a");
  const double pi = f.loss[pdu] * d.rate("pdu-a") / natural;
  EXPECT_NEAR(pi, (1 - share) * d.rate("pdu-a") / natural + share * d.rate("pdu-a") * risks[pdu] / weighted,
              1e-12);
  EXPECT_GT(f.loss[pdu], 10.0);
  EXPECT_LT(f.loss[d.at("grid-a")], 1.0);
}

TEST(FirstFailureFactors, NoRiskOrNoShareLeavesEveryRate) {
  Design d = two_sides(true);
  const std::vector<double> none(d.nodes.size(), 0.0);
  for (const FirstFailureFactors& f :
       {first_failure_factors(d.nodes, none, 0.5), first_failure_factors(d.nodes, d.risks(), 0.0)}) {
    EXPECT_EQ(f.other, 1.0);
    for (double x : f.loss)
      EXPECT_EQ(x, 1.0);
  }
}

// A plant of three units, two needed: it fails a demand when two or three units fail to start
// (binomial), or by the common cause; running, it drops below two when a unit fails and another
// follows within a unit's repair.
TEST(FirstFailureFigures, GensetPlantAsABackup) {
  const GensetPlantSpec g{.id = "gen",
                          .unit_rating_kw = 1000,
                          .sizing = {},
                          .units = 3,
                          .units_needed = 2,
                          .fail_to_start = 0.02,
                          .start_attempts = 2,
                          .fail_while_running_per_s = 1 / (1000 * hour),
                          .common_cause_beta = 0.1,
                          .unit_repair = aidcsim::faults::DurationDistribution::exponential(24 * hour)};
  const FirstFailureFigures f = GensetPlant(g, 2000, aidcsim::RandomStream(1, "gen")).first_failure_figures();
  const double p = std::pow(0.9 * 0.02, 2), common = 0.1 * 0.02;
  const double two_or_more = 3 * p * p * (1 - p) + p * p * p;
  EXPECT_NEAR(f.demand_failure, common + (1 - common) * two_or_more, 1e-15);
  const double unit = 0.9 * g.fail_while_running_per_s;
  EXPECT_NEAR(f.running_failure_per_s, 0.1 * g.fail_while_running_per_s + 3 * unit * (2 * unit * 24 * hour),
              1e-18);
  EXPECT_EQ(f.loss_rate_per_s, 0.0);
}
