// A plant of identical gas turbines or reciprocating gas engines on site.
//
// Each unit is stopped, starting (start + load acceptance; a failed attempt shows at its end and
// is retried after `retry_delay` while attempts remain), running, under repair or in planned
// maintenance. While demanded (always, for a prime plant) every available unit runs and the plant
// can carry running x rating. A running unit fails at a constant rate, so its time to failure is
// exponential, drawn when it starts; a failed unit (a forced outage, or every start attempt
// failed) is repaired after a drawn repair time and then starts again if the plant is demanded.
//
// Planned maintenance: unit i is due first at (i + 1) / units of the interval, staggered, then
// every interval after that (a calendar: a deferred outage does not shift the next); a due unit
// goes out only while the others still make N (running, while the plant is demanded; otherwise it
// waits for one to return), so maintenance alone never drops a plant with a spare below N.
//
// Fuel: from a pipeline, whose curtailments arrive at a constant rate with drawn durations and
// trip every running unit until they end (no storage), or from a tank holding `fuel_tank_s` of
// design-load running, burned in proportion to output (t_empty = fuel_left * P_design / P) and
// refilled by a delivery every refuel lead time while the plant is demanded.
#pragma once

#include "engine/base/random_stream.hpp"
#include "models/power/onsite_plant_spec.hpp"

#include <limits>
#include <vector>

namespace aidcsim::power {

class OnsitePlant {
public:
  enum class UnitState { stopped, starting, waiting_retry, running, repair, maintenance };

  OnsitePlant(const OnsitePlantSpec& spec, double design_kw, RandomStream rng);

  void set_demand(bool demanded, double now);
  bool demanded() const { return demanded_; }
  // Integrates fuel, run hours and energy over dt at a constant output.
  void integrate(double dt_s, double output_kw);
  // Handles every transition due at `now`; returns true if the running capacity changed.
  bool process(double now);
  // Earliest unit transition, maintenance due, curtailment start or end, tank empty (at this
  // output) or delivery; +inf when none.
  double next_event_time(double now, double output_kw) const;

  double capacity_kw() const { return running_ * spec_.unit_rating_kw; }
  int running_units() const { return running_; }
  bool energized() const { return running_ > 0; }
  bool fuel_available() const { return !curtailed_ && !tank_empty_; }
  UnitState unit_state(int i) const { return units_[i].state; }
  const OnsitePlantSpec& spec() const { return spec_; }

  // Counters for metrics.
  long starts() const { return starts_; }
  long failed_start_attempts() const { return failed_attempts_; }
  long unit_failures() const { return unit_failures_; } // forced outages while running
  long maintenance_outages() const { return maintenance_outages_; }
  long fuel_interruptions() const { return fuel_interruptions_; } // curtailments, or the tank ran dry
  double unit_run_s() const { return unit_run_s_; }
  double unit_repair_s() const { return unit_repair_s_; }           // summed over units
  double unit_maintenance_s() const { return unit_maintenance_s_; } // summed over units
  double energy_kwh() const { return energy_kwh_; }
  double fuel_used_tank_s() const { return fuel_used_s_; }

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  struct Unit {
    UnitState state = UnitState::stopped;
    double at = never; // when the current state ends
    bool start_fails = false;
    int attempts_left = 0;
    double maintenance_due = never;
  };
  void start_unit(Unit& u, double now);
  void attempt(Unit& u, double now);
  void finish_start(Unit& u, double now);
  void unit_transition(Unit& u, double now);
  void start_maintenance(double now);
  void process_fuel(double now);
  void trip_all();
  void start_available(double now);
  int units_besides(const Unit& except) const;

  OnsitePlantSpec spec_;
  double design_kw_;
  RandomStream rng_;
  std::vector<Unit> units_;
  bool demanded_ = false;
  int running_ = 0;
  bool curtailed_ = false;
  double curtailment_at_ = never; // next start, or the end of the current one
  bool tank_empty_ = false;
  double fuel_s_;
  double next_delivery_ = never;
  double last_integrated_ = 0; // for run, repair and maintenance hours

  long starts_ = 0, failed_attempts_ = 0, unit_failures_ = 0, maintenance_outages_ = 0,
       fuel_interruptions_ = 0;
  double unit_run_s_ = 0, unit_repair_s_ = 0, unit_maintenance_s_ = 0, energy_kwh_ = 0, fuel_used_s_ = 0;
};

} // namespace aidcsim::power
