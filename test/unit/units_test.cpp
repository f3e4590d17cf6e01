#include "engine/base/units.hpp"

#include <gtest/gtest.h>

using aidcsim::units::Dimension;
using aidcsim::units::parse;

namespace {

double ok(const char* text, Dimension dim) {
  const auto r = parse(text, dim);
  EXPECT_TRUE(r.value.has_value()) << text << ": " << r.error;
  return r.value.value_or(-1.0);
}

std::string error_of(const char* text, Dimension dim) {
  const auto r = parse(text, dim);
  EXPECT_FALSE(r.value.has_value()) << text << " parsed as " << r.value.value_or(0);
  return r.error;
}

} // namespace

TEST(Units, TimesConvertToSeconds) {
  EXPECT_DOUBLE_EQ(ok("10 min", Dimension::time), 600.0);
  EXPECT_DOUBLE_EQ(ok("1 h", Dimension::time), 3600.0);
  EXPECT_DOUBLE_EQ(ok("1.5h", Dimension::time), 5400.0);
  EXPECT_DOUBLE_EQ(ok("2 d", Dimension::time), 172800.0);
  EXPECT_DOUBLE_EQ(ok("1 y", Dimension::time), 8760.0 * 3600.0);
  EXPECT_DOUBLE_EQ(ok("250 ms", Dimension::time), 0.25);
  EXPECT_DOUBLE_EQ(ok("150 ns", Dimension::time), 150e-9);
  EXPECT_DOUBLE_EQ(ok("  30 s  ", Dimension::time), 30.0);
}

TEST(Units, PowerAndEnergy) {
  EXPECT_DOUBLE_EQ(ok("1.5 MW", Dimension::power), 1.5e6);
  EXPECT_DOUBLE_EQ(ok("145 kW", Dimension::power), 145e3);
  EXPECT_DOUBLE_EQ(ok("2013.8889 W", Dimension::power), 2013.8889);
  EXPECT_DOUBLE_EQ(ok("500 kWh", Dimension::energy), 500 * 3.6e6);
  EXPECT_DOUBLE_EQ(ok("55.1 TWh", Dimension::energy), 55.1 * 3.6e15);
  EXPECT_DOUBLE_EQ(ok("1 J", Dimension::energy), 1.0);
}

TEST(Units, RampRatesAndFrequencies) {
  EXPECT_DOUBLE_EQ(ok("2000 W/s", Dimension::ramp_rate), 2000);
  EXPECT_DOUBLE_EQ(ok("1.5 MW/s", Dimension::ramp_rate), 1.5e6);
  EXPECT_DOUBLE_EQ(ok("10 MW/min", Dimension::ramp_rate), 1e7 / 60);
  EXPECT_DOUBLE_EQ(ok("0.1 Hz", Dimension::frequency), 0.1);
  EXPECT_DOUBLE_EQ(ok("500 mHz", Dimension::frequency), 0.5);
  // A power where a ramp is expected names both.
  const auto r = parse("2 kW", Dimension::ramp_rate);
  EXPECT_FALSE(r.value);
  EXPECT_NE(r.error.find("a power, but a ramp rate is expected"), std::string::npos) << r.error;
}

TEST(Units, MoneyAndPricesInDollars) {
  EXPECT_DOUBLE_EQ(ok("41.7 kUSD", Dimension::money), 41700);
  EXPECT_DOUBLE_EQ(ok("8.2 M$", Dimension::money), 8.2e6);
  EXPECT_DOUBLE_EQ(ok("800 USD/kW", Dimension::money_per_power), 800);
  EXPECT_DOUBLE_EQ(ok("11.7 M$/MW", Dimension::money_per_power), 11700);
  EXPECT_DOUBLE_EQ(ok("0.5 $/W", Dimension::money_per_power), 500);
  EXPECT_DOUBLE_EQ(ok("81 USD/MWh", Dimension::money_per_energy), 0.081);
  EXPECT_DOUBLE_EQ(ok("0.081 $/kWh", Dimension::money_per_energy), 0.081);
  // A price per kW where one per kWh is expected names both.
  const auto r = parse("450 USD/kW", Dimension::money_per_energy);
  EXPECT_FALSE(r.value);
  EXPECT_NE(r.error.find("a price per power, but a price per energy is expected"), std::string::npos)
      << r.error;
}

TEST(Units, TemperaturesInCelsiusOrKelvin) {
  EXPECT_DOUBLE_EQ(ok("87 C", Dimension::temperature), 87.0);
  EXPECT_DOUBLE_EQ(ok("-5 C", Dimension::temperature), -5.0);
  EXPECT_NEAR(ok("300 K", Dimension::temperature), 26.85, 1e-12);
}

TEST(Units, DataSizesAndRates) {
  EXPECT_DOUBLE_EQ(ok("192 GB", Dimension::data_size), 192e9);
  EXPECT_DOUBLE_EQ(ok("1 GiB", Dimension::data_size), 1073741824.0);
  EXPECT_DOUBLE_EQ(ok("400 Gb/s", Dimension::data_rate), 400e9);
  EXPECT_DOUBLE_EQ(ok("8 TB/s", Dimension::data_rate), 64e12); // bits per second
  EXPECT_DOUBLE_EQ(ok("2500 TFLOPS", Dimension::compute_rate), 2.5e15);
}

TEST(Units, RatiosAreBareOrPercent) {
  EXPECT_DOUBLE_EQ(ok("0.75", Dimension::ratio), 0.75);
  EXPECT_DOUBLE_EQ(ok("120 %", Dimension::ratio), 1.2);
}

TEST(Units, RatesArePerSecond) {
  EXPECT_DOUBLE_EQ(ok("2 /y", Dimension::rate), 2.0 / (8760.0 * 3600.0));
  EXPECT_DOUBLE_EQ(ok("0.00157 /h", Dimension::rate), 0.00157 / 3600.0);
  EXPECT_DOUBLE_EQ(ok("3 /min", Dimension::rate), 0.05);
  EXPECT_NE(error_of("2 y", Dimension::rate).find("'y' is a unit of a duration, but a rate is expected"),
            std::string::npos);
}

TEST(Units, MissingUnitIsAnError) {
  const std::string e = error_of("10", Dimension::time);
  EXPECT_NE(e.find("has no unit"), std::string::npos) << e;
  EXPECT_NE(e.find("min"), std::string::npos) << e; // lists what is allowed
}

TEST(Units, UnknownUnitListsAllowedOnes) {
  const std::string e = error_of("10 parsecs", Dimension::time);
  EXPECT_NE(e.find("unknown unit 'parsecs'"), std::string::npos) << e;
  EXPECT_NE(e.find("s, min, h"), std::string::npos) << e;
}

TEST(Units, WrongDimensionIsAnError) {
  // A power where a duration is expected: the unit is unknown for a duration.
  EXPECT_NE(error_of("10 kW", Dimension::time).find("'kW' is a unit of a power, but a duration is expected"),
            std::string::npos);
  // Case matters: mW is not MW.
  EXPECT_NE(error_of("1 mW", Dimension::power).find("unknown unit"), std::string::npos);
}

TEST(Units, TrailingGarbageAndNonNumbersAreErrors) {
  error_of("12abc", Dimension::time);
  error_of("abc", Dimension::time);
  error_of("", Dimension::power);
  error_of("   ", Dimension::power);
  error_of("1e999 W", Dimension::power); // not finite
  error_of("nan W", Dimension::power);
  error_of("10 min extra", Dimension::time);
  EXPECT_NE(error_of("+-5 h", Dimension::time).find("two signs"), std::string::npos);
}

TEST(Units, ParseOrThrowThrowsOnBadText) {
  EXPECT_DOUBLE_EQ(aidcsim::units::parse_or_throw("2 h", Dimension::time), 7200.0);
  EXPECT_THROW(aidcsim::units::parse_or_throw("2 hours", Dimension::time), std::invalid_argument);
}
