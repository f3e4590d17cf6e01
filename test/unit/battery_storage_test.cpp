// The battery store's core (models/power/battery_storage.hpp) against closed forms: what it
// supplies and takes in, when it is empty or full, and the energy that flattens a square wave.
#include "models/power/battery_storage.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using aidcsim::power::BatteryStorage;
using aidcsim::power::BatteryStorageParams;

BatteryStorageParams shaving(double above_kw) {
  BatteryStorageParams p;
  p.power_kw = 60;
  p.energy_kwh = 40;
  p.round_trip = 0.81; // sqrt: 0.9 each way
  p.shave_above_kw = above_kw;
  return p;
}

TEST(BatteryStorage, ShavesTheExcessUpToItsPowerAndRechargesInTheHeadroom) {
  BatteryStorage b(shaving(100));
  auto f = b.flow(true, 145);
  EXPECT_DOUBLE_EQ(f.discharge_kw, 45);
  EXPECT_DOUBLE_EQ(f.input_kw, 100);
  f = b.flow(true, 200); // beyond its power: the input carries the rest
  EXPECT_DOUBLE_EQ(f.discharge_kw, 60);
  EXPECT_DOUBLE_EQ(f.input_kw, 140);
  EXPECT_DOUBLE_EQ(b.flow(true, 70).charge_kw, 0); // full: nothing to take in
  // Empty after E sqrt(eta) / P: 40 x 0.9 / 45 h.
  EXPECT_NEAR(b.next_event_in_s(true, 145), 40 * 0.9 / 45 * 3600, 1e-9);
  b.integrate(b.next_event_in_s(true, 145), true, 145);
  EXPECT_EQ(b.energy_kwh(), 0);
  EXPECT_NEAR(b.shaved_kwh(), 36, 1e-9);
  EXPECT_DOUBLE_EQ(b.flow(true, 145).discharge_kw, 0); // empty: the input carries it all
  // Below the threshold it recharges in the headroom (30 kW), full after E / (C sqrt(eta)).
  f = b.flow(true, 70);
  EXPECT_DOUBLE_EQ(f.charge_kw, 30);
  EXPECT_DOUBLE_EQ(f.input_kw, 100);
  EXPECT_NEAR(b.next_event_in_s(true, 70), 40 / (30 * 0.9) * 3600, 1e-9);
  b.integrate(b.next_event_in_s(true, 70), true, 70);
  EXPECT_EQ(b.energy_kwh(), 40);
  EXPECT_NEAR(b.charged_kwh(), 40 / 0.9, 1e-9);
}

TEST(BatteryStorage, RidesThroughALostInputUntilEmpty) {
  BatteryStorageParams p = shaving(std::numeric_limits<double>::infinity());
  BatteryStorage b(p);
  EXPECT_TRUE(b.output_ok(false));
  EXPECT_DOUBLE_EQ(b.flow(false, 50).discharge_kw, 50);
  EXPECT_DOUBLE_EQ(b.flow(true, 50).discharge_kw, 0); // no threshold: no shaving
  EXPECT_NEAR(b.next_event_in_s(false, 50), 40 * 0.9 / 50 * 3600, 1e-9);
  b.integrate(b.next_event_in_s(false, 50), false, 50);
  EXPECT_FALSE(b.output_ok(false));
  EXPECT_DOUBLE_EQ(b.flow(true, 50).charge_kw, 60); // recharges at its power
  p.ride_through = false;
  EXPECT_FALSE(BatteryStorage(p).output_ok(false));
}

// A square wave of swing A (between 100 - A/2 and 100 + A/2 kW, half of each period T above the
// mean) shaved at its mean: the store delivers A/2 for T/2 each period, A T / 4 in all, and takes
// it back (over its round trip) in the other half.
TEST(BatteryStorage, FlattensASquareWaveWithATQuarterPerPeriod) {
  const double a = 40, t = 3.6; // kW, s
  BatteryStorage b(shaving(100));
  for (int k = 0; k < 10; ++k) {
    EXPECT_DOUBLE_EQ(b.flow(true, 100 + a / 2).input_kw, 100);
    b.integrate(t / 2, true, 100 + a / 2);
    EXPECT_DOUBLE_EQ(b.flow(true, 100 - a / 2).input_kw, 100); // recharging in the headroom
    b.integrate(t / 2, true, 100 - a / 2);
  }
  EXPECT_NEAR(b.discharged_kwh(), 10 * a * t / 4 / 3600, 1e-12);
}

TEST(BatteryStorage, RejectsAStoreThatCannotWork) {
  BatteryStorageParams p = shaving(100);
  p.energy_kwh = 0;
  EXPECT_THROW(BatteryStorage{p}, std::invalid_argument);
}

} // namespace
