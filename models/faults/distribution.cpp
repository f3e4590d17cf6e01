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

double DurationDistribution::sample_tilted(RandomStream& rng, double shift, double& log_lr) const {
  if (shift == 0)
    return sample(rng);
  switch (kind_) {
  case Kind::exponential: {
    const double k = std::exp(shift);
    const double x = -a_ * k * std::log(rng.uniform01());
    log_lr += shift - x / a_ * (1 - 1 / k); // f / g = k exp(-x / a + x / (a k))
    return x;
  }
  case Kind::lognormal: {
    const double u1 = rng.uniform01();
    const double u2 = rng.uniform01();
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2) + shift;
    log_lr += -shift * z + shift * shift / 2; // phi(z) / phi(z - shift)
    return a_ * std::exp(b_ * z);
  }
  case Kind::fixed:
  case Kind::empirical:
    break;
  }
  return sample(rng);
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
