// A utility feed: outages arrive as a Poisson process (rate per year from published SAIDI/SAIFI
// figures) with durations from a distribution; major events, when given, as a second such process;
// scheduled outages (sag trains, a 45 min loss) are added on top. Overlapping outages merge: the
// feed is down while any outage is active.
#pragma once

#include "engine/base/random_stream.hpp"
#include "models/power/facility_spec.hpp"
#include "models/power/failure_bias.hpp"

#include <limits>
#include <vector>

namespace aidcsim::power {

class UtilityFeed final : public FailureDraws {
public:
  UtilityFeed(const UtilitySpec& spec, RandomStream rng, double now = 0);

  void schedule_outage(double start_s, double duration_s);
  bool up() const { return active_.empty(); }
  // Applies every start and end due at `now`; returns true if up() changed.
  bool process(double now);
  double next_event_time() const;
  long outages() const { return outages_; }
  long major_events() const { return major_events_; }
  const UtilitySpec& spec() const { return spec_; }

  static constexpr double never = std::numeric_limits<double>::infinity();

  // The importance sampler's view (failure_bias.hpp): outages arrive whether the feed is up or not,
  // so the feed is always exposed; an active outage ends at 1 / its mean duration.
  void set_failure_bias(const FailureBias& bias, double now) override;
  double log_likelihood_ratio(double now) override;
  double repair_rate_per_s() const override;
  FirstFailureFigures first_failure_figures() const override; // both processes lose the feed

private:
  // An active outage: when it ends, and 1 / the mean duration of its kind (the sampler's repair rate).
  struct Active {
    double end_s;
    double ends_per_s;
  };
  void start_outage(double now, double duration_s, double ends_per_s);
  void start_random(double now, bool major);
  UtilitySpec spec_;
  RandomStream rng_;
  BiasedRate bias_;
  BiasedRate major_bias_;
  double next_major_start_;
  double duration_shift_ = 0, tilt_share_ = 1, duration_log_lr_ = 0;
  double next_random_start_;
  std::vector<Active> active_;
  std::vector<double> ended_now_; // outages that ended at the current instant
  std::vector<std::pair<double, double>>
      scheduled_; // (start, duration), sorted by start, consumed from the front
  std::size_t next_scheduled_ = 0;
  long outages_ = 0;
  long major_events_ = 0;
};

} // namespace aidcsim::power
