// The exact reference the rare-event estimator is checked against (test/reference/ctmc.hpp),
// itself checked against closed forms, down to unavailabilities of 1e-10.
#include "test/reference/ctmc.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ref = aidcsim::reference;

namespace {
bool any_down(const std::vector<int>& s) {
  for (int x : s)
    if (x > 0)
      return true;
  return false;
}
bool all_down(const std::vector<int>& s) {
  for (int x : s)
    if (x == 0)
      return false;
  return true;
}
} // namespace

TEST(Ctmc, TwoStateUnitIsLambdaOverLambdaPlusMu) {
  const double l = 3e-6, m = 1.0 / 7200;
  EXPECT_NEAR(ref::probability_down({{l, m}}, any_down), l / (l + m), 1e-15);
}

// A shared repair crew: two units, one repairer. Birth-death chain on the failed count, with
// pi_1 / pi_0 = 2 l / m and pi_2 / pi_0 = 2 l^2 / m^2.
TEST(Ctmc, SharedCrewBirthDeathChain) {
  const double l = 1e-5, m = 0.25;
  const auto pi = ref::steady_state({{0, 2 * l, 0}, {m, 0, l}, {0, m, 0}});
  const double z = 1 + 2 * l / m + 2 * l * l / (m * m);
  EXPECT_NEAR(pi[2] / (2 * l * l / (m * m) / z), 1.0, 1e-12);
  EXPECT_NEAR(pi[1] / (2 * l / m / z), 1.0, 1e-12);
}

// Two independent units in parallel: down only when both are, (l / (l + m))^2 = 1e-10 here, to
// full relative accuracy (no cancellation in GTH).
TEST(Ctmc, ParallelPairKeepsRelativeAccuracyAt1e10) {
  const double m = 1.0;
  const double l = 1e-5 / (1 - 1e-5); // l / (l + m) = 1e-5
  const double p = ref::probability_down({{l, m}, {l, m}}, all_down);
  EXPECT_NEAR(p / 1e-10, 1.0, 1e-10);
}

// A feed whose outages arrive at l and last exponential times of mean 1/m, overlapping: down with
// probability 1 - exp(-l/m) (M/M/infinity: the number of active outages is Poisson(l/m)).
TEST(Ctmc, OverlappingOutagesAreMMInfinity) {
  const double l = 1.3 / 31536000.0, m = 1.0 / 2400;
  ref::MarkovComponent feed{l, m, true, 6};
  EXPECT_NEAR(ref::probability_down({feed}, any_down) / -std::expm1(-l / m), 1.0, 1e-12);
}

// Series within a path, paths in parallel: 1 - prod(1 - p_i) per path, squared.
TEST(Ctmc, TwoSeriesPathsInParallel) {
  const std::vector<ref::MarkovComponent> c = {{1e-6, 1e-3}, {2e-6, 5e-4}, {1e-6, 1e-3}, {2e-6, 5e-4}};
  const double pa = 1 - (1 - 1e-6 / (1e-6 + 1e-3)) * (1 - 2e-6 / (2e-6 + 5e-4));
  const double p = ref::probability_down(
      c, [](const std::vector<int>& s) { return (s[0] > 0 || s[1] > 0) && (s[2] > 0 || s[3] > 0); });
  EXPECT_NEAR(p / (pa * pa), 1.0, 1e-12);
}

TEST(Ctmc, RejectsAChainThatIsNotIrreducible) {
  EXPECT_THROW(ref::steady_state({{0, 1}, {0, 0}}), std::invalid_argument);
}
