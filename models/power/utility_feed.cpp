#include "models/power/utility_feed.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

namespace {
double inverse_mean(const faults::DurationDistribution& d) {
  const double m = d.mean_s();
  return m > 0 ? 1 / m : 0.0;
}
} // namespace

UtilityFeed::UtilityFeed(const UtilitySpec& spec, RandomStream rng, double now)
    : spec_(spec), rng_(rng), bias_(spec.outages.rate_per_s), major_bias_(spec.major_events.rate_per_s) {
  next_random_start_ = rng_.next_arrival(now, bias_.drawn_per_s());
  next_major_start_ = rng_.next_arrival(now, major_bias_.drawn_per_s()); // no draw without majors
}

void UtilityFeed::schedule_outage(double start_s, double duration_s) {
  const auto at = std::upper_bound(scheduled_.begin() + static_cast<std::ptrdiff_t>(next_scheduled_),
                                   scheduled_.end(), std::make_pair(start_s, duration_s));
  scheduled_.insert(at, {start_s, duration_s});
}

void UtilityFeed::start_outage(double now, double duration_s, double ends_per_s) {
  const bool was_up = up();
  active_.push_back({now + duration_s, ends_per_s});
  // An outage that starts while the feed is down merges with the active one; one that starts
  // exactly when another ends (touching dips) counts as a new outage, the feed staying down.
  if (was_up || std::find(ended_now_.begin(), ended_now_.end(), now) != ended_now_.end())
    ++outages_;
}

// One arrival of the ordinary or the major-event process, and the next one after it.
void UtilityFeed::start_random(double now, bool major) {
  const Interruptions& process = major ? spec_.major_events : spec_.outages;
  BiasedRate& bias = major ? major_bias_ : bias_;
  start_outage(now, process.duration.sample_tilted(rng_, duration_shift_, tilt_share_, duration_log_lr_),
               inverse_mean(process.duration));
  bias.failed();
  major_events_ += major ? 1 : 0;
  // At least one ulp later, so that a draw below the clock's resolution cannot stall the loop.
  (major ? next_major_start_ : next_random_start_) =
      std::max(rng_.next_arrival(now, bias.drawn_per_s()), std::nextafter(now, never));
}

bool UtilityFeed::process(double now) {
  const bool was_up = up();
  bias_.expose(now, 1);
  major_bias_.expose(now, 1);
  // Ends first: an outage that ends exactly when another starts leaves the feed down.
  ended_now_.clear();
  for (const Active& a : active_)
    if (a.end_s == now)
      ended_now_.push_back(a.end_s);
  auto ended = [now](const Active& a) { return a.end_s <= now; };
  std::erase_if(active_, ended);
  while (next_scheduled_ < scheduled_.size() && scheduled_[next_scheduled_].first <= now) {
    const double d = scheduled_[next_scheduled_].second;
    start_outage(now, d, d > 0 ? 1 / d : 0.0);
    ++next_scheduled_;
  }
  while (next_random_start_ <= now)
    start_random(now, false);
  while (next_major_start_ <= now)
    start_random(now, true);
  std::erase_if(active_, ended); // zero-length outages
  return up() != was_up;
}

double UtilityFeed::next_event_time() const {
  double t = std::min(next_random_start_, next_major_start_);
  for (const Active& a : active_)
    t = std::min(t, a.end_s);
  if (next_scheduled_ < scheduled_.size())
    t = std::min(t, scheduled_[next_scheduled_].first);
  return t;
}

void UtilityFeed::set_failure_bias(const FailureBias& bias, double now) {
  // Biased only while up: an outage that arrives during another merges with it and brings no
  // other component closer to failing, so drawing it more often would only spread the weights.
  duration_shift_ = bias.duration_shift;
  tilt_share_ = bias.tilt_share;
  const FailureBias b = up() ? bias : FailureBias{};
  if (bias_.set(b, now, 1, true)) // memoryless: the next arrival after now, at the new rate
    next_random_start_ = std::max(rng_.next_arrival(now, bias_.drawn_per_s()), std::nextafter(now, never));
  if (major_bias_.set(b, now, 1, true))
    next_major_start_ =
        std::max(rng_.next_arrival(now, major_bias_.drawn_per_s()), std::nextafter(now, never));
}

double UtilityFeed::log_likelihood_ratio(double now) {
  bias_.expose(now, 1);
  major_bias_.expose(now, 1);
  return bias_.log_lr() + major_bias_.log_lr() + duration_log_lr_;
}

FirstFailureFigures UtilityFeed::first_failure_figures() const {
  FirstFailureFigures f;
  const double ordinary = spec_.outages.rate_per_s, major = spec_.major_events.rate_per_s;
  f.loss_rate_per_s = ordinary + major;
  if (f.loss_rate_per_s > 0)
    f.loss_repair_s =
        (ordinary * spec_.outages.duration.mean_s() + major * spec_.major_events.duration.mean_s()) /
        f.loss_rate_per_s;
  return f;
}

double UtilityFeed::repair_rate_per_s() const {
  double rate = 0;
  for (const Active& a : active_)
    rate += a.ends_per_s;
  return rate;
}

} // namespace aidcsim::power
