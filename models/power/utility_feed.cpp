#include "models/power/utility_feed.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

UtilityFeed::UtilityFeed(const UtilitySpec& spec, RandomStream rng, double now)
    : spec_(spec), rng_(rng), bias_(spec.outages.rate_per_s) {
  next_random_start_ = rng_.next_arrival(now, bias_.drawn_per_s());
}

void UtilityFeed::schedule_outage(double start_s, double duration_s) {
  const auto at = std::upper_bound(scheduled_.begin() + static_cast<std::ptrdiff_t>(next_scheduled_),
                                   scheduled_.end(), std::make_pair(start_s, duration_s));
  scheduled_.insert(at, {start_s, duration_s});
}

void UtilityFeed::start_outage(double now, double duration_s) {
  const bool was_up = up();
  active_ends_.push_back(now + duration_s);
  // An outage that starts while the feed is down merges with the active one; one that starts
  // exactly when another ends (touching dips) counts as a new outage, the feed staying down.
  if (was_up || std::find(ended_now_.begin(), ended_now_.end(), now) != ended_now_.end())
    ++outages_;
}

bool UtilityFeed::process(double now) {
  const bool was_up = up();
  bias_.expose(now, 1);
  // Ends first: an outage that ends exactly when another starts leaves the feed down.
  ended_now_.clear();
  for (double end : active_ends_)
    if (end == now)
      ended_now_.push_back(end);
  std::erase_if(active_ends_, [now](double end) { return end <= now; });
  while (next_scheduled_ < scheduled_.size() && scheduled_[next_scheduled_].first <= now) {
    start_outage(now, scheduled_[next_scheduled_].second);
    ++next_scheduled_;
  }
  while (next_random_start_ <= now) {
    start_outage(now, spec_.outages.duration.sample_tilted(rng_, duration_shift_, duration_log_lr_));
    bias_.failed();
    // At least one ulp later, so that a draw below the clock's resolution cannot stall the loop.
    next_random_start_ = std::max(rng_.next_arrival(now, bias_.drawn_per_s()), std::nextafter(now, never));
  }
  std::erase_if(active_ends_, [now](double end) { return end <= now; }); // zero-length outages
  return up() != was_up;
}

double UtilityFeed::next_event_time() const {
  double t = next_random_start_;
  for (double end : active_ends_)
    t = std::min(t, end);
  if (next_scheduled_ < scheduled_.size())
    t = std::min(t, scheduled_[next_scheduled_].first);
  return t;
}

void UtilityFeed::set_failure_bias(const FailureBias& bias, double now) {
  // Biased only while up: an outage that arrives during another merges with it and brings no
  // other component closer to failing, so drawing it more often would only spread the weights.
  duration_shift_ = bias.duration_shift;
  const FailureBias b = up() ? bias : FailureBias{};
  if (bias_.set(b, now, 1)) // memoryless: the next arrival after now, at the new rate
    next_random_start_ = std::max(rng_.next_arrival(now, bias_.drawn_per_s()), std::nextafter(now, never));
}

double UtilityFeed::log_likelihood_ratio(double now) {
  bias_.expose(now, 1);
  return bias_.log_lr() + duration_log_lr_;
}

double UtilityFeed::repair_rate_per_s() const {
  const double mean_s = spec_.outages.duration.mean_s();
  return mean_s > 0 ? static_cast<double>(active_ends_.size()) / mean_s : 0.0;
}

} // namespace aidcsim::power
