// Summary statistics of replications: mean, sample standard deviation and the 95% confidence
// interval of the mean from Student's t distribution (Boost.Math), for n independent runs.
#pragma once

#include <cstddef>
#include <vector>

namespace aidcsim {

struct Summary {
  std::size_t n = 0;
  double mean = 0;
  double sd = 0;        // sample standard deviation (n - 1); 0 when n < 2
  double ci95_half = 0; // t(0.975, n - 1) * sd / sqrt(n); 0 when n < 2
  // One run gives a mean but no spread: sd and interval are undefined, not zero.
  bool has_spread() const { return n >= 2; }
};

Summary summarize(const std::vector<double>& values);

} // namespace aidcsim
