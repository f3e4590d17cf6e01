#include "models/power/regenerative_estimator.hpp"

#include "engine/base/units.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

namespace {
constexpr double z95 = 1.959963984540054; // two-sided 95 % normal quantile

// The ratio sum(num) / sum(den) and its 95 % half-width by the delta method, from the sums of
// num, den, num^2, den^2 and num den over n cycles.
Interval ratio(long n, double s_num, double s_den, double s_nn, double s_dd, double s_nd) {
  Interval r;
  if (n < 1 || s_den <= 0)
    return r;
  r.value = s_num / s_den;
  if (n < 2)
    return r;
  const double nn = static_cast<double>(n);
  // sum (num - R den)^2 = s_nn - 2 R s_nd + R^2 s_dd; its mean over n - 1 is s^2.
  const double ss = std::max(0.0, s_nn - 2 * r.value * s_nd + r.value * r.value * s_dd);
  const double mean_den = s_den / nn;
  r.half_width = z95 * std::sqrt(ss / (nn - 1) / nn) / mean_den;
  return r;
}

Interval scaled(Interval i, double k) {
  return {i.value * k, i.half_width * k};
}
} // namespace

RegenerativeEstimator::RegenerativeEstimator(SamplingOptions options, int failure_rate_modes)
    : options_(options), modes_(std::max(1, failure_rate_modes)) {}

FailureBias RegenerativeEstimator::bias(double repair_rate_per_s, int cycle_failures) const {
  if (!options_.biased)
    return {};
  const bool tilt = options_.tilted_failures <= 0 || cycle_failures < options_.tilted_failures;
  const double shift = tilt ? options_.duration_shift : 0.0;
  if (!(repair_rate_per_s > 0)) {
    FailureBias up{0, 0, shift, options_.tilt_share};
    up.first_failure_share = options_.first_failure_share;
    return up;
  }
  return {options_.balance * repair_rate_per_s / modes_, options_.demand_floor, shift, options_.tilt_share};
}

double RegenerativeEstimator::close_cycle(double now, double downtime_min, long onsets, double log_lr,
                                          const std::vector<CauseCounts>& by_cause,
                                          const std::vector<CauseCounts>& by_component) {
  const double t = now - start_s_;
  const double d = downtime_min - start_downtime_min_;
  const double k = static_cast<double>(onsets - start_onsets_);
  const double w = std::exp(log_lr - start_log_lr_);
  const double x = t * w, y = d * w, z = k * w;
  ++n_;
  with_loss_ += d > 0 ? 1 : 0;
  sx_ += x;
  sy_ += y;
  sz_ += z;
  sw_ += w;
  sxx_ += x * x;
  syy_ += y * y;
  szz_ += z * z;
  sxy_ += x * y;
  sxz_ += x * z;
  sww_ += w * w;
  stt_w_ += t * t * w;
  sdd_w_ += d * d * w;
  sdt_w_ += d * t * w;
  max_y_ = std::max(max_y_, y);
  sum_t_ += t;
  start_s_ = now;
  start_downtime_min_ = downtime_min;
  start_onsets_ = onsets;
  start_log_lr_ = log_lr;
  add_groups(x, w, by_cause, causes_);
  add_groups(x, w, by_component, components_);
  return w;
}

// A cause that first appears in this cycle starts from zero; cycles before it saw none of it.
void RegenerativeEstimator::add_groups(double x, double w, const std::vector<CauseCounts>& counts,
                                       std::vector<CauseSums>& sums) {
  if (sums.size() < counts.size())
    sums.resize(counts.size());
  for (std::size_t c = 0; c < counts.size(); ++c) {
    CauseSums& s = sums[c];
    const double y = (counts[c].it_downtime_min - s.start.it_downtime_min) * w;
    const double z = static_cast<double>(counts[c].episodes - s.start.episodes) * w;
    s.start = counts[c];
    s.sy += y;
    s.syy += y * y;
    s.sxy += x * y;
    s.sz += z;
    s.szz += z * z;
    s.sxz += x * z;
  }
}

std::vector<CauseEstimate> RegenerativeEstimator::group_estimates(const std::vector<CauseSums>& sums) const {
  std::vector<CauseEstimate> out;
  for (const CauseSums& c : sums)
    out.push_back({scaled(ratio(n_, c.sy, sx_, c.syy, sxx_, c.sxy), units::seconds_per_year),
                   scaled(ratio(n_, c.sz, sx_, c.szz, sxx_, c.sxz), units::seconds_per_year)});
  return out;
}

RareEventEstimate RegenerativeEstimator::estimate() const {
  RareEventEstimate e;
  e.estimator = options_.biased ? "is" : "mc";
  e.cycles = n_;
  e.cycles_with_it_loss = with_loss_;
  e.simulated_years = sum_t_ / units::seconds_per_year;
  // D in minutes over T in seconds: minutes of downtime per second, then per year and as a fraction.
  const Interval per_s = ratio(n_, sy_, sx_, syy_, sxx_, sxy_);
  e.downtime_min_per_year = scaled(per_s, units::seconds_per_year);
  e.unavailability = scaled(per_s, 60.0);
  e.it_loss_episodes_per_year = scaled(ratio(n_, sz_, sx_, szz_, sxx_, sxz_), units::seconds_per_year);
  e.by_cause = group_estimates(causes_);
  e.by_component = group_estimates(components_);
  e.relative_error = e.unavailability.value > 0 ? e.unavailability.half_width / e.unavailability.value : 0.0;
  e.effective_sample_size = sww_ > 0 ? sw_ * sw_ / sww_ : 0.0;
  e.largest_cycle_share = sy_ > 0 ? max_y_ / sy_ : 0.0;
  if (n_ > 1 && sx_ > 0) {
    // In unavailability units (D in seconds): U = 60 sum(D L) / sum(T L).
    const double u = e.unavailability.value, nn = static_cast<double>(n_), mean_t = sx_ / nn;
    const double plain_ss = 3600 * sdd_w_ - 2 * 60 * u * sdt_w_ + u * u * stt_w_;
    e.plain_variance_per_cycle = std::max(0.0, plain_ss / nn) / (mean_t * mean_t);
    e.variance_per_cycle = nn * std::pow(e.unavailability.half_width / z95, 2);
  }
  if (with_loss_ < 10)
    e.warnings.push_back("fewer than 10 cycles lost IT power: the interval is not reliable");
  if (e.largest_cycle_share > 0.5)
    e.warnings.push_back(options_.biased ? "one cycle carries over half of the downtime estimate: the "
                                           "likelihood ratios degenerate (run longer or lower the bias)"
                                         : "one cycle carries over half of the downtime estimate: too "
                                           "few IT losses seen (run longer, or --estimator is)");
  if (n_ > 0 && e.effective_sample_size < 0.01 * static_cast<double>(n_))
    e.warnings.push_back("effective sample size under 1 % of the cycles: the likelihood ratios degenerate");
  return e;
}

} // namespace aidcsim::power
