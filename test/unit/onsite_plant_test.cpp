// On-site generation (models/power/onsite_plant.hpp): the plant by itself against hand-computed
// timelines and closed forms, in a facility with the grid as backup, and its bad input.
#include "engine/base/diagnostics.hpp"
#include "engine/input/scenario.hpp"
#include "models/power/facility.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace aidcsim::power;
using aidcsim::RandomStream;
using aidcsim::faults::DurationDistribution;

namespace {

constexpr double minute = 60, hour = 3600;

OnsitePlantSpec plant_spec(OnsitePlantSpec::Role role, int units, int needed) {
  OnsitePlantSpec p;
  p.id = "plant";
  p.role = role;
  p.unit_rating_kw = 1000;
  p.units = units;
  p.units_needed = needed;
  p.start_s = 4 * minute;
  p.load_acceptance_s = 4 * minute;
  p.repair = DurationDistribution::fixed(10 * hour);
  return p;
}

// Runs the plant alone from event to event up to `end_s` at a constant output.
void run(OnsitePlant& plant, double end_s, double output_kw) {
  double now = 0;
  while (true) {
    const double next = plant.next_event_time(now, output_kw);
    if (next > end_s)
      break;
    plant.integrate(next - now, output_kw);
    now = next;
    plant.process(now);
  }
  plant.integrate(end_s - now, output_kw);
}

TEST(OnsitePlant, PrimePlantRunsFromTheStartAndTakesStaggeredMaintenanceOneUnitAtATime) {
  OnsitePlantSpec p = plant_spec(OnsitePlantSpec::Role::prime, 3, 2);
  p.maintenance_interval_s = 3000 * hour;
  p.maintenance_duration_s = 24 * hour;
  OnsitePlant plant(p, 2000, RandomStream(1, "onsite/plant"));
  EXPECT_TRUE(plant.demanded());
  EXPECT_DOUBLE_EQ(plant.capacity_kw(), 3000);
  // Unit 0 is due at a third of the interval, unit 1 at two thirds, unit 2 at the interval.
  EXPECT_DOUBLE_EQ(plant.next_event_time(0, 1500), 1000 * hour);
  plant.process(1000 * hour);
  EXPECT_EQ(plant.running_units(), 2);
  EXPECT_EQ(plant.unit_state(0), OnsitePlant::UnitState::maintenance);
  // Back after 24 h, then on line after its start and load acceptance (8 min).
  EXPECT_DOUBLE_EQ(plant.next_event_time(1000 * hour, 1500), 1024 * hour);
  plant.process(1024 * hour);
  EXPECT_EQ(plant.unit_state(0), OnsitePlant::UnitState::starting);
  EXPECT_DOUBLE_EQ(plant.next_event_time(1024 * hour, 1500), 1024 * hour + 8 * minute);

  OnsitePlant year(p, 2000, RandomStream(1, "onsite/plant"));
  run(year, 9000 * hour, 1500);
  // Outages at 1,000 h, 2,000 h, ..., 9,000 h: the last begins as the run ends.
  EXPECT_EQ(year.maintenance_outages(), 9);
  EXPECT_NEAR(year.unit_maintenance_s(), 8 * 24 * hour, 1e-6);
  EXPECT_EQ(year.starts(), 8);
  // Energy at constant output; run hours: 3 units less those out or starting.
  EXPECT_NEAR(year.energy_kwh(), 1500 * 9000.0, 1e-6);
  EXPECT_NEAR(year.unit_run_s(), 3 * 9000 * hour - 8 * (24 * hour + 8 * minute), 1e-3);
}

TEST(OnsitePlant, MaintenanceWaitsWhileItWouldLeaveFewerThanNAvailable) {
  OnsitePlantSpec p = plant_spec(OnsitePlantSpec::Role::prime, 2, 1);
  p.maintenance_interval_s = 100 * hour;
  p.maintenance_duration_s = 60 * hour; // unit 1 falls due (at 100 h) while unit 0 is out
  OnsitePlant plant(p, 1000, RandomStream(1, "onsite/plant"));
  run(plant, 100 * hour, 500);
  EXPECT_EQ(plant.unit_state(0), OnsitePlant::UnitState::maintenance);
  EXPECT_EQ(plant.unit_state(1), OnsitePlant::UnitState::running); // deferred: it is the last one
  // Unit 0 returns at 110 h and starts; unit 1 goes out once unit 0 runs again, 8 min later.
  OnsitePlant again(p, 1000, RandomStream(1, "onsite/plant"));
  run(again, 110 * hour + 1, 500);
  EXPECT_EQ(again.unit_state(0), OnsitePlant::UnitState::starting);
  EXPECT_EQ(again.unit_state(1), OnsitePlant::UnitState::running);
  OnsitePlant later(p, 1000, RandomStream(1, "onsite/plant"));
  run(later, 110 * hour + 8 * minute, 500);
  EXPECT_EQ(later.unit_state(0), OnsitePlant::UnitState::running);
  EXPECT_EQ(later.unit_state(1), OnsitePlant::UnitState::maintenance);
  EXPECT_EQ(later.running_units(), 1);
}

TEST(OnsitePlant, BackupPlantStartsOnDemandRetriesAndRepairsAUnitThatWillNotStart) {
  OnsitePlantSpec p = plant_spec(OnsitePlantSpec::Role::backup, 1, 1);
  p.fail_to_start = 1.0; // every attempt fails
  p.start_attempts = 2;
  p.retry_delay_s = 60;
  OnsitePlant plant(p, 1000, RandomStream(1, "onsite/plant"));
  EXPECT_FALSE(plant.demanded());
  EXPECT_EQ(plant.next_event_time(0, 0), OnsitePlant::never);
  plant.set_demand(true, 0);
  // A failed attempt shows at synchronization (4 min), the retry a minute later, and after the
  // second failure the unit goes to a 10 h repair.
  EXPECT_DOUBLE_EQ(plant.next_event_time(0, 0), 4 * minute);
  plant.process(4 * minute);
  EXPECT_DOUBLE_EQ(plant.next_event_time(4 * minute, 0), 5 * minute);
  plant.process(5 * minute);
  EXPECT_DOUBLE_EQ(plant.next_event_time(5 * minute, 0), 9 * minute);
  plant.process(9 * minute);
  EXPECT_EQ(plant.unit_state(0), OnsitePlant::UnitState::repair);
  EXPECT_EQ(plant.failed_start_attempts(), 2);
  EXPECT_DOUBLE_EQ(plant.next_event_time(9 * minute, 0), 9 * minute + 10 * hour);
}

TEST(OnsitePlant, TankEmptiesInClosedFormAndADeliveryRefillsIt) {
  OnsitePlantSpec p = plant_spec(OnsitePlantSpec::Role::prime, 1, 1);
  p.fuel = OnsitePlantSpec::Fuel::tank;
  p.fuel_tank_s = 10 * hour; // at the 1,000 kW design load
  p.refuel_lead_time_s = 30 * hour;
  OnsitePlant plant(p, 1000, RandomStream(1, "onsite/plant"));
  // At half the design load the tank lasts twice as long: 20 h, before the first delivery.
  EXPECT_DOUBLE_EQ(plant.next_event_time(0, 500), 20 * hour);
  plant.integrate(20 * hour, 500);
  plant.process(20 * hour);
  EXPECT_EQ(plant.running_units(), 0);
  EXPECT_EQ(plant.fuel_interruptions(), 1);
  EXPECT_DOUBLE_EQ(plant.next_event_time(20 * hour, 0), 30 * hour);
  plant.process(30 * hour); // delivered: the unit starts again
  EXPECT_EQ(plant.unit_state(0), OnsitePlant::UnitState::starting);
  EXPECT_NEAR(plant.fuel_used_tank_s(), 10 * hour, 1e-9);
}

// Alternating renewal: gas flows for Exp(rate) then stops for a fixed d, so over T the expected
// number of curtailments is T / (1 / rate + d).
TEST(OnsitePlant, PipelineCurtailmentsArriveAtTheirRateBetweenOutagesOfTheirDuration) {
  OnsitePlantSpec p = plant_spec(OnsitePlantSpec::Role::prime, 1, 1);
  p.pipeline_interruptions = {1.0 / hour, DurationDistribution::fixed(1 * hour)};
  OnsitePlant plant(p, 1000, RandomStream(7, "onsite/plant"));
  const double t = 10000 * hour;
  run(plant, t, 1000);
  const double expected = t / (1 * hour + 1 * hour);
  // Cycle length: mean 2 h, variance 1 h^2, so the count has a variance of about T var / mean^3.
  const double sd = std::sqrt(10000.0 * 1 / 8);
  EXPECT_NEAR(static_cast<double>(plant.fuel_interruptions()), expected, 5 * sd);
}

// A unit alternates running Exp(1 / lambda), repair R and restart S: in repair R / (1/lambda + R + S)
// of the time.
TEST(OnsitePlant, ForcedOutagesGiveTheRenewalUnavailability) {
  OnsitePlantSpec p = plant_spec(OnsitePlantSpec::Role::prime, 1, 1);
  p.fail_while_running_per_s = 1.0 / (100 * hour);
  const double t = 1e6 * hour, s = 8 * minute, r = 10 * hour;
  OnsitePlant plant(p, 1000, RandomStream(3, "onsite/plant"));
  run(plant, t, 1000);
  const double expected = r / (100 * hour + r + s);
  EXPECT_NEAR(plant.unit_repair_s() / t, expected, 0.04 * expected);
  EXPECT_NEAR(static_cast<double>(plant.unit_failures()), t / (100 * hour + r + s), 0.03 * t / (100 * hour));
}

// The plant as the prime source of a rack behind a UPS, the grid as the ATS's alternate: a plant
// with no spare unit takes its maintenance when due, the ATS moves the rack to the grid (the UPS
// bridges the 100 ms transfer) and back once the unit has run again for the retransfer delay.
TEST(OnsitePlant, PrimePlantInAFacilityHandsTheLoadToTheGridForItsMaintenance) {
  FacilitySpec spec;
  spec.utilities.push_back({"grid", {}, {}});
  OnsitePlantSpec p = plant_spec(OnsitePlantSpec::Role::prime, 1, 1);
  p.maintenance_interval_s = 100 * hour;
  p.maintenance_duration_s = 10 * hour;
  spec.onsite.push_back(p);
  TransferSwitchSpec ats;
  ats.id = "ats";
  ats.normal = "plant";
  ats.alternate = "grid";
  ats.transfer_s = 0.1;
  ats.retransfer_after_s = 5 * minute;
  spec.switches.push_back(ats);
  UpsSpec u;
  u.id = "ups";
  u.fed_by = "ats";
  u.rating_kw = 500;
  u.battery = {500, 600, 1.0, 100};
  spec.ups.push_back(u);
  LoadSpec rack;
  rack.id = "rack";
  rack.fed_by = {"ups"};
  rack.load_kw = 400;
  spec.loads.push_back(rack);
  std::vector<GraphProblem> problems;
  const PowerGraph graph = PowerGraph::build(spec, problems);
  ASSERT_TRUE(problems.empty());
  Facility f(spec, graph, 1, {});
  const double end = 150 * hour;
  while (f.next_event_time() <= end)
    f.advance_to(f.next_event_time());
  f.finish(end);

  EXPECT_NEAR(f.load_metrics()[0].unpowered_s, 0.0, 1e-12);
  const auto reports = f.component_reports();
  const auto metric = [&](const std::string& id, const std::string& name) {
    for (const auto& r : reports)
      for (const auto& m : r.metrics)
        if (r.id == id && m.name == name)
          return m.value;
    ADD_FAILURE() << id << "." << name << " not reported";
    return -1.0;
  };
  EXPECT_EQ(metric("ats", "transfers"), 2);
  EXPECT_EQ(metric("plant", "maintenance_outages"), 1);
  // The plant carried the rack except from 100 h until 110 h + 8 min (start) + 5 min
  // (retransfer) + 0.1 s (the open transition back).
  const double off_s = 10 * hour + 13 * minute + 0.1;
  EXPECT_NEAR(metric("plant", "energy_kwh"), 400 * (end - off_s) / hour, 1e-6);
  EXPECT_EQ(f.outcomes().bridged_by_ups, 1); // the prime plant's loss is an outage episode
  EXPECT_EQ(f.outcomes().total(), 1);
}

std::vector<aidcsim::Diagnostic> errors_of(const std::string& name) {
  try {
    aidcsim::load_scenario(std::string(AIDCSIM_SOURCE_DIR) + "/test/data/bad-facility/" + name);
  } catch (const aidcsim::InputError& e) {
    return e.diagnostics().items();
  }
  ADD_FAILURE() << name << " loaded without error";
  return {};
}

TEST(OnsitePlant, ABackupPlantOnlyConnectsAsASwitchAlternate) {
  const auto diags = errors_of("onsite-backup-as-normal.yaml");
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].key, "facility.ats.normal");
  EXPECT_EQ(diags[0].value, "turbines");
  EXPECT_EQ(diags[0].pos.line, 13);
  EXPECT_NE(
      diags[0].message.find(
          "(on-site generation plant) runs only when started: it connects as a transfer switch's alternate"),
      std::string::npos);
}

TEST(OnsitePlant, BadKeysAreEachReportedWhereTheyAre) {
  const auto diags = errors_of("onsite-bad-keys.yaml");
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_EQ(diags[0].key, "facility.onsite_generation[0].technology");
  EXPECT_NE(diags[0].message.find("gas_turbine, gas_engine"), std::string::npos);
  EXPECT_EQ(diags[1].key, "facility.onsite_generation[0].maintenance.duration");
  EXPECT_EQ(diags[2].key, "facility.onsite_generation[0].fuel.tank");
  EXPECT_EQ(diags[2].pos.line, 16);
}

} // namespace
