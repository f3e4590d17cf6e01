// The Pareto front of a sweep's designs and the difference between two designs, against cases
// worked out by hand.
#include "engine/results/pareto.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using aidcsim::difference;
using aidcsim::pareto_front;
using aidcsim::ParetoCandidate;

TEST(ParetoFront, KeepsOnlyDesignsNoOtherBeatsOnBothAxes) {
  // By cost: (0.5, 0) (1, 1) (2, 3) (2, 2) (3, 3) (4, 5). (2, 2) costs as much as (2, 3) for less;
  // (3, 3) costs more than (2, 3) for no more.
  const std::vector<ParetoCandidate> c = {{1, 1}, {2, 3}, {2, 2}, {3, 3}, {4, 5}, {0.5, 0}};
  EXPECT_EQ(pareto_front(c), (std::vector<std::size_t>{5, 0, 1, 4}));
  // Duplicates: the first is kept. One candidate is its own front; none gives none.
  EXPECT_EQ(pareto_front({{1, 1}, {1, 1}}), (std::vector<std::size_t>{0}));
  EXPECT_EQ(pareto_front({{7, -2}}), (std::vector<std::size_t>{0}));
  EXPECT_TRUE(pareto_front({}).empty());
  // More cost for strictly more value, all the way: everything is on the front.
  EXPECT_EQ(pareto_front({{3, 3}, {1, 1}, {2, 2}}), (std::vector<std::size_t>{1, 2, 0}));
}

TEST(Difference, PairedAndIndependentSpreads) {
  const std::vector<double> a = {1, 2, 3, 4}, b = {2, 3, 5, 5};
  const aidcsim::Difference d = difference(a, b);
  EXPECT_DOUBLE_EQ(d.mean, 1.25);
  // b - a = {1, 1, 2, 1}: sd 0.5, interval t(0.975, 3) 0.5 / 2 = 3.182446 x 0.25.
  EXPECT_EQ(d.paired.n, 4u);
  EXPECT_DOUBLE_EQ(d.paired.mean, 1.25);
  EXPECT_NEAR(d.paired.sd, 0.5, 1e-15);
  EXPECT_NEAR(d.paired.ci95_half, 3.182446305 * 0.25, 1e-8);
  // Var(a) = 5/3, Var(b) = 2.25: one run's difference under independent seeds has sd
  // sqrt(5/3 + 2.25); Welch's interval has 5.8698 degrees of freedom, t(0.975) = 2.460129244 (by
  // bisection on Simpson's integral of Student's density, outside Boost).
  EXPECT_NEAR(d.unpaired_sd, std::sqrt(5.0 / 3 + 2.25), 1e-14);
  const double se = std::sqrt((5.0 / 3 + 2.25) / 4);
  const double dof = std::pow(se, 4) / (std::pow(5.0 / 3 / 4, 2) / 3 + std::pow(2.25 / 4, 2) / 3);
  EXPECT_NEAR(dof, 5.8698, 1e-4);
  EXPECT_NEAR(d.unpaired_ci95_half / se, 2.460129244, 1e-8);
  // Unequal counts: no pairing.
  EXPECT_EQ(difference({1, 2, 3}, b).paired.n, 0u);
  EXPECT_THROW(difference({1}, b), std::invalid_argument);
}

TEST(Difference, CommonRandomNumbersShrinkTheVarianceOfADifference) {
  // Two designs that see the same outages: each run's figure is the shared draw plus a small
  // design effect. The paired difference sees only the effect; independent runs see both draws.
  std::vector<double> a, b;
  for (int r = 0; r < 20; ++r) {
    const double shared = std::sin(r * 1.7) * 10;
    a.push_back(shared);
    b.push_back(shared * 0.9 + 0.01 * (r % 3));
  }
  const aidcsim::Difference d = difference(a, b);
  EXPECT_LT(d.paired.sd * 5, d.unpaired_sd);
  EXPECT_LT(d.paired.ci95_half * 5, d.unpaired_ci95_half);
}
