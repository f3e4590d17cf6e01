#include "models/power/onsite_node.hpp"

namespace aidcsim::power {

std::vector<FailureMode> OnsiteNode::failure_modes() const {
  const OnsitePlantSpec& p = plant_.spec();
  std::vector<FailureMode> modes{
      {"fail to start", FailureMode::Basis::per_demand, p.fail_to_start, p.units},
      {"fail while running", FailureMode::Basis::rate_per_s, p.fail_while_running_per_s, p.units}};
  if (p.fuel == OnsitePlantSpec::Fuel::pipeline)
    modes.push_back(
        {"pipeline curtailment", FailureMode::Basis::rate_per_s, p.pipeline_interruptions.rate_per_s, 1});
  return modes;
}

std::string_view OnsiteNode::timeline_state(const Surroundings&) const {
  const OnsitePlantSpec& p = plant_.spec();
  int starting = 0, repair = 0, maintenance = 0;
  for (int u = 0; u < p.units; ++u) {
    const auto state = plant_.unit_state(u);
    starting +=
        state == OnsitePlant::UnitState::starting || state == OnsitePlant::UnitState::waiting_retry ? 1 : 0;
    repair += state == OnsitePlant::UnitState::repair ? 1 : 0;
    maintenance += state == OnsitePlant::UnitState::maintenance ? 1 : 0;
  }
  std::string state = !plant_.demanded()           ? "stopped"
                      : plant_.running_units() > 0 ? "running " + std::to_string(plant_.running_units()) +
                                                         "/" + std::to_string(p.units)
                      : !plant_.fuel_available() ? "no fuel"
                      : starting > 0             ? "starting"
                                                 : "failed";
  if (repair > 0 || maintenance > 0)
    state +=
        " (" + std::to_string(repair) + " in repair, " + std::to_string(maintenance) + " in maintenance)";
  state_text_ = std::move(state);
  return state_text_;
}

// Units in repair are failures; units in planned maintenance are not, unless the plant cannot
// run at all while demanded.
Fault OnsiteNode::fault(const Surroundings&) const {
  const OnsitePlantSpec& p = plant_.spec();
  bool repair = false;
  for (int u = 0; u < p.units; ++u)
    repair = repair || plant_.unit_state(u) == OnsitePlant::UnitState::repair;
  if (repair)
    return "on-site unit failure";
  if (plant_.demanded() && plant_.running_units() == 0 && !plant_.fuel_available())
    return "on-site plant out of fuel";
  return "";
}

std::vector<Metric> OnsiteNode::metrics() const {
  const OnsitePlant& p = plant_;
  std::vector<Metric> m{
      {"starts", double(p.starts()), "units that started and ran", true},
      {"failed_start_attempts", double(p.failed_start_attempts()), "start attempts that failed", true},
      {"unit_failures", double(p.unit_failures()), "forced outages of running units", true},
      {"maintenance_outages", double(p.maintenance_outages()), "planned maintenance outages begun", true},
      {"fuel_interruptions", double(p.fuel_interruptions()), "pipeline curtailments, or the tank running dry",
       true},
      {"unit_run_hours", p.unit_run_s() / 3600.0, "running time summed over units"},
      {"unit_repair_hours", p.unit_repair_s() / 3600.0, "time under repair summed over units"},
      {"unit_maintenance_hours", p.unit_maintenance_s() / 3600.0, "time in maintenance summed over units"},
      {"energy_kwh", p.energy_kwh(), "energy delivered"}};
  if (p.spec().fuel == OnsitePlantSpec::Fuel::tank)
    m.push_back(
        {"fuel_used_tank_hours", p.fuel_used_tank_s() / 3600.0, "fuel burned, in hours at design load"});
  return m;
}

} // namespace aidcsim::power
