// A utility feed as a component of the chain: a source that is up or down (utility_feed.hpp).
#pragma once

#include "models/power/component_interface.hpp"
#include "models/power/utility_feed.hpp"

namespace aidcsim::power {

class UtilityNode {
public:
  using Spec = UtilitySpec;
  UtilityNode(const UtilitySpec& spec, double /*design_kw*/, RandomStream rng)
      : feed_(spec, std::move(rng)) {}
  const UtilityFeed& feed() const { return feed_; }

  bool decide(const Surroundings&) { return feed_.up(); }
  int demanded_feeder(const Surroundings&) const { return -1; }
  bool demand(bool, double) { return false; } // always available: a feed is not started
  double capacity_kw() const { return UtilityFeed::never; }
  bool overload_refuses() const { return false; }
  bool draws_through(int, const Surroundings&) const { return true; } // a source: no feeders
  void pass_draw(double, const Surroundings&, std::vector<double>&) const {}
  bool shed_input(bool) { return false; }
  void clear_shedding() {}
  bool shedding() const { return false; }

  bool integrates() const { return false; }
  double integrate(double, double, const Surroundings&) { return 0.0; }
  double next_event_time(double, const Surroundings&) const { return feed_.next_event_time(); }
  void process(double t) { feed_.process(t); }

  bool accepts(ScheduledFault::Kind kind) const { return kind == ScheduledFault::Kind::utility_loss; }
  // A feed merges scheduled outages with its random ones, so it holds them from the start.
  bool schedule(const ScheduledFault& f) {
    feed_.schedule_outage(f.at_s, f.duration_s);
    return true;
  }
  void apply(const ScheduledFault&, double) {}
  std::vector<FailureMode> failure_modes() const {
    if (feed_.spec().major_events.rate_per_s == 0)
      return {{"outage", FailureMode::Basis::rate_per_s, feed_.spec().outages.rate_per_s, 1}};
    return {{"outage", FailureMode::Basis::rate_per_s, feed_.spec().outages.rate_per_s, 1},
            {"major event", FailureMode::Basis::rate_per_s, feed_.spec().major_events.rate_per_s, 1}};
  }

  FailureDraws* failure_draws() { return &feed_; }
  bool is_source() const { return true; }
  double storage_kw(double, const Surroundings&) const { return 0.0; }
  bool on_storage(const Surroundings&) const { return false; }
  void set_discharge_factor(double) {}
  double storage_runtime_s(double, const Surroundings&) const { return never_s; }
  double storage_owed_kwh() const { return 0.0; }
  void outage_signs(double, const Surroundings&, OutageSigns& signs) const {
    signs.grid_down = signs.grid_down || !feed_.up();
  }
  std::string_view timeline_kind() const { return "utility"; }
  std::string_view timeline_state(const Surroundings&) const { return feed_.up() ? "up" : "down"; }
  Fault fault(const Surroundings&) const { return feed_.up() ? "" : "utility outage"; }
  double state_of_charge() const { return -1; }
  std::vector<Metric> metrics() const {
    if (feed_.spec().major_events.rate_per_s == 0)
      return {{"outages", double(feed_.outages()), "outages of this feed", true}};
    return {{"outages", double(feed_.outages()), "outages of this feed", true},
            {"major_events", double(feed_.major_events()), "outages of the major-event process", true}};
  }

private:
  UtilityFeed feed_;
};

} // namespace aidcsim::power
