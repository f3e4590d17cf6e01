// The cost model's pure core: the capital recovery factor against its closed form, and a
// facility's capital item by item against quantities worked out by hand.
#include "engine/input/scenario.hpp"
#include "models/cost/annualised.hpp"
#include "models/cost/cost_shares.hpp"
#include "models/cost/default_costs.hpp"
#include "models/cost/facility_capex.hpp"
#include "models/cost/run_cost.hpp"
#include "models/power/power_graph.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace cost = aidcsim::cost;
namespace power = aidcsim::power;
using cost::Item;

TEST(CapitalRecoveryFactor, MatchesTheAnnuityClosedForm) {
  EXPECT_DOUBLE_EQ(cost::capital_recovery_factor(0.0, 10), 0.1); // no discounting: C / n a year
  // r = 7 %, n = 20: 0.07 x 1.07^20 / (1.07^20 - 1).
  const double g = std::pow(1.07, 20);
  EXPECT_NEAR(cost::capital_recovery_factor(0.07, 20), 0.07 * g / (g - 1), 1e-15);
  EXPECT_NEAR(cost::capital_recovery_factor(0.07, 20), 0.0943929, 1e-7);
  // Continuous through r = 0, and one year returns the capital with a year's interest.
  EXPECT_NEAR(cost::capital_recovery_factor(1e-9, 10), 0.1 + 1e-9 * 11 / 20, 1e-15);
  EXPECT_NEAR(cost::capital_recovery_factor(0.05, 1), 1.05, 1e-15);
  // The present value of n payments of CRF x C at rate r is C.
  double pv = 0;
  for (int y = 1; y <= 15; ++y)
    pv += cost::capital_recovery_factor(0.08, 15) / std::pow(1.08, y);
  EXPECT_NEAR(pv, 1.0, 1e-14);
  EXPECT_THROW(cost::capital_recovery_factor(0.05, 0), std::invalid_argument);
  EXPECT_THROW(cost::capital_recovery_factor(-1, 10), std::invalid_argument);
}

namespace {

// A small hall: grid and three 1 MW gensets through an ATS, a 2-module (N+1) UPS of 500 kW with
// 10 min of battery, a PDU without a rating, two racks, a CDU for both and an 800 kW chiller.
power::FacilitySpec hall() {
  power::FacilitySpec f;
  f.utilities.push_back({.id = "grid"});
  power::GensetPlantSpec g;
  g.id = "gen";
  g.unit_rating_kw = 1000;
  g.units = 3;
  f.gensets.push_back(g);
  f.switches.push_back({.id = "ats", .normal = "grid", .alternate = "gen"});
  power::UpsSpec u;
  u.id = "ups";
  u.fed_by = "ats";
  u.rating_kw = 500;
  u.modules = 2;
  u.redundant_modules = 1;
  u.battery.rated_kw = 500;
  u.battery.runtime_at_rated_s = 600;
  f.ups.push_back(u);
  f.distribution.push_back({.id = "pdu", .kind = power::DistributionKind::pdu, .fed_by = "ups"});
  for (const char* id : {"rack-0", "rack-1"})
    f.loads.push_back({.id = id, .kind = power::LoadKind::rack, .fed_by = {"pdu"}, .load_kw = 145});
  f.loads.push_back(
      {.id = "cdu", .kind = power::LoadKind::cdu, .fed_by = {"ups"}, .load_kw = 5.8, .cop = 50});
  f.loads.push_back({.id = "chiller",
                     .kind = power::LoadKind::chiller,
                     .fed_by = {"ats"},
                     .load_kw = 29,
                     .capacity_kw = 800});
  return f;
}

} // namespace

TEST(FacilityCapex, PricesEachKindByItsQuantity) {
  cost::CostSpec costs;
  for (std::size_t i = 0; i < cost::item_count; ++i)
    costs.items[i].usd_per_unit = 1.0 + i; // distinct prices: a quantity in the wrong item shows
  // Design loads per graph node in the registry's order: grid, gen, ats, ups, pdu, racks, cdu,
  // chiller (the UPS's input includes its losses).
  const std::vector<double> design = {330, 0, 330, 310, 290, 145, 145, 5.8, 29};
  const cost::Capex c = cost::facility_capex(hall(), design, 144, costs);
  const auto q = [&](Item i) { return c.quantity[static_cast<std::size_t>(i)]; };
  EXPECT_DOUBLE_EQ(q(Item::substation), 330);
  EXPECT_DOUBLE_EQ(q(Item::genset), 3000);
  EXPECT_DOUBLE_EQ(q(Item::transfer_switch), 330);
  EXPECT_DOUBLE_EQ(q(Item::ups), 1000);              // both modules, the redundant one too
  EXPECT_DOUBLE_EQ(q(Item::ups_battery), 500.0 / 6); // 500 kW for 10 min
  EXPECT_DOUBLE_EQ(q(Item::pdu), 290);               // no rating: its design load
  EXPECT_DOUBLE_EQ(q(Item::rack), 2);
  EXPECT_DOUBLE_EQ(q(Item::cdu), 290); // the heat of the racks it serves (all)
  EXPECT_DOUBLE_EQ(q(Item::heat_rejection), 800);
  EXPECT_DOUBLE_EQ(q(Item::accelerator), 144);
  EXPECT_DOUBLE_EQ(q(Item::transformer), 0);
  double total = 0;
  for (std::size_t i = 0; i < cost::item_count; ++i) {
    EXPECT_DOUBLE_EQ(c.usd[i], c.quantity[i] * (1.0 + i));
    total += c.usd[i];
  }
  EXPECT_DOUBLE_EQ(c.total_usd(), total);
}

TEST(FacilityCapex, AnnualisesEachItemOverItsLife) {
  cost::CostSpec costs;
  costs.discount_rate = 0.06;
  costs[Item::ups] = {200, 15, 0.03};
  costs[Item::ups_battery] = {400, 8, 0.0};
  costs[Item::rack] = {3e6, 5, 0.0};
  const std::vector<double> design(9, 0.0);
  const cost::Capex c = cost::facility_capex(hall(), design, 0, costs);
  const double ups = 1000 * 200.0, battery = 500.0 / 6 * 400, racks = 2 * 3e6;
  EXPECT_DOUBLE_EQ(c.total_usd(), ups + battery + racks);
  EXPECT_NEAR(c.annual_capital_usd(costs),
              ups * cost::capital_recovery_factor(0.06, 15) +
                  battery * cost::capital_recovery_factor(0.06, 8) +
                  racks * cost::capital_recovery_factor(0.06, 5),
              1e-6);
  EXPECT_NEAR(c.annual_maintenance_usd(costs), 0.03 * ups, 1e-9);
}

// The eight-rack NVL72 hall of scenarios/thermal/grid-outage-chillers-on-gensets.yaml, read and
// sized as a run does it: 1,160 kW of racks, CDU pumps at COP 50 on a 1.25 MW UPS (4+1 modules,
// 10 min, 96 %), two 800 kW chillers at COP 10 on their own board, three 1 MW gensets (N+1).
TEST(DefaultCosts, PriceTheEightRackHall) {
  const aidcsim::Scenario s = aidcsim::load_scenario(
      std::string(AIDCSIM_SOURCE_DIR) + "/scenarios/thermal/grid-outage-chillers-on-gensets.yaml");
  std::vector<power::GraphProblem> problems;
  const power::PowerGraph g = power::PowerGraph::build(s.facility, problems);
  ASSERT_TRUE(problems.empty());
  const cost::CostSpec costs = cost::default_costs();
  const cost::Capex c = cost::facility_capex(s.facility, g.design_load_kw(s.facility), 8 * 72, costs);
  const auto q = [&](Item i) { return c.quantity[static_cast<std::size_t>(i)]; };
  const double ups_in_kw = (1160 + 1160 / 50.0) / 0.96, chillers_kw = 2 * 800 / 10.0;
  EXPECT_NEAR(q(Item::substation), ups_in_kw + chillers_kw, 1e-9);
  EXPECT_NEAR(q(Item::transfer_switch), ups_in_kw + chillers_kw, 1e-9);
  EXPECT_DOUBLE_EQ(q(Item::genset), 3000);
  EXPECT_DOUBLE_EQ(q(Item::ups), 1562.5); // five modules of 312.5 kW
  EXPECT_NEAR(q(Item::ups_battery), 1250.0 / 6, 1e-9);
  EXPECT_NEAR(q(Item::switchgear), chillers_kw, 1e-9); // the chiller board
  EXPECT_NEAR(q(Item::pdu), 1160, 1e-9);
  EXPECT_DOUBLE_EQ(q(Item::heat_rejection), 1600);
  EXPECT_NEAR(q(Item::cdu), 1160, 1e-9);
  EXPECT_DOUBLE_EQ(q(Item::rack), 8);
  // At the default prices the power and cooling plant is 4.24 M$, 3.65 M$ per MW of racks (below
  // Cushman & Wakefield's 53 % of 9.3-15.0 M$/MW: docs/MODELS.md), more than half of it gensets.
  const double plant = c.total_usd() - c.usd[static_cast<std::size_t>(Item::accelerator)];
  EXPECT_NEAR(plant,
              2.4e6 + 150 * q(Item::substation) + 30 * q(Item::transfer_switch) + 500 * 1562.5 +
                  450 * 1250.0 / 6 + 100 * chillers_kw + 150 * 1160 + 170 * 1600 + 200 * 1160 + 8 * 2000,
              1e-6);
  EXPECT_NEAR(plant / 1.160, 3.652e6, 0.001e6);
  // The servers' 41,700 $ a GPU is 69 % of its IT (the founding document's share).
  EXPECT_NEAR(c.usd[static_cast<std::size_t>(Item::accelerator)], 576 * 41700.0 / 0.69, 1e-6);
}

TEST(FacilityCapex, PricesAcceleratorsByChipAndTheTankByItsRuntime) {
  cost::CostSpec costs;
  costs[Item::accelerator].usd_per_unit = 1000; // a chip without a price of its own
  costs.accelerator_usd_by_chip = {{"gb200", 40000}, {"ascend910c", 20000}};
  costs[Item::fuel_tank].usd_per_unit = 0.5;
  power::FacilitySpec f = hall();
  f.gensets[0].fuel_tank_s = 24 * 3600.0;
  // The plant's design load is what its switch carries: 330 kW here, for 24 h.
  const std::vector<double> design = {330, 330, 330, 310, 290, 145, 145, 5.8, 29};
  const cost::Capex c =
      cost::facility_capex(f, design, {{"gb200", 72}, {"ascend910c", 384}, {"other", 2}}, costs);
  EXPECT_DOUBLE_EQ(c.quantity[static_cast<std::size_t>(Item::accelerator)], 458);
  EXPECT_DOUBLE_EQ(c.usd[static_cast<std::size_t>(Item::accelerator)],
                   72 * 40000.0 + 384 * 20000.0 + 2 * 1000.0);
  EXPECT_DOUBLE_EQ(c.quantity[static_cast<std::size_t>(Item::fuel_tank)], 330 * 24.0);
  EXPECT_DOUBLE_EQ(c.usd[static_cast<std::size_t>(Item::fuel_tank)], 330 * 24.0 * 0.5);
  // A tank of unlimited runtime (0) is not priced.
  f.gensets[0].fuel_tank_s = 0;
  EXPECT_DOUBLE_EQ(
      cost::facility_capex(f, design, 0, costs).quantity[static_cast<std::size_t>(Item::fuel_tank)], 0);
}

TEST(AnnualCost, ScalesTheRunToAYearAndValuesDowntimeOneWay) {
  cost::CostSpec costs;
  costs.discount_rate = 0;
  costs[Item::genset] = {1000, 20, 0.02};
  costs.energy_usd_per_kwh = 0.1;
  costs.genset_fuel_usd_per_kwh = 0.3;
  costs.accelerator_hour_usd = 4;
  costs.usd_per_million_tokens = 10;
  costs.slo_penalty_usd_per_hour = 100;
  cost::Capex capex;
  capex.quantity[static_cast<std::size_t>(Item::genset)] = 500;
  capex.usd[static_cast<std::size_t>(Item::genset)] = 500e3;
  // Half a year: every flow doubles to a year's.
  const cost::RunMeasures run{.years = 0.5,
                              .bought_kwh = 1e6,
                              .genset_kwh = 2e3,
                              .lost_accelerator_hours = 300,
                              .lost_million_tokens = 7,
                              .below_slo_hours = 2};
  const cost::AnnualCost a = cost::annual_cost(capex, run, costs);
  EXPECT_DOUBLE_EQ(a.capital, 500e3 / 20); // no discounting: straight over 20 years
  EXPECT_DOUBLE_EQ(a.maintenance, 0.02 * 500e3);
  EXPECT_DOUBLE_EQ(a.energy, 2 * 1e6 * 0.1);
  EXPECT_DOUBLE_EQ(a.fuel, 2 * 2e3 * 0.3);
  EXPECT_DOUBLE_EQ(a.downtime, 2 * 300 * 4.0);
  EXPECT_DOUBLE_EQ(a.slo_penalty, 2 * 2 * 100.0);
  EXPECT_DOUBLE_EQ(a.design(), 25e3 + 10e3 + 2e5 + 1200);
  EXPECT_DOUBLE_EQ(a.total(), a.design() + 2400 + 400);
  // Valued by tokens instead: the accelerator-hours no longer count.
  costs.downtime_value = cost::DowntimeValue::tokens;
  EXPECT_DOUBLE_EQ(cost::annual_cost(capex, run, costs).downtime, 2 * 7 * 10.0);
  EXPECT_THROW(cost::annual_cost(capex, cost::RunMeasures{}, costs), std::invalid_argument);
}

// The hall of scenarios/power/hall-backup-design.yaml (N+1 gensets of 800 kW with a 48 h tank, a
// 4+1 UPS of 1.25 MW for 10 min, two PDUs, CDUs of 20 kW each and a 300 kW chiller, eight racks)
// at the default prices, split as the founding document splits non-IT capital. Published: gensets
// 23 %, substation 20 %, UPS 18 %, distribution 8 %, chillers 8 %, precision air 7 %, racks 6 %.
// Here gensets take twice their share (three 800 kW units for 1.55 MW, no campus substation
// build-out), the substation a third of its (150 $/kW, a weak and low price; docs/MODELS.md).
TEST(DefaultCosts, SharesOfTheHallAgainstThePublishedSplit) {
  const aidcsim::Scenario s =
      aidcsim::load_scenario(std::string(AIDCSIM_SOURCE_DIR) + "/scenarios/power/hall-backup-design.yaml");
  std::vector<power::GraphProblem> problems;
  const power::PowerGraph g = power::PowerGraph::build(s.facility, problems);
  ASSERT_TRUE(problems.empty());
  const cost::Capex c =
      cost::facility_capex(s.facility, g.design_load_kw(s.facility), 576, cost::default_costs());
  const auto shares = cost::facility_shares(c);
  const auto share = [&](cost::Category k) { return shares[static_cast<std::size_t>(k)]; };
  double sum = 0;
  for (const double x : shares)
    sum += x;
  EXPECT_NEAR(sum, 1.0, 1e-12);
  const double plant = c.total_usd() - c.usd[static_cast<std::size_t>(Item::accelerator)];
  // Gensets: 3 x 800 kW at 800 $/kW and a 48 h tank of the design load at 0.622 $/kWh.
  const double tank_kwh = g.design_load_kw(s.facility)[static_cast<std::size_t>(g.index_of("gen"))] * 48;
  EXPECT_NEAR(share(cost::Category::gensets), (2400 * 800.0 + tank_kwh * (5 + 3.76) * 0.071) / plant, 1e-12);
  EXPECT_NEAR(share(cost::Category::gensets), 0.491, 0.001);
  EXPECT_NEAR(share(cost::Category::substation), 0.058, 0.001);
  EXPECT_NEAR(share(cost::Category::ups), 0.218, 0.001);
  EXPECT_NEAR(share(cost::Category::distribution), 0.064, 0.001);
  EXPECT_NEAR(share(cost::Category::chillers), 0.049, 0.001);
  EXPECT_NEAR(share(cost::Category::precision_air), 0.116, 0.001);
  EXPECT_NEAR(share(cost::Category::racks), 0.004, 0.001);
  EXPECT_DOUBLE_EQ(share(cost::Category::other), 0);
}
