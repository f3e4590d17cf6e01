// A battery store as a component of the power chain (test/data/storage/), against closed forms:
// a rack carried through a grid outage until the store is empty, and a rack's peak shaved until
// it is. (One run per test: SimGrid keeps one engine per process.)
#include "engine/input/scenario.hpp"
#include "engine/sim/simulation.hpp"
#include "models/dynamics/dynamics_spec.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

const std::string source = AIDCSIM_SOURCE_DIR;
const double half = std::sqrt(aidcsim::dynamics::default_storage_round_trip); // each way

aidcsim::RunResult run(const std::string& file) {
  return aidcsim::run_scenario(aidcsim::load_scenario(source + "/test/data/storage/" + file));
}

double component(const aidcsim::RunResult& r, const std::string& id, const std::string& metric) {
  for (const auto& c : r.facility.components)
    if (c.id == id)
      for (const auto& m : c.metrics)
        if (m.name == metric)
          return m.value;
  throw std::logic_error("no metric " + metric + " of " + id);
}

// 145 kW from 50 kWh: 50 sqrt(eta) / 145 h, then down until the grid returns at 90 min; the
// store recharges at 200 kW afterwards what it gave, over its round trip.
TEST(BatteryStorageRun, RidesThroughUntilEmpty) {
  const aidcsim::RunResult r = run("ride-through.yaml");
  const double runtime_min = 50 * half / 145 * 60;
  EXPECT_NEAR(r.facility.number("it_downtime_min"), 30 - runtime_min, 1e-6);
  EXPECT_NEAR(component(r, "bess", "discharged_kwh"), 50 * half, 1e-9);
  EXPECT_NEAR(component(r, "bess", "charged_kwh"), 50 / half, 1e-9);
  EXPECT_NEAR(component(r, "bess", "min_state_of_charge"), 0, 1e-12);
}

// 45 kW above the 100 kW threshold from 40 kWh: the grid carries 100 kW for 40 sqrt(eta) / 45 h,
// then 145 kW; the store ends empty, its 40 kWh supplied by storage.
TEST(BatteryStorageRun, ShavesThePeakUntilEmpty) {
  const aidcsim::RunResult r = run("peak-shaving.yaml");
  const double shaving_h = 40 * half / 45;
  EXPECT_NEAR(component(r, "bess", "shaved_kwh"), 40 * half, 1e-9);
  EXPECT_NEAR(r.facility.number("energy.source_kwh"), 100 * shaving_h + 145 * (2 - shaving_h), 1e-6);
  EXPECT_NEAR(r.facility.number("energy.storage_drawdown_kwh"), 40, 1e-9);
  EXPECT_NEAR(r.facility.number("it_downtime_min"), 0, 1e-12);
}

} // namespace
