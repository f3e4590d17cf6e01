// A load as a component of the chain: an IT rack or a cooling unit, on one cord or two (A/B).
// What it draws is the facility's to say (its heat, throttling, the cooling it follows); the node
// holds what the chain decides about it: shed, a cord cut to relieve an overload, booting. A
// cooling unit may fail (LoadSpec::failures): failed, it stops as if unpowered until repaired, so
// the cooling plant sees its pumps or its heat rejection stop.
#pragma once

#include "engine/base/random_stream.hpp"
#include "models/power/component_interface.hpp"
#include "models/power/facility_spec.hpp"
#include "models/power/repairable_units.hpp"

#include <limits>

namespace aidcsim::power {

class LoadNode {
public:
  using Spec = LoadSpec;
  LoadNode(const LoadSpec& spec, double /*design_kw*/, RandomStream rng)
      : kind_(spec.kind), rejects_heat_(spec.rejects_heat()),
        fails_(!spec.it() && spec.failures.rate_per_s > 0),
        failures_(1, fails_ ? spec.failures : Interruptions{}, std::move(rng)), cut_(spec.fed_by.size(), 0) {}

  bool shed = false;     // dropped whole to fit a component's capacity
  double boot_done = -1; // service returns then; -1 when not booting
  bool cord_live(std::size_t k, const Surroundings& s) const { return s.feeder_live(k) && !cut_[k]; }
  // Moves a dual-corded load off cord k (its other cords carry it all).
  void cut_cord(std::size_t k) { cut_[k] = 1; }
  bool cut(std::size_t k) const { return cut_[k] != 0; }

  bool decide(const Surroundings& s) {
    bool live = false;
    if (!shed && failures_.failed() == 0)
      for (std::size_t k = 0; k < cut_.size(); ++k)
        live = live || cord_live(k, s);
    return live;
  }
  int demanded_feeder(const Surroundings&) const { return -1; }
  bool demand(bool, double) { return false; } // draws whenever powered
  double capacity_kw() const { return never; }
  bool overload_refuses() const { return false; }
  bool draws_through(int feeder, const Surroundings& s) const {
    bool draws = false;
    for (std::size_t k = 0; k < cut_.size(); ++k)
      draws = draws || (s.feeders[k] == feeder && cord_live(k, s));
    return draws;
  }
  // A dual-corded load splits its draw evenly over its live cords.
  void pass_draw(double out_kw, const Surroundings& s, std::vector<double>& drawn_kw) const {
    int live = 0;
    for (std::size_t k = 0; k < cut_.size(); ++k)
      live += cord_live(k, s) ? 1 : 0;
    const double share = out_kw / live;
    for (std::size_t k = 0; k < cut_.size(); ++k)
      if (cord_live(k, s))
        drawn_kw[s.feeders[k]] += share;
  }
  bool shed_input(bool) { return false; } // no storage of its own to ride on
  void clear_shedding() {
    shed = false;
    std::fill(cut_.begin(), cut_.end(), 0);
  }
  bool shedding() const { return shed; }

  bool integrates() const { return false; }
  double integrate(double, double, const Surroundings&) { return 0.0; } // metrics: the facility's
  double next_event_time(double, const Surroundings&) const {
    return std::min(boot_done >= 0 ? boot_done : never, failures_.next_event_time());
  }
  void process(double t) { failures_.process(t); } // a boot ends in the facility, which tells the workload

  bool accepts(ScheduledFault::Kind) const { return false; }
  bool schedule(const ScheduledFault&) { return false; }
  void apply(const ScheduledFault&, double) {}
  std::vector<FailureMode> failure_modes() const { // IT failures: the workload's
    if (!fails_)
      return {};
    return {{"failure", FailureMode::Basis::rate_per_s, failures_.rate_per_s(), 1}};
  }
  FailureDraws* failure_draws() { return fails_ ? &failures_ : nullptr; }

  bool is_source() const { return false; }
  double storage_kw(double, const Surroundings&) const { return 0.0; }
  bool on_storage(const Surroundings&) const { return false; }
  void set_discharge_factor(double) {}
  double storage_runtime_s(double, const Surroundings&) const { return never_s; }
  double storage_owed_kwh() const { return 0.0; }
  void outage_signs(double, const Surroundings&, OutageSigns&) const {}
  std::string_view timeline_kind() const;
  std::string_view timeline_state(const Surroundings& s) const {
    return shed                     ? "shed"
           : failures_.failed() > 0 ? "failed"
           : !s.self_energized()    ? "unpowered"
           : boot_done > s.now      ? (rejects_heat_ ? "restarting" : "booting")
                                    : "powered";
  }
  // A cooling unit's own failure; a rack is where an outage ends, not where it starts.
  Fault fault(const Surroundings&) const;
  double state_of_charge() const { return -1; }
  std::vector<Metric> metrics() const { // per load: the facility's LoadMetrics, and its failures
    if (!fails_)
      return {};
    return {{"failures", double(failures_.failures()), "failures", true}};
  }

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  LoadKind kind_;
  bool rejects_heat_;
  bool fails_; // a cooling load with failures of its own
  RepairableUnits failures_;
  std::vector<char> cut_; // per cord: dropped to relieve an overload
};

} // namespace aidcsim::power
