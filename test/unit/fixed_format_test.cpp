// format_fixed against printf's own rounding, on the values a timeline holds and on the hard
// cases (ties, powers of two, the ends of the range).
#include "engine/base/fixed_format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

namespace {

std::string fast(double x, int decimals) {
  char buf[512];
  return std::string(buf, aidcsim::format_fixed(buf, x, decimals));
}

std::string reference(double x, int decimals) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

} // namespace

TEST(FixedFormat, ExactCases) {
  EXPECT_EQ(fast(0.0, 6), "0.000000");
  EXPECT_EQ(fast(-0.0, 3), "-0.000");
  EXPECT_EQ(fast(0.5, 0), "0"); // a tie rounds to even
  EXPECT_EQ(fast(1.5, 0), "2");
  EXPECT_EQ(fast(2.5, 0), "2");
  EXPECT_EQ(fast(0.125, 2), "0.12"); // 0.125 is exact in binary: a tie
  EXPECT_EQ(fast(0.375, 2), "0.38");
  EXPECT_EQ(fast(-0.0004, 3), "-0.000");
  EXPECT_EQ(fast(145.0, 3), "145.000");
  EXPECT_EQ(fast(0.1, 6), "0.100000");
  EXPECT_EQ(fast(3153600000000.0, 6), "3153600000000.000000");
  EXPECT_EQ(fast(5e-324, 6), "0.000000");
  EXPECT_EQ(fast(std::ldexp(1.0, 62), 9), reference(std::ldexp(1.0, 62), 9));
  EXPECT_EQ(fast(std::nextafter(std::ldexp(1.0, 63), 0.0), 9),
            reference(std::nextafter(std::ldexp(1.0, 63), 0.0), 9));
  EXPECT_EQ(fast(0.9999996, 6), "1.000000"); // the fraction rounds up into the whole number
  EXPECT_EQ(fast(9.5, 0), "10");
  EXPECT_EQ(fast(std::ldexp(1.0, 80), 6), reference(std::ldexp(1.0, 80), 6)); // the fallback path
  EXPECT_EQ(fast(HUGE_VAL, 3), "inf");
}

TEST(FixedFormat, MatchesPrintfOnRandomValues) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-30.0, 66.0);
  std::uniform_int_distribution<int> decimals(0, aidcsim::fixed_format_max_decimals);
  int mismatches = 0;
  for (int i = 0; i < 300000 && mismatches < 5; ++i) {
    double x = std::exp2(exponent(rng));
    if (i % 3 == 0)
      x = std::round(x * 1024) / 1024; // short binary fractions: many ties
    if (i % 2 == 0)
      x = -x;
    const int d = decimals(rng);
    if (fast(x, d) != reference(x, d)) {
      ADD_FAILURE() << "x = " << reference(x, 30) << ", " << d << " decimals: " << fast(x, d) << " vs "
                    << reference(x, d);
      ++mismatches;
    }
  }
}

// A run's times: seconds with 6 decimals up to a million years, after sums of event delays.
TEST(FixedFormat, MatchesPrintfOnTimelineTimes) {
  std::mt19937_64 rng(11);
  std::exponential_distribution<double> gap(1.0 / 3600);
  double t = 0;
  for (int i = 0; i < 200000; ++i) {
    t += gap(rng) * (i % 1000 == 0 ? 1e6 : 1.0);
    ASSERT_EQ(fast(t, 6), reference(t, 6)) << i;
    ASSERT_EQ(fast(t / 7, 3), reference(t / 7, 3)) << i;
  }
}

// Whole numbers on either side of each power of ten: the digit count comes from the bit width.
TEST(FixedFormat, MatchesPrintfAroundPowersOfTen) {
  for (int k = 0; k <= 18; ++k) {
    const double p = std::pow(10.0, k);
    for (const double x : {p - 1, p, p + 1, std::nextafter(p, 0.0), std::nextafter(p, HUGE_VAL)})
      for (const int d : {0, 3, 6, 9})
        ASSERT_EQ(fast(x, d), reference(x, d)) << k << " " << d;
  }
  EXPECT_EQ(fast(999999999.9999999, 6), "1000000000.000000");
}
