// Figures for people (engine/results/human_units.hpp) and the metric table they print.
#include "engine/input/sweep.hpp"
#include "engine/results/human_units.hpp"
#include "models/power/facility_metrics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using aidcsim::human_kwh;
using aidcsim::human_minutes;
using aidcsim::human_minutes_per_year;
using aidcsim::with_thousands;

TEST(HumanUnits, ThousandsSeparators) {
  EXPECT_EQ(with_thousands(1234567.891, 1), "1,234,567.9");
  EXPECT_EQ(with_thousands(999, 0), "999");
  EXPECT_EQ(with_thousands(1000, 0), "1,000");
  EXPECT_EQ(with_thousands(-12345.5, 1), "-12,345.5");
  EXPECT_EQ(with_thousands(-0.01, 1), "0.0");
}

TEST(HumanUnits, DurationsAtTheirScale) {
  EXPECT_EQ(human_minutes(0), "0 min");
  EXPECT_EQ(human_minutes(0.5), "30 s");
  EXPECT_EQ(human_minutes(12.5), "12.5 min");
  EXPECT_EQ(human_minutes(180), "3.00 h");
  EXPECT_EQ(human_minutes(3 * 24 * 60), "3.00 d");
  EXPECT_EQ(human_minutes(1000 * 365 * 24 * 60.0), "1,000.00 y");
  EXPECT_EQ(human_minutes_per_year(0.2197), "0.22 min/year");
  EXPECT_EQ(human_minutes_per_year(150), "2.5 h/year");
}

TEST(HumanUnits, EnergyAtItsScale) {
  EXPECT_EQ(human_kwh(522), "522.0 kWh");
  EXPECT_EQ(human_kwh(4650), "4.650 MWh");
  EXPECT_EQ(human_kwh(2912046.5), "2.912 GWh");
  EXPECT_EQ(human_kwh(13577982959.0), "13.578 TWh");
}

// Each metric is declared once: keys are unique, and every facility headline a sweep may name is
// a key of the table.
TEST(MetricTable, KeysAreUniqueAndSweepNamesComeFromTheTable) {
  std::set<std::string> keys;
  for (const auto& m : aidcsim::power::facility_metrics()) {
    EXPECT_TRUE(keys.insert(std::string(m.key)).second) << m.key;
    EXPECT_FALSE(m.meaning.empty()) << m.key;
    EXPECT_FALSE(m.label.empty()) << m.key;
  }
  const auto& names = aidcsim::sweep_metric_names();
  for (const auto& m : aidcsim::power::facility_metrics())
    EXPECT_EQ(std::count(names.begin(), names.end(), std::string(m.key)), m.sweep ? 1 : 0) << m.key;
  EXPECT_EQ(names.front(), "it_energy_kwh");
}
