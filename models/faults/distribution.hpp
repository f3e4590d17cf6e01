// Distributions of durations (outage lengths, repair times), sampled by inverse transform from a
// RandomStream so that a seed fixes every draw.
//
//   exponential(mean m):        x = -m ln(u)
//   lognormal(median, sigma):   x = median * exp(sigma z), z standard normal (Box-Muller)
//   empirical CDF table:        points (x_i, F_i) with F increasing to 1; x interpolated linearly
//                               between points, from (0, 0)
//   fixed(x):                   x
#pragma once

#include "engine/base/random_stream.hpp"

#include <string>
#include <utility>
#include <vector>

namespace aidcsim::faults {

class DurationDistribution {
public:
  enum class Kind { fixed, exponential, lognormal, empirical };

  static DurationDistribution fixed(double value_s);
  static DurationDistribution exponential(double mean_s);
  static DurationDistribution lognormal(double median_s, double sigma);
  // Points (duration_s, cumulative fraction); fractions increasing, last one 1.
  static DurationDistribution empirical(std::vector<std::pair<double, double>> cdf_points);

  double sample(RandomStream& rng) const;
  // A sample drawn with its tail made heavier by `shift` (importance sampling), adding log(f / g)
  // of the sample to `log_lr`: a lognormal's normal shifted by `shift`; an exponential's mean
  // times exp(shift); fixed and empirical durations as they are. shift 0: sample() exactly.
  // With `share` below 1 the draw is a defensive mixture (Hesterberg, "Weighted average
  // importance sampling and defensive mixture distributions", Technometrics 37(2), 1995): tilted
  // with probability share, natural otherwise, g = share g_tilted + (1 - share) f. Its ratio
  // f / g never exceeds 1 / (1 - share), where the pure tilt's grows without bound as the draw
  // gets short (exp(shift^2 / 2 - shift z) for a lognormal's normal z).
  double sample_tilted(RandomStream& rng, double shift, double share, double& log_lr) const;
  double mean_s() const;
  // P(X > x): used by tests and by closed-form checks such as E[max(0, X - t)].
  double survival(double x_s) const;
  Kind kind() const { return kind_; }
  std::string describe() const;

private:
  Kind kind_ = Kind::fixed;
  double a_ = 0; // fixed value, mean, or median
  double b_ = 0; // lognormal sigma
  std::vector<std::pair<double, double>> cdf_;
};

} // namespace aidcsim::faults
