// A plant of identical diesel genset units, started on demand by a transfer switch.
//
// On demand every unit cranks; each start attempt fails with probability p_fts (published
// figures: 0.0066-0.0094 per demand), a failure shows after the start delay and is retried after
// `retry_delay` while attempts remain. A started unit carries load after the start delay (NFPA
// 110 Type 10: 10 s) and then fails at a constant rate (published: 0.00157 /h), so its time to
// failure is exponential, drawn when it starts. Fuel: a full tank runs the design load for
// `fuel_tank_s`; consumption is proportional to output, so at output P the tank empties after
//   t = fuel_left_s * P_design / P.
// A delivery arrives `refuel_lead_time` after the plant starts and every lead time after that,
// refilling the tank. When demand ends, units stop, failed units are repaired and the tank is
// topped up before the next demand (a simplification: outages are rare next to maintenance).
// With a `unit_repair` time, a failed unit is also repaired while the demand lasts and then
// starts again (long outages: a transformer's repair takes weeks).
#pragma once

#include "engine/base/random_stream.hpp"
#include "models/power/facility_spec.hpp"
#include "models/power/failure_bias.hpp"

#include <limits>
#include <vector>

namespace aidcsim::power {

class GensetPlant final : public FailureDraws {
public:
  enum class UnitState { stopped, starting, waiting_retry, running, failed };

  GensetPlant(const GensetPlantSpec& spec, double design_kw, RandomStream rng);

  // Demand from a transfer switch: starts all stopped units, or stops all units.
  void set_demand(bool demanded, double now);
  bool demanded() const { return demanded_; }
  // Scheduled fault injection for the next demand only: `units` units fail every start attempt
  // (force_units_fail_to_start), or the next `attempts` start attempts fail, whichever unit
  // makes them (force_failed_attempts).
  void force_units_fail_to_start(int units) { forced_units_ = units; }
  void force_failed_attempts(int attempts) { forced_attempts_ += attempts; }
  bool out_of_fuel() const { return out_of_fuel_; }
  // The plant trips (its under-frequency protection opens the breakers at a step beyond its load
  // acceptance, load_acceptance.hpp): every running unit drops its load at once and goes through a
  // new start sequence, a demand like any other (it may fail and be retried). Units not running
  // are left as they are. No effect on a plant with no unit running.
  void trip(double now);
  long trips() const { return trips_; }
  // Tripped and not yet running again (an outage's fault: "genset trip").
  bool restarting_after_trip() const { return tripped_ && running_ == 0 && demanded_; }

  // Integrates fuel, run hours and energy over dt at a constant output.
  void integrate(double dt_s, double output_kw);
  // Handles every unit transition due at `now`; returns true if the running capacity changed.
  bool process(double now);
  // Earliest unit transition, fuel exhaustion (at this output, from `now`, the time of the last
  // integrate) or delivery; +inf when none.
  double next_event_time(double now, double output_kw) const;

  double capacity_kw() const { return running_ * spec_.unit_rating_kw; }
  int running_units() const { return running_; }
  bool energized() const { return running_ > 0; }
  const GensetPlantSpec& spec() const { return spec_; }
  UnitState unit_state(int i) const { return units_[i].state; }
  // Units failed in this demand: those that had run (running true) or that never started.
  int failed_units(bool running) const {
    int n = 0;
    for (const Unit& u : units_)
      n += u.state == UnitState::failed && u.failed_running == running ? 1 : 0;
    return n;
  }

  // Counters for metrics.
  long starts() const { return starts_; } // successful starts
  long failed_start_attempts() const { return failed_attempts_; }
  long failures_while_running() const { return run_failures_; }
  long common_cause_events() const { return common_cause_events_; } // start and running
  double unit_run_s() const { return unit_run_s_; }                 // sum over units of running time
  double energy_kwh() const { return energy_kwh_; }
  double fuel_used_tank_s() const { return fuel_used_s_; } // in seconds of design-load running

  static constexpr double never = std::numeric_limits<double>::infinity();

  // The importance sampler's view (failure_bias.hpp): start attempts are demands, running units
  // are exposed to running failures. Failed units are repaired when demand ends, with the outage
  // that caused it, adding no repair rate of their own, unless they are repaired while demanded.
  void set_failure_bias(const FailureBias& bias, double now) override;
  double log_likelihood_ratio(double now) override;
  double repair_rate_per_s() const override;
  // As RepairableUnits: a unit repair drawn long counts by the time it has left.
  double bias_rate_per_s(double now) const override;
  // As a backup: the chance that fewer than the needed units start on a demand, and a
  // first-order rate at which the running plant drops below them (first_failure_bias.hpp).
  FirstFailureFigures first_failure_figures() const override;
  double running_failure_rate_per_s() const override {
    return run_bias_.rate_per_s() * running_ + (running_ > 0 ? common_run_.rate_per_s() : 0.0);
  }

private:
  struct Unit {
    UnitState state = UnitState::stopped;
    double at = never; // when the current state ends (start done, retry, failure)
    bool start_fails = false;
    bool forced = false;         // fails every attempt of this demand
    bool failed_running = false; // in state failed: it had run (else it failed to start)
    int attempts_left = 0;
  };
  void attempt_start(Unit& u, double now);
  void finish_start(Unit& u, double now);
  void refill_and_resume(double now);
  void draw_common_run(double now);
  void common_run_failure(double now);
  // A unit fails (running, or out of start attempts): repaired while demanded if the plant
  // repairs, else it waits for the demand to end.
  void fail_unit(Unit& u, double now, bool was_running);
  bool repairs() const { return spec_.unit_repair.mean_s() > 0; }

  GensetPlantSpec spec_;
  double design_kw_;
  RandomStream rng_;
  BiasedDemand start_bias_;
  BiasedRate run_bias_;
  BiasedDemand common_start_; // one draw per demand (beta > 0 only)
  BiasedRate common_run_;     // one clock while any unit runs (beta > 0 only)
  double common_run_at_ = never;
  long common_cause_events_ = 0;
  std::vector<Unit> units_;
  bool demanded_ = false;
  int running_ = 0;
  int forced_units_ = 0; // for the next demand
  int forced_attempts_ = 0;
  double fuel_s_; // seconds of design-load running left in the tank
  bool out_of_fuel_ = false;
  double next_delivery_ = never;

  long starts_ = 0, failed_attempts_ = 0, run_failures_ = 0, trips_ = 0;
  bool tripped_ = false; // since the last trip, until a unit runs again or the demand ends
  double unit_run_s_ = 0, energy_kwh_ = 0, fuel_used_s_ = 0;
};

} // namespace aidcsim::power
