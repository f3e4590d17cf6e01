// A UPS system: parallel power modules (N+R) in front of one battery string.
//
// Online: the input carries the load and recharges the battery. On battery: the battery carries
// the load until empty (Peukert, see ups_battery.hpp). Capacity is the healthy modules' share,
// at most the N rating; with every module down the output is dead.
#pragma once

#include "models/power/repairable_units.hpp"
#include "models/power/ups_battery.hpp"

#include <algorithm>

namespace aidcsim::power {

class UpsSystem {
public:
  UpsSystem(const UpsSpec& spec, RandomStream rng, double now = 0)
      : spec_(spec), battery_(spec.battery), modules_(spec.modules, spec.module_failures, rng, now) {}

  double capacity_kw() const {
    return std::min(spec_.rating_kw, (modules_.count() - modules_.failed()) * spec_.module_kw());
  }
  bool output_ok(bool input_ok) const { return capacity_kw() > 0 && (input_ok || !battery_.empty()); }

  // Integrates dt: recharge when the input is up, discharge at the output load otherwise.
  void integrate(double dt_s, bool input_ok, double output_kw) {
    if (input_ok)
      battery_.recharge(dt_s);
    else
      battery_.discharge(output_kw, dt_s);
  }
  // Battery empty (on battery) and a module change. The battery becoming full again is no event:
  // nothing depends on that instant (the timeline shows it from its closed form,
  // battery_full_times.hpp).
  double next_event_time(double now, bool input_ok, double output_kw) const {
    double t = modules_.next_event_time();
    if (!input_ok && output_kw > 0 && !battery_.empty())
      t = std::min(t, now + battery_.time_until_empty_s(output_kw));
    return t;
  }
  bool process(double now) { return modules_.process(now); }
  void force_down(int modules, double until) { modules_.force_down(modules, until); }

  const UpsBattery& battery() const { return battery_; }
  const RepairableUnits& modules() const { return modules_; }
  RepairableUnits& modules() { return modules_; }
  const UpsSpec& spec() const { return spec_; }

private:
  UpsSpec spec_;
  UpsBattery battery_;
  RepairableUnits modules_;
};

} // namespace aidcsim::power
