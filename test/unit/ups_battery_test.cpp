// UPS battery physics against closed forms (Peukert's law, linear recharge).
#include "models/power/ups_battery.hpp"

#include <gtest/gtest.h>

#include <cmath>

using aidcsim::power::UpsBattery;
using aidcsim::power::UpsBatterySpec;

namespace {
// The validation case: 10 min at 1,000 kW, Peukert exponent 1.15.
const UpsBatterySpec ten_minutes{1000.0, 600.0, 1.15, 250.0};
} // namespace

TEST(UpsBattery, PeukertRuntimeAtHalfLoadIs22Point19Minutes) {
  const UpsBattery b(ten_minutes);
  EXPECT_NEAR(b.runtime_from_full_s(500.0) / 60.0, 22.19, 0.005); // 10 * 2^1.15 = 22.193
  EXPECT_NEAR(b.runtime_from_full_s(500.0), 600.0 * std::pow(2.0, 1.15), 1e-9);
}

TEST(UpsBattery, RatedLoadGivesRatedRuntime) {
  const UpsBattery b(ten_minutes);
  EXPECT_DOUBLE_EQ(b.runtime_from_full_s(1000.0), 600.0);
  EXPECT_EQ(b.runtime_from_full_s(0.0), UpsBattery::never);
}

TEST(UpsBattery, OverloadShortensRuntimeMoreThanProportionally) {
  const UpsBattery b(ten_minutes);
  EXPECT_NEAR(b.runtime_from_full_s(2000.0), 600.0 / std::pow(2.0, 1.15), 1e-9); // 270.4 s < 300 s
}

TEST(UpsBattery, PartialDischargeKeepsTheRemainingFraction) {
  UpsBattery b(ten_minutes);
  const double full = b.runtime_from_full_s(500.0);
  b.discharge(500.0, full / 4);
  EXPECT_NEAR(b.state_of_charge(), 0.75, 1e-12);
  EXPECT_NEAR(b.time_until_empty_s(500.0), 0.75 * full, 1e-9);
  // A load change mid-discharge: the rest lasts 0.75 of the full runtime at the new load.
  EXPECT_NEAR(b.time_until_empty_s(1000.0), 0.75 * 600.0, 1e-9);
}

TEST(UpsBattery, DischargingToTheComputedEmptyTimeLeavesNoResidue) {
  UpsBattery b(ten_minutes, 0.3);
  const double t = b.time_until_empty_s(731.0);
  b.discharge(731.0, t);
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.time_until_empty_s(731.0), 0.0);
}

TEST(UpsBattery, RechargeIsLinearAtChargerPower) {
  UpsBattery b(ten_minutes, 0.0);
  // 166.7 kWh nominal at 250 kW: 40 min from empty.
  EXPECT_NEAR(b.nominal_energy_kwh(), 1000.0 / 6.0, 1e-9);
  EXPECT_NEAR(b.time_until_full_s(), 2400.0, 1e-9);
  b.recharge(1200.0);
  EXPECT_NEAR(b.state_of_charge(), 0.5, 1e-12);
  b.recharge(b.time_until_full_s());
  EXPECT_EQ(b.state_of_charge(), 1.0);
  EXPECT_EQ(b.time_until_full_s(), 0.0);
}

TEST(UpsBattery, InvalidSpecIsRejected) {
  EXPECT_THROW(UpsBattery({0.0, 600.0, 1.15, 0.0}), std::invalid_argument);
  EXPECT_THROW(UpsBattery({1000.0, 600.0, 1.15, 0.0}, 1.5), std::invalid_argument);
}
