// A battery energy storage system as a component of the chain (battery_storage.hpp): it passes
// its one feeder's power, shaving the input's peaks above its threshold and recharging below it,
// and carries its load from the battery while the input is lost (ride-through).
#pragma once

#include "models/power/battery_storage.hpp"
#include "models/power/component_interface.hpp"

namespace aidcsim::power {

class StorageNode {
public:
  using Spec = BatteryStorageSpec;
  StorageNode(const BatteryStorageSpec& spec, double /*design_kw*/, RandomStream /*rng*/)
      : storage_(spec.params) {}
  const BatteryStorage& storage() const { return storage_; }

  bool decide(const Surroundings& s) {
    input_live_ = s.feeder_live(0);
    return storage_.output_ok(input_live_);
  }
  int demanded_feeder(const Surroundings&) const { return -1; }
  bool demand(bool, double) { return false; } // always on line
  // On its input, the input's capacity (checked above it); on its battery, its inverter's.
  double capacity_kw() const { return input_live_ ? never_s : storage_.params().power_kw; }
  bool overload_refuses() const { return false; }
  bool draws_through(int, const Surroundings& s) const { return s.feeder_live(0); }
  void pass_draw(double out_kw, const Surroundings& s, std::vector<double>& drawn_kw) const {
    if (s.feeder_live(0))
      drawn_kw[s.feeders[0]] += storage_.flow(true, out_kw).input_kw;
  }
  bool shed_input(bool) { return false; }
  void clear_shedding() {}
  bool shedding() const { return false; }

  // The charge is in the flows (pass_draw): the sources delivered it already.
  bool integrates() const { return true; }
  double integrate(double dt_s, double out_kw, const Surroundings& s) {
    storage_.integrate(dt_s, s.feeder_live(0) && s.self_energized(), s.self_energized() ? out_kw : 0.0);
    return 0.0;
  }
  double next_event_time(double out_kw, const Surroundings& s) const {
    return s.self_energized() ? s.now + storage_.next_event_in_s(s.feeder_live(0), out_kw) : never_s;
  }
  void process(double) {}

  // Failures of the store are not modelled (no failure data in the project's sources).
  bool accepts(ScheduledFault::Kind) const { return false; }
  bool schedule(const ScheduledFault&) { return false; }
  void apply(const ScheduledFault&, double) {}
  std::vector<FailureMode> failure_modes() const { return {}; }
  FailureDraws* failure_draws() { return nullptr; }

  bool is_source() const { return false; }
  double storage_kw(double out_kw, const Surroundings& s) const {
    return s.self_energized() ? storage_.flow(s.feeder_live(0), out_kw).discharge_kw : 0.0;
  }
  bool on_storage(const Surroundings& s) const { return s.self_energized() && !s.feeder_live(0); }
  void set_discharge_factor(double) {} // no Peukert: its battery drains in proportion
  double storage_runtime_s(double out_kw, const Surroundings& s) const {
    return storage_kw(out_kw, s) > 0 ? storage_.next_event_in_s(s.feeder_live(0), out_kw) : never_s;
  }
  // Stored energy the run took and has not put back: supplied by storage (facility energy).
  double storage_owed_kwh() const { return storage_.params().energy_kwh - storage_.energy_kwh(); }
  void outage_signs(double out_kw, const Surroundings& s, OutageSigns& signs) const {
    signs.on_battery = signs.on_battery || (out_kw > 0 && s.self_energized() && !s.feeder_live(0));
  }
  Fault fault(const Surroundings& s) const {
    if (s.feeder_live(0))
      return "";
    return s.self_energized() ? Fault("storage on battery", true) : Fault("storage empty", true);
  }
  std::string_view timeline_kind() const { return "storage"; }
  std::string_view timeline_state(const Surroundings& s) const {
    if (!s.self_energized())
      return "off";
    if (!s.feeder_live(0))
      return "on battery";
    return storage_.energy_kwh() >= storage_.params().energy_kwh ? "full" : "online";
  }
  double state_of_charge() const { return storage_.state_of_charge(); }
  std::vector<Metric> metrics() const {
    return {{"discharged_kwh", storage_.discharged_kwh(), "energy delivered from the battery"},
            {"shaved_kwh", storage_.shaved_kwh(), "of which while the input was live (peak shaving)"},
            {"charged_kwh", storage_.charged_kwh(), "energy taken from the input to recharge"},
            {"equivalent_full_cycles", storage_.discharged_kwh() / storage_.params().energy_kwh,
             "delivered energy over usable energy"},
            {"min_state_of_charge", storage_.min_state_of_charge(), "lowest state of charge"}};
  }

private:
  BatteryStorage storage_;
  bool input_live_ = true;
};

} // namespace aidcsim::power
