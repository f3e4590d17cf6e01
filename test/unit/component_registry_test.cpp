// The registry of component kinds (FacilitySpec::lists() and Component): the power graph and
// make_component reach every kind through it alone, so a facility with one component of each kind
// must come out with each node the component of its own kind, in the registry's order.
#include "models/power/component.hpp"

#include <gtest/gtest.h>

using namespace aidcsim::power;

namespace {

FacilitySpec one_of_each() {
  FacilitySpec s;
  s.utilities.push_back({"grid", {}});
  GensetPlantSpec g;
  g.id = "gen";
  g.unit_rating_kw = 2000;
  g.units = g.units_needed = 1;
  s.gensets.push_back(g);
  OnsitePlantSpec o;
  o.id = "turbines";
  o.unit_rating_kw = 2000;
  o.units = o.units_needed = 1;
  s.onsite.push_back(o); // prime: it may feed a UPS directly
  TransferSwitchSpec ats;
  ats.id = "ats";
  ats.normal = "grid";
  ats.alternate = "gen";
  s.switches.push_back(ats);
  UpsSpec u;
  u.id = "ups";
  u.fed_by = "ats";
  u.rating_kw = 1000;
  u.efficiency = 0.96;
  u.battery.rated_kw = 1000;
  u.battery.runtime_at_rated_s = 600;
  s.ups.push_back(u);
  UpsSpec u2 = u;
  u2.id = "ups-b";
  u2.fed_by = "turbines";
  s.ups.push_back(u2);
  DistributionSpec d;
  d.id = "pdu";
  d.fed_by = "ups";
  s.distribution.push_back(d);
  LoadSpec rack;
  rack.id = "rack";
  rack.fed_by = {"pdu", "ups-b"};
  rack.load_kw = 480;
  s.loads.push_back(rack);
  return s;
}

TEST(ComponentRegistry, EveryNodeIsTheComponentOfItsKindInRegistryOrder) {
  const FacilitySpec spec = one_of_each();
  std::vector<GraphProblem> problems;
  const PowerGraph graph = PowerGraph::build(spec, problems);
  ASSERT_TRUE(problems.empty());
  ASSERT_TRUE(graph.check_structure().empty());
  const std::vector<std::string> ids{"grid", "gen", "turbines", "ats", "ups", "ups-b", "pdu", "rack"};
  const std::vector<int> kinds{0, 1, 2, 3, 4, 4, 5, 6};
  ASSERT_EQ(graph.size(), static_cast<int>(ids.size()));
  const std::vector<double> design = graph.design_load_kw(spec);
  for (int v = 0; v < graph.size(); ++v) {
    EXPECT_EQ(graph.node(v).id, ids[v]);
    EXPECT_EQ(graph.node(v).kind, kinds[v]) << ids[v];
    EXPECT_EQ(make_component(spec, graph, v, 1, design[v]).index(), static_cast<std::size_t>(kinds[v]))
        << ids[v];
  }
  EXPECT_EQ(kind_of<UtilitySpec>, 0);
  EXPECT_EQ(kind_of<OnsitePlantSpec>, 2);
  EXPECT_EQ(kind_of<LoadSpec>, 6);
  EXPECT_EQ(kind_name(kind_of<GensetPlantSpec>), "genset plant");
  EXPECT_EQ(kind_name(kind_of<UpsSpec>), "UPS");
  for (int k = 0; k < static_cast<int>(kind_count); ++k) // sources: the feed and the two plants
    EXPECT_EQ(kind_is_source(k), k <= 2) << kind_name(k);
  // Feeders in the order each spec declares its inputs: the switch's normal, then its alternate;
  // the rack's cords A then B.
  EXPECT_EQ(graph.feeders(graph.index_of("ats")), (std::vector<int>{0, 1}));
  EXPECT_EQ(graph.feeders(graph.index_of("rack")), (std::vector<int>{6, 5}));
  // Design loads at each input: the rack in full on both cords, plus each UPS's losses above it.
  EXPECT_DOUBLE_EQ(design[graph.index_of("pdu")], 480.0);
  EXPECT_DOUBLE_EQ(design[graph.index_of("ups")], 480.0 / 0.96);
  EXPECT_DOUBLE_EQ(design[graph.index_of("gen")], 480.0 / 0.96);
  EXPECT_DOUBLE_EQ(design[graph.index_of("turbines")], 480.0 / 0.96);
}

TEST(ComponentRegistry, ConnectionRulesComeFromTheSpecs) {
  FacilitySpec spec = one_of_each();
  spec.onsite[0].role = OnsitePlantSpec::Role::backup; // now started on demand: not into a UPS
  spec.ups[0].fed_by = "gen";                          // a genset plant straight into a UPS
  spec.distribution[0].fed_by = "rack";                // a load feeds nothing
  std::vector<GraphProblem> problems;
  (void)PowerGraph::build(spec, problems);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].code, GraphProblem::Code::not_started_there);
  EXPECT_EQ(problems[0].component, "ups");
  EXPECT_EQ(problems[0].value, "gen");
  EXPECT_EQ(problems[1].code, GraphProblem::Code::not_started_there);
  EXPECT_EQ(problems[1].component, "ups-b");
  EXPECT_EQ(problems[1].value, "turbines");
  EXPECT_EQ(problems[2].code, GraphProblem::Code::feeds_nothing);
  EXPECT_EQ(problems[2].component, "pdu");
  EXPECT_EQ(problems[2].field, "fed_by");
}

} // namespace
