// A UPS system as a component of the chain (ups_system.hpp): online from its input, or on battery
// when the input is lost or was dropped to relieve an overloaded component above it.
#pragma once

#include "models/power/component_interface.hpp"
#include "models/power/ups_system.hpp"

#include <algorithm>

namespace aidcsim::power {

class UpsNode {
public:
  using Spec = UpsSpec;
  UpsNode(const UpsSpec& spec, double /*design_kw*/, RandomStream rng) : ups_(spec, std::move(rng)) {}
  const UpsSystem& ups() const { return ups_; }
  double min_state_of_charge() const { return min_soc_; }
  bool input_ok(const Surroundings& s) const { return s.feeder_live(0) && !input_cut_; }

  bool decide(const Surroundings& s) { return ups_.output_ok(input_ok(s)); }
  int demanded_feeder(const Surroundings&) const { return -1; }
  bool demand(bool, double) { return false; } // always on line
  double capacity_kw() const { return ups_.capacity_kw(); }
  bool overload_refuses() const { return false; }
  bool draws_through(int, const Surroundings&) const { return !input_cut_; } // one feeder
  void pass_draw(double out_kw, const Surroundings& s, std::vector<double>& drawn_kw) const {
    if (input_ok(s))
      drawn_kw[s.feeders[0]] += out_kw / ups_.spec().efficiency;
  }
  // Relieving an overload above: with charge left the battery carries on, so the input is dropped
  // here rather than the loads below. An input dropped before stays dropped once the battery is
  // empty: restoring it would recharge the battery from the overloaded source and put the load
  // back on a few seconds of charge at the next event, again and again.
  bool shed_input(bool cut_before) {
    if (!ups_.output_ok(false) && !cut_before)
      return false;
    input_cut_ = true;
    return true;
  }
  void clear_shedding() { input_cut_ = false; }
  bool shedding() const { return input_cut_; }

  // Energy accounting follows the energy, not the state of charge (Peukert makes them differ):
  // what the battery gave is owed, and the charger's draw (not in the flows) repays it, in
  // proportion to the charge it restores, through the UPS's efficiency. Returns the repayment,
  // energy the sources delivered.
  bool integrates() const { return true; }
  double integrate(double dt_s, double out_kw, const Surroundings& s) {
    const bool ok = input_ok(s);
    const double soc_before = ups_.battery().state_of_charge();
    ups_.integrate(dt_s, ok, ok ? out_kw : out_kw * discharge_factor_); // the battery's drain
    double repaid = 0.0;
    if (!ok) {
      owed_kwh_ += out_kw * dt_s / 3600.0 / ups_.spec().efficiency;
    } else if (const double charged = ups_.battery().state_of_charge() - soc_before; charged > 0) {
      repaid = owed_kwh_ * std::min(1.0, charged / (1.0 - soc_before));
      owed_kwh_ -= repaid;
    }
    min_soc_ = std::min(min_soc_, ups_.battery().state_of_charge());
    return repaid;
  }
  double next_event_time(double out_kw, const Surroundings& s) const {
    const bool ok = input_ok(s);
    return ups_.next_event_time(s.now, ok, ok ? out_kw : out_kw * discharge_factor_);
  }
  void process(double t) { ups_.process(t); }

  bool accepts(ScheduledFault::Kind kind) const { return kind == ScheduledFault::Kind::component_down; }
  bool schedule(const ScheduledFault&) { return false; }
  void apply(const ScheduledFault& f, double t) {
    ups_.force_down(f.count > 0 ? f.count : ups_.spec().modules, t + f.duration_s);
  }
  std::vector<FailureMode> failure_modes() const {
    const UpsSpec& u = ups_.spec();
    const double beta = u.module_failures.common_cause_beta;
    if (beta == 0)
      return {{"module failure", FailureMode::Basis::rate_per_s, u.module_failures.rate_per_s, u.modules}};
    return {{"module failure", FailureMode::Basis::rate_per_s, u.module_failures.rate_per_s * (1 - beta),
             u.modules},
            {"common-cause module failure", FailureMode::Basis::rate_per_s,
             u.module_failures.rate_per_s * beta, 1}};
  }

  FailureDraws* failure_draws() { return &ups_.modules(); }
  bool is_source() const { return false; }
  double storage_kw(double out_kw, const Surroundings& s) const {
    return s.self_energized() && !input_ok(s) ? out_kw / ups_.spec().efficiency : 0.0;
  }
  bool on_storage(const Surroundings& s) const { return s.self_energized() && !input_ok(s); }
  double storage_runtime_s(double out_kw, const Surroundings& s) const {
    return storage_kw(out_kw, s) > 0 ? ups_.battery().time_until_empty_s(out_kw * discharge_factor_)
                                     : never_s;
  }
  void set_discharge_factor(double factor) { discharge_factor_ = factor; }
  double storage_owed_kwh() const { return owed_kwh_; }
  void outage_signs(double out_kw, const Surroundings& s, OutageSigns& signs) const {
    signs.on_battery = signs.on_battery || (out_kw > 0 && !input_ok(s));
  }
  std::string_view timeline_kind() const { return "ups"; }
  std::string_view timeline_state(const Surroundings& s) const {
    return timeline_state(s, ups_.battery().state_of_charge());
  }
  // The state at a given charge: the timeline's row where the battery becomes full between events.
  std::string_view timeline_state(const Surroundings& s, double state_of_charge) const {
    return !s.self_energized()     ? "off"
           : input_cut_            ? "on battery (input shed)"
           : !s.feeder_live(0)     ? "on battery"
           : state_of_charge < 1.0 ? "recharging"
                                   : "online";
  }
  // Off is the worst: its modules (too many failed) or its battery (empty with no input). On
  // battery is a step of an outage's chain, not a failure of the UPS.
  Fault fault(const Surroundings& s) const {
    const bool modules_down = ups_.modules().failed() > 0;
    if (!s.self_energized())
      return modules_down && ups_.capacity_kw() <= 0 ? Fault("UPS modules failed")
                                                     : Fault("UPS battery empty", true);
    if (!input_ok(s))
      return {"UPS on battery", true};
    return modules_down ? "UPS module failure" : "";
  }
  double state_of_charge() const { return ups_.battery().state_of_charge(); }
  std::vector<Metric> metrics() const {
    std::vector<Metric> m = {
        {"min_state_of_charge", min_soc_, "lowest battery state of charge"},
        {"module_failures", double(ups_.modules().failures()), "power module failures", true}};
    if (ups_.spec().module_failures.common_cause_beta > 0)
      m.push_back({"common_cause_failures", double(ups_.modules().common_cause_failures()),
                   "events that failed every module up at once", true});
    return m;
  }

private:
  UpsSystem ups_;
  bool input_cut_ = false;
  double owed_kwh_ = 0;         // drawn from the battery, not yet recharged
  double discharge_factor_ = 1; // its load's Peukert equivalent over its mean (set_discharge_factor)
  double min_soc_ = 1.0;
};

} // namespace aidcsim::power
