// A distribution unit (transformer, switchgear, PDU, busway) as a component of the chain: it
// passes its one feeder's power while healthy, up to its rating.
#pragma once

#include "models/power/component_interface.hpp"
#include "models/power/repairable_units.hpp"

namespace aidcsim::power {

class DistributionNode {
public:
  using Spec = DistributionSpec;
  DistributionNode(const DistributionSpec& spec, double /*design_kw*/, RandomStream rng)
      : rating_kw_(spec.rating_kw), failure_rate_per_s_(spec.failures.rate_per_s), kind_(spec.kind),
        failures_(1, spec.failures, std::move(rng)) {}

  bool decide(const Surroundings& s) { return failures_.failed() == 0 && s.feeder_live(0); }
  int demanded_feeder(const Surroundings&) const { return -1; }
  bool demand(bool, double) { return false; } // passes power; nothing to start
  double capacity_kw() const { return rating_kw_ > 0 ? rating_kw_ : RepairableUnits::never; }
  bool overload_refuses() const { return false; }
  bool draws_through(int, const Surroundings&) const { return true; } // one feeder
  void pass_draw(double out_kw, const Surroundings& s, std::vector<double>& drawn_kw) const {
    drawn_kw[s.feeders[0]] += out_kw;
  }
  bool shed_input(bool) { return false; }
  void clear_shedding() {}
  bool shedding() const { return false; }

  bool integrates() const { return false; }
  double integrate(double, double, const Surroundings&) { return 0.0; }
  double next_event_time(double, const Surroundings&) const { return failures_.next_event_time(); }
  void process(double t) { failures_.process(t); }

  bool accepts(ScheduledFault::Kind kind) const { return kind == ScheduledFault::Kind::component_down; }
  bool schedule(const ScheduledFault&) { return false; }
  void apply(const ScheduledFault& f, double t) { failures_.force_down(1, t + f.duration_s); }
  std::vector<FailureMode> failure_modes() const {
    return {{"failure", FailureMode::Basis::rate_per_s, failure_rate_per_s_, 1}};
  }

  FailureDraws* failure_draws() { return &failures_; }
  bool is_source() const { return false; }
  double storage_kw(double, const Surroundings&) const { return 0.0; }
  bool on_storage(const Surroundings&) const { return false; }
  void set_discharge_factor(double) {}
  double storage_runtime_s(double, const Surroundings&) const { return never_s; }
  double storage_owed_kwh() const { return 0.0; }
  void outage_signs(double, const Surroundings&, OutageSigns&) const {}
  std::string_view timeline_kind() const { return "distribution"; }
  std::string_view timeline_state(const Surroundings& s) const {
    return failures_.failed() > 0 ? "failed" : s.self_energized() ? "energized" : "dead";
  }
  Fault fault(const Surroundings&) const;
  double state_of_charge() const { return -1; }
  std::vector<Metric> metrics() const {
    return {{"failures", double(failures_.failures()), "failures", true}};
  }

private:
  double rating_kw_;
  double failure_rate_per_s_;
  DistributionKind kind_;
  RepairableUnits failures_;
};

} // namespace aidcsim::power
