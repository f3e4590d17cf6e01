// A genset plant as a component of the chain: a backup source started on demand by the transfer
// switch it is the alternate of (genset_plant.hpp).
#pragma once

#include "models/power/component_interface.hpp"
#include "models/power/genset_plant.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace aidcsim::power {

class GensetNode {
public:
  using Spec = GensetPlantSpec;
  GensetNode(const GensetPlantSpec& spec, double design_kw, RandomStream rng)
      : plant_(spec, design_kw, std::move(rng)) {}
  const GensetPlant& plant() const { return plant_; }

  // A plant refused by the facility (its running units cannot carry the load it would take)
  // stays off the chain: the switch does not move to it and the UPS batteries go on carrying.
  bool decide(const Surroundings& s) { return plant_.energized() && !s.refused; }
  int demanded_feeder(const Surroundings&) const { return -1; }
  bool demand(bool wanted, double now) {
    if (wanted == plant_.demanded())
      return false;
    plant_.set_demand(wanted, now);
    plant_.process(now);
    return true;
  }
  double capacity_kw() const { return plant_.capacity_kw(); }
  bool overload_refuses() const { return plant_.spec().load_shedding == GensetPlantSpec::LoadShedding::none; }
  bool draws_through(int, const Surroundings&) const { return true; } // a source: no feeders
  void pass_draw(double, const Surroundings&, std::vector<double>&) const {}
  bool shed_input(bool) { return false; }
  void clear_shedding() {}
  bool shedding() const { return false; }

  bool integrates() const { return true; }
  double integrate(double dt_s, double out_kw, const Surroundings&) {
    plant_.integrate(dt_s, out_kw);
    return 0.0;
  }
  double next_event_time(double out_kw, const Surroundings& s) const {
    return std::min(trip_at_, plant_.next_event_time(s.now, out_kw));
  }
  void process(double t) {
    if (trip_at_ <= t) {
      trip_at_ = never_s;
      plant_.trip(t);
    }
    plant_.process(t);
  }
  // The power dynamics saw a step beyond the plant's acceptance at t (power_dynamics_run.hpp): the
  // plant trips at the facility's next event, an instant later. A plant that starts in no time
  // would be back at once: it rides the step instead.
  bool request_trip(double t) {
    if (!(plant_.spec().start_delay_s > 0) || !plant_.energized())
      return false;
    trip_at_ = std::min(trip_at_, t);
    return true;
  }

  bool accepts(ScheduledFault::Kind kind) const { return kind == ScheduledFault::Kind::genset_fail_to_start; }
  bool schedule(const ScheduledFault&) { return false; }
  void apply(const ScheduledFault& f, double) {
    plant_.force_units_fail_to_start(f.count > 0 ? f.count : plant_.spec().units);
  }
  std::vector<FailureMode> failure_modes() const {
    const GensetPlantSpec& g = plant_.spec();
    const double b = g.common_cause_beta;
    if (b == 0)
      return {{"fail to start", FailureMode::Basis::per_demand, g.fail_to_start, g.units},
              {"fail while running", FailureMode::Basis::rate_per_s, g.fail_while_running_per_s, g.units}};
    return {
        {"fail to start", FailureMode::Basis::per_demand, g.fail_to_start * (1 - b), g.units},
        {"fail while running", FailureMode::Basis::rate_per_s, g.fail_while_running_per_s * (1 - b), g.units},
        {"common-cause start failure", FailureMode::Basis::per_demand, g.fail_to_start * b, 1},
        {"common-cause running failure", FailureMode::Basis::rate_per_s, g.fail_while_running_per_s * b, 1}};
  }

  FailureDraws* failure_draws() { return &plant_; }
  bool is_source() const { return true; }
  double storage_kw(double, const Surroundings&) const { return 0.0; }
  bool on_storage(const Surroundings&) const { return false; }
  void set_discharge_factor(double) {}
  double storage_runtime_s(double, const Surroundings&) const { return never_s; }
  double storage_owed_kwh() const { return 0.0; }
  void outage_signs(double out_kw, const Surroundings&, OutageSigns& signs) const {
    signs.backup_running = signs.backup_running || out_kw > 0;
  }
  std::string_view timeline_kind() const { return "gensets"; }
  std::string_view timeline_state(const Surroundings&) const;
  Fault fault(const Surroundings&) const;
  double state_of_charge() const { return -1; }
  std::vector<Metric> metrics() const {
    std::vector<Metric> m = {
        {"starts", double(plant_.starts()), "units that started and ran", true},
        {"failed_start_attempts", double(plant_.failed_start_attempts()), "start attempts that failed", true},
        {"failures_while_running", double(plant_.failures_while_running()), "units that failed running",
         true},
        {"unit_run_hours", plant_.unit_run_s() / 3600.0, "running time summed over units"},
        {"energy_kwh", plant_.energy_kwh(), "energy delivered"},
        {"fuel_used_tank_hours", plant_.fuel_used_tank_s() / 3600.0, "fuel burned, in hours at design load"}};
    if (plant_.spec().common_cause_beta > 0)
      m.push_back({"common_cause_events", double(plant_.common_cause_events()),
                   "demands whose every start failed, and stops of every running unit, by a common cause",
                   true});
    return m;
  }

private:
  GensetPlant plant_;
  double trip_at_ = never_s;
  mutable std::string state_text_; // "running 2/3": timeline_state's text, until its next call
};

} // namespace aidcsim::power
