// Design choice over a sweep: the points no other point beats on both cost and value (the Pareto
// front), and how sure a step between two designs is. With common random numbers (`seeds: common`)
// replication r of every point sees the same outage draws, so the difference of two designs is
// taken run by run (paired) and its variance is Var(A) + Var(B) - 2 Cov(A, B); independent seeds
// leave only Var(A) + Var(B) (Law, "Simulation Modeling and Analysis", 5th ed., section 11.2).
#pragma once

#include "engine/base/statistics.hpp"

#include <cstddef>
#include <vector>

namespace aidcsim {

struct ParetoCandidate {
  double cost = 0;  // lower is better
  double value = 0; // higher is better
};

// Indices of the non-dominated candidates, by cost ascending (ties: higher value first). A
// candidate is dominated when another costs no more and is worth at least as much, one of them
// strictly; of exact duplicates only the first is kept.
std::vector<std::size_t> pareto_front(const std::vector<ParetoCandidate>& candidates);

// The difference b - a of a metric between two designs, from their replications.
struct Difference {
  double mean = 0;
  Summary paired; // of b[r] - a[r]: meaningful when replication r shares its seed (n equal)
  // What independent seeds give: the sd of one run's difference, sqrt(Var(a) + Var(b)), to set
  // against paired.sd, and the half-width of Welch's 95 % interval of the mean difference.
  double unpaired_sd = 0;
  double unpaired_ci95_half = 0;
};

// Throws std::invalid_argument unless both have at least two values. `paired` is summarised only
// when both have the same count (else its n is 0).
Difference difference(const std::vector<double>& a, const std::vector<double>& b);

} // namespace aidcsim
