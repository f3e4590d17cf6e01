#include "models/faults/distribution.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace aidcsim::faults {

DurationDistribution DurationDistribution::fixed(double value_s) {
  if (!(value_s >= 0))
    throw std::invalid_argument("fixed duration must be non-negative");
  DurationDistribution d;
  d.kind_ = Kind::fixed;
  d.a_ = value_s;
  return d;
}

DurationDistribution DurationDistribution::exponential(double mean_s) {
  if (!(mean_s > 0))
    throw std::invalid_argument("exponential mean must be positive");
  DurationDistribution d;
  d.kind_ = Kind::exponential;
  d.a_ = mean_s;
  return d;
}

DurationDistribution DurationDistribution::lognormal(double median_s, double sigma) {
  if (!(median_s > 0) || !(sigma > 0))
    throw std::invalid_argument("lognormal median and sigma must be positive");
  DurationDistribution d;
  d.kind_ = Kind::lognormal;
  d.a_ = median_s;
  d.b_ = sigma;
  return d;
}

DurationDistribution DurationDistribution::empirical(std::vector<std::pair<double, double>> cdf_points) {
  if (cdf_points.empty() || cdf_points.back().second != 1.0)
    throw std::invalid_argument("empirical table must end at cumulative fraction 1");
  double x = 0, f = 0;
  for (const auto& [xi, fi] : cdf_points) {
    if (!(xi > x) || !(fi > f))
      throw std::invalid_argument("empirical table must increase in duration and fraction");
    x = xi;
    f = fi;
  }
  DurationDistribution d;
  d.kind_ = Kind::empirical;
  d.cdf_ = std::move(cdf_points);
  return d;
}

double DurationDistribution::sample(RandomStream& rng) const {
  switch (kind_) {
  case Kind::fixed:
    return a_;
  case Kind::exponential:
    return -a_ * std::log(rng.uniform01());
  case Kind::lognormal: {
    // Box-Muller: one normal from two uniforms (the second normal is dropped to keep one draw
    // per sample simple to reason about).
    const double u1 = rng.uniform01();
    const double u2 = rng.uniform01();
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    return a_ * std::exp(b_ * z);
  }
  case Kind::empirical: {
    const double u = rng.uniform01();
    double x0 = 0, f0 = 0;
    for (const auto& [x1, f1] : cdf_) {
      if (u <= f1)
        return x0 + (x1 - x0) * (u - f0) / (f1 - f0);
      x0 = x1;
      f0 = f1;
    }
    return cdf_.back().first;
  }
  }
  return 0;
}

double DurationDistribution::sample_tilted(RandomStream& rng, double shift, double share,
                                           double& log_lr) const {
  if (shift == 0 || share <= 0 || kind_ == Kind::fixed || kind_ == Kind::empirical)
    return sample(rng);
  // One uniform picks the mixture's part (none when share is 1, the pure tilt).
  const bool tilted = share >= 1 || rng.uniform01() < share;
  double x = 0, log_g_over_f = 0; // log of the tilted density over the natural one at x
  if (kind_ == Kind::exponential) {
    const double k = std::exp(shift); // the mean a_ k: g / f = exp(-x / (a k) + x / a) / k
    x = -a_ * (tilted ? k : 1.0) * std::log(rng.uniform01());
    log_g_over_f = x / a_ * (1 - 1 / k) - shift;
  } else { // lognormal: its normal drawn with mean shift, g / f = exp(shift z - shift^2 / 2)
    const double u1 = rng.uniform01();
    const double u2 = rng.uniform01();
    const double z =
        std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2) + (tilted ? shift : 0.0);
    x = a_ * std::exp(b_ * z);
    log_g_over_f = shift * z - shift * shift / 2;
  }
  // f / (share g + (1 - share) f) = 1 / (share g / f + 1 - share)
  log_lr -= share >= 1 ? log_g_over_f : std::log(share * std::exp(log_g_over_f) + (1 - share));
  return x;
}

double DurationDistribution::mean_s() const {
  switch (kind_) {
  case Kind::fixed:
    return a_;
  case Kind::exponential:
    return a_;
  case Kind::lognormal:
    return a_ * std::exp(b_ * b_ / 2);
  case Kind::empirical: {
    double mean = 0, x0 = 0, f0 = 0;
    for (const auto& [x1, f1] : cdf_) {
      mean += (f1 - f0) * (x0 + x1) / 2; // uniform within each segment
      x0 = x1;
      f0 = f1;
    }
    return mean;
  }
  }
  return 0;
}

double DurationDistribution::survival(double x) const {
  if (x < 0)
    return 1.0;
  switch (kind_) {
  case Kind::fixed:
    return x < a_ ? 1.0 : 0.0;
  case Kind::exponential:
    return std::exp(-x / a_);
  case Kind::lognormal:
    return x <= 0 ? 1.0 : 0.5 * std::erfc(std::log(x / a_) / (b_ * std::numbers::sqrt2));
  case Kind::empirical: {
    double x0 = 0, f0 = 0;
    for (const auto& [x1, f1] : cdf_) {
      if (x <= x1)
        return 1.0 - (f0 + (f1 - f0) * (x - x0) / (x1 - x0));
      x0 = x1;
      f0 = f1;
    }
    return 0.0;
  }
  }
  return 0;
}

std::string DurationDistribution::describe() const {
  switch (kind_) {
  case Kind::fixed:
    return "fixed " + std::to_string(a_) + " s";
  case Kind::exponential:
    return "exponential, mean " + std::to_string(a_) + " s";
  case Kind::lognormal:
    return "lognormal, median " + std::to_string(a_) + " s, sigma " + std::to_string(b_);
  case Kind::empirical:
    return "empirical table of " + std::to_string(cdf_.size()) + " points";
  }
  return {};
}

} // namespace aidcsim::faults
