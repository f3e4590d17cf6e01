#include "models/dynamics/power_wave.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace aidcsim::dynamics {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// The integral of max(0, q) over a segment where q goes linearly from qa to qb in dt.
double positive_part_integral(double qa, double qb, double dt) {
  if (qa >= 0 && qb >= 0)
    return (qa + qb) / 2 * dt;
  if (qa <= 0 && qb <= 0)
    return 0;
  const double hi = std::max(qa, qb);
  const double lo = std::min(qa, qb);
  return hi * hi / (hi - lo) * dt / 2; // the triangle above zero
}

} // namespace

PowerWave::PowerWave(double period_s, std::vector<WavePoint> points)
    : period_s_(period_s), points_(std::move(points)) {
  if (!(period_s_ > 0) || !std::isfinite(period_s_))
    throw std::invalid_argument("a power wave needs a positive, finite period");
  if (points_.empty() || points_.front().t_s != 0)
    throw std::invalid_argument("a power wave starts with a point at t = 0");
  for (std::size_t i = 1; i < points_.size(); ++i)
    if (!(points_[i].t_s >= points_[i - 1].t_s) || points_[i].t_s > period_s_)
      throw std::invalid_argument("a power wave's points go forward in time within its period");
}

PowerWave PowerWave::square(double period_s, double high_s, double high_w, double low_w) {
  high_s = std::clamp(high_s, 0.0, period_s);
  return PowerWave(period_s, {{0, low_w}, {0, high_w}, {high_s, high_w}, {high_s, low_w}});
}

PowerWave PowerWave::constant(double period_s, double power_w) {
  return PowerWave(period_s, {{0, power_w}});
}

// The point after point i; after the last, the first one again at t = T.
WavePoint PowerWave::next(std::size_t i) const {
  return i + 1 < points_.size() ? points_[i + 1] : WavePoint{period_s_, points_.front().power_w};
}

// f(a, b) for each segment of positive length, the closing one (last point to the first, at T)
// included.
template <class F> void PowerWave::for_each_segment(F&& f) const {
  for (std::size_t i = 0; i < points_.size(); ++i) {
    const WavePoint a = points_[i];
    const WavePoint b = next(i);
    if (b.t_s > a.t_s)
      f(a, b);
  }
}

double PowerWave::at(double t_s) const {
  double t = std::fmod(t_s, period_s_);
  if (t < 0)
    t += period_s_;
  std::size_t i = 0; // the last point at or before t
  while (i + 1 < points_.size() && points_[i + 1].t_s <= t)
    ++i;
  const WavePoint a = points_[i];
  const WavePoint b = next(i);
  if (b.t_s <= a.t_s)
    return a.power_w;
  return a.power_w + (b.power_w - a.power_w) * (t - a.t_s) / (b.t_s - a.t_s);
}

double PowerWave::mean_w() const {
  double e = 0;
  for_each_segment([&](WavePoint a, WavePoint b) { e += (a.power_w + b.power_w) / 2 * (b.t_s - a.t_s); });
  return e / period_s_;
}

double PowerWave::max_w() const {
  double m = -inf;
  for (const WavePoint& p : points_)
    m = std::max(m, p.power_w);
  return m;
}

double PowerWave::min_w() const {
  double m = inf;
  for (const WavePoint& p : points_)
    m = std::min(m, p.power_w);
  return m;
}

double PowerWave::largest_step_w() const {
  double step = 0;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    const WavePoint b = next(i);
    if (b.t_s == points_[i].t_s)
      step = std::max(step, std::abs(b.power_w - points_[i].power_w));
  }
  return step;
}

double PowerWave::max_ramp_up_w_per_s() const {
  double r = 0;
  for (std::size_t i = 0; i < points_.size(); ++i)
    if (next(i).t_s == points_[i].t_s && next(i).power_w > points_[i].power_w)
      return inf;
  for_each_segment(
      [&](WavePoint a, WavePoint b) { r = std::max(r, (b.power_w - a.power_w) / (b.t_s - a.t_s)); });
  return r;
}

double PowerWave::max_ramp_down_w_per_s() const {
  double r = 0;
  for (std::size_t i = 0; i < points_.size(); ++i)
    if (next(i).t_s == points_[i].t_s && next(i).power_w < points_[i].power_w)
      return inf;
  for_each_segment(
      [&](WavePoint a, WavePoint b) { r = std::max(r, (a.power_w - b.power_w) / (b.t_s - a.t_s)); });
  return r;
}

double PowerWave::energy_above_j(double level_w) const {
  double e = 0;
  for_each_segment([&](WavePoint a, WavePoint b) {
    e += positive_part_integral(a.power_w - level_w, b.power_w - level_w, b.t_s - a.t_s);
  });
  return e;
}

double PowerWave::energy_below_j(double level_w) const {
  double e = 0;
  for_each_segment([&](WavePoint a, WavePoint b) {
    e += positive_part_integral(level_w - a.power_w, level_w - b.power_w, b.t_s - a.t_s);
  });
  return e;
}

double PowerWave::mean_of_power_to_the(double k) const {
  double sum = 0;
  for_each_segment([&](WavePoint a, WavePoint b) {
    const double pa = std::max(a.power_w, 0.0);
    const double pb = std::max(b.power_w, 0.0);
    const double dt = b.t_s - a.t_s;
    // On a linear segment: integral of p^k dt = (pb^(k+1) - pa^(k+1)) / ((k+1) slope).
    if (std::abs(pb - pa) <= 1e-12 * std::max(pa, pb))
      sum += std::pow((pa + pb) / 2, k) * dt;
    else
      sum += (std::pow(pb, k + 1) - std::pow(pa, k + 1)) / ((k + 1) * (pb - pa)) * dt;
  });
  return sum / period_s_;
}

double PowerWave::harmonic_w(int n) const {
  const double w = 2 * std::numbers::pi * n / period_s_;
  const std::complex<double> minus_iw(0, -w);
  std::complex<double> c = 0;
  for_each_segment([&](WavePoint a, WavePoint b) {
    const std::complex<double> ea = std::exp(minus_iw * a.t_s);
    const std::complex<double> eb = std::exp(minus_iw * b.t_s);
    const double slope = (b.power_w - a.power_w) / (b.t_s - a.t_s);
    c += (b.power_w * eb - a.power_w * ea) / minus_iw + slope * (eb - ea) / (w * w);
  });
  return 2 * std::abs(c) / period_s_;
}

double PowerWave::band_rms_w(double from_hz, double to_hz, int max_harmonics) const {
  const int first = std::max(1, static_cast<int>(std::ceil(from_hz * period_s_ - 1e-9)));
  const double last_d = std::floor(to_hz * period_s_ + 1e-9);
  const int last = static_cast<int>(std::min<double>(last_d, first + max_harmonics - 1.0));
  double sum = 0;
  for (int n = first; n <= last; ++n) {
    const double a = harmonic_w(n);
    sum += a * a / 2; // a sinusoid of peak a has mean square a^2 / 2
  }
  return std::sqrt(sum);
}

PowerWave PowerWave::scaled(double factor) const {
  std::vector<WavePoint> pts = points_;
  for (WavePoint& p : pts)
    p.power_w *= factor;
  return PowerWave(period_s_, std::move(pts));
}

PowerWave PowerWave::clamped(double lo_w, double hi_w) const {
  std::vector<WavePoint> out;
  auto add = [&](double t, double p) { out.push_back({t, std::clamp(p, lo_w, hi_w)}); };
  for (std::size_t i = 0; i < points_.size(); ++i) {
    const WavePoint a = points_[i];
    add(a.t_s, a.power_w);
    const WavePoint b = next(i);
    if (b.t_s <= a.t_s)
      continue;
    // Where the segment crosses either level, in time order: the clamped wave bends there.
    double cross[2];
    int n = 0;
    for (const double level : {lo_w, hi_w})
      if ((a.power_w - level) * (b.power_w - level) < 0)
        cross[n++] = a.t_s + (level - a.power_w) / (b.power_w - a.power_w) * (b.t_s - a.t_s);
    if (n == 2 && cross[1] < cross[0])
      std::swap(cross[0], cross[1]);
    for (int k = 0; k < n; ++k)
      add(cross[k], a.power_w + (b.power_w - a.power_w) * (cross[k] - a.t_s) / (b.t_s - a.t_s));
  }
  return PowerWave(period_s_, std::move(out));
}

} // namespace aidcsim::dynamics
