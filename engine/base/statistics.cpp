#include "engine/base/statistics.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>

namespace aidcsim {

Summary summarize(const std::vector<double>& values) {
  Summary s;
  s.n = values.size();
  if (s.n == 0)
    return s;
  double sum = 0;
  for (double v : values)
    sum += v;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n < 2)
    return s;
  double squares = 0; // two-pass: no cancellation for large means
  for (double v : values)
    squares += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(squares / static_cast<double>(s.n - 1));
  const boost::math::students_t t(static_cast<double>(s.n - 1));
  s.ci95_half = boost::math::quantile(t, 0.975) * s.sd / std::sqrt(static_cast<double>(s.n));
  return s;
}

} // namespace aidcsim
