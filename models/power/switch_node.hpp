// A transfer switch as a component of the chain: it passes its normal or its alternate source
// (transfer_switch.hpp) and, when failed, stays stuck where it is until repaired.
#pragma once

#include "models/power/component_interface.hpp"
#include "models/power/repairable_units.hpp"
#include "models/power/transfer_switch.hpp"

namespace aidcsim::power {

class SwitchNode {
public:
  using Spec = TransferSwitchSpec;
  SwitchNode(const TransferSwitchSpec& spec, double /*design_kw*/, RandomStream rng)
      : switch_(spec), failures_(1, spec.failures, std::move(rng)) {}
  const TransferSwitch& transfer_switch() const { return switch_; }
  // The switch's moving parts, to undo the decisions of a trial settle (power_chain.cpp).
  TransferSwitch::State state() const { return switch_.state(); }
  void restore(const TransferSwitch::State& s) { switch_.restore(s); }

  bool decide(const Surroundings& s) {
    const bool normal_ok = s.feeder_live(0), alternate_ok = s.feeder_live(1);
    if (failures_.failed() == 0) // a failed switch is stuck where it is
      switch_.update(s.now, normal_ok, alternate_ok);
    return switch_.energized(normal_ok, alternate_ok);
  }
  // While the normal source is lost or the switch is not back on it, it asks for the alternate.
  int demanded_feeder(const Surroundings& s) const {
    return switch_.wants_alternate(s.feeder_live(0)) ? 1 : -1;
  }
  bool demand(bool, double) { return false; } // passes power; nothing to start
  double capacity_kw() const { return TransferSwitch::never; }
  bool overload_refuses() const { return false; }
  bool draws_through(int feeder, const Surroundings& s) const { return s.feeders[slot()] == feeder; }
  void pass_draw(double out_kw, const Surroundings& s, std::vector<double>& drawn_kw) const {
    drawn_kw[s.feeders[slot()]] += out_kw;
  }
  bool shed_input(bool) { return false; }
  void clear_shedding() {}
  bool shedding() const { return false; }

  bool integrates() const { return false; }
  double integrate(double, double, const Surroundings&) { return 0.0; }
  double next_event_time(double, const Surroundings&) const {
    const double own = failures_.failed() == 0 ? switch_.next_event_time() : TransferSwitch::never;
    return std::min(own, failures_.next_event_time()); // a failed switch does nothing until repaired
  }
  void process(double t) { failures_.process(t); }

  bool accepts(ScheduledFault::Kind kind) const { return kind == ScheduledFault::Kind::component_down; }
  bool schedule(const ScheduledFault&) { return false; }
  void apply(const ScheduledFault& f, double t) { failures_.force_down(1, t + f.duration_s); }
  std::vector<FailureMode> failure_modes() const {
    return {{"failure", FailureMode::Basis::rate_per_s, switch_.spec().failures.rate_per_s, 1}};
  }

  FailureDraws* failure_draws() { return &failures_; }
  bool is_source() const { return false; }
  double storage_kw(double, const Surroundings&) const { return 0.0; }
  bool on_storage(const Surroundings&) const { return false; }
  void set_discharge_factor(double) {}
  double storage_runtime_s(double, const Surroundings&) const { return never_s; }
  double storage_owed_kwh() const { return 0.0; }
  void outage_signs(double, const Surroundings&, OutageSigns& signs) const {
    signs.all_normal = signs.all_normal && switch_.position() == TransferSwitch::Position::normal;
  }
  std::string_view timeline_kind() const { return "switch"; }
  std::string_view timeline_state(const Surroundings&) const {
    const auto pos = switch_.position();
    return pos == TransferSwitch::Position::normal      ? "normal"
           : pos == TransferSwitch::Position::alternate ? "alternate"
                                                        : "transferring";
  }
  Fault fault(const Surroundings&) const { return failures_.failed() > 0 ? "transfer switch stuck" : ""; }
  double state_of_charge() const { return -1; }
  std::vector<Metric> metrics() const {
    return {{"transfers", double(switch_.transfers()), "transfers between its sources, both ways", true},
            {"failures", double(failures_.failures()), "failures (stuck until repaired)", true}};
  }

private:
  // The feeder slot its output comes from (an open switch is dead, so the slot does not matter).
  std::size_t slot() const { return switch_.position() == TransferSwitch::Position::normal ? 0 : 1; }
  TransferSwitch switch_;
  RepairableUnits failures_;
};

} // namespace aidcsim::power
