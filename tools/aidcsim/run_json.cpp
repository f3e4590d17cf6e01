#include "tools/aidcsim/run_json.hpp"

#include "tools/aidcsim/ai_report.hpp"

namespace aidcsim::cli {

std::string dump(const json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

json to_json(const FacilityResult& f) {
  json j;
  j["simulated_years"] = f.simulated_years;
  j["power_availability"] = f.power_availability;
  j["it_downtime_min"] = f.it_downtime_min;
  j["it_service_downtime_min"] = f.it_service_downtime_min;
  j["it_downtime_min_per_year"] = f.it_downtime_min_per_year;
  j["it_downtime_standard_error_min_per_year"] = f.it_downtime_standard_error_min_per_year
                                                     ? json(*f.it_downtime_standard_error_min_per_year)
                                                     : json(nullptr);
  j["it_service_downtime_min_per_year"] = f.it_service_downtime_min_per_year;
  j["unserved_it_energy_kwh"] = f.unserved_it_energy_kwh;
  j["utility_outages"] = f.utility_outages;
  j["outage_episodes"] = {{"no_impact", f.outcomes.no_impact},
                          {"bridged_by_ups", f.outcomes.bridged_by_ups},
                          {"carried_by_gensets", f.outcomes.carried_by_gensets},
                          {"it_lost", f.outcomes.it_lost}};
  j["min_ups_state_of_charge"] = f.min_ups_state_of_charge;
  j["genset_run_hours"] = f.genset_run_hours;
  j["genset_starts"] = f.genset_starts;
  j["genset_failed_start_attempts"] = f.genset_failed_start_attempts;
  j["genset_energy_kwh"] = f.genset_energy_kwh;
  j["fuel_used_tank_hours"] = f.fuel_used_tank_hours;
  j["genset_load_refusals"] = f.genset_load_refusals;
  j["capacity_sheds"] = f.capacity_sheds;
  j["energy"] = {{"source_kwh", f.source_energy_kwh},
                 {"storage_drawdown_kwh", f.storage_drawdown_kwh},
                 {"it_kwh", f.it_facility_energy_kwh},
                 {"cooling_kwh", f.cooling_energy_kwh},
                 {"conversion_losses_kwh", f.conversion_losses_kwh},
                 {"pue", f.pue}};
  if (f.cooling_loops > 0)
    j["cooling"] = {{"loops", f.cooling_loops},
                    {"throttle_events", f.throttle_events},
                    {"thermal_shutdowns", f.thermal_shutdowns},
                    {"throttled_rack_min", f.throttled_rack_min},
                    {"throttled_accelerator_hours", f.throttled_accelerator_hours},
                    {"shutdown_accelerator_hours", f.shutdown_accelerator_hours},
                    {"peak_chip_c", f.peak_chip_c},
                    {"peak_coolant_c", f.peak_coolant_c}};
  if (f.water_loop)
    j["facility_water"] = {{"peak_c", f.peak_water_c},
                           {"above_setpoint_min", f.water_above_setpoint_min},
                           {"heat_received_kwh", f.heat_received_kwh},
                           {"heat_rejected_kwh", f.heat_rejected_kwh},
                           {"coupling_residual_kwh", f.coupling_residual_kwh}};
  json components = json::object();
  for (const auto& c : f.components) {
    json one{{"kind", c.kind}};
    for (const auto& m : c.metrics)
      one[m.name] = m.whole ? json(static_cast<long>(m.value)) : json(m.value);
    components[c.id] = one;
  }
  j["components"] = components;
  j["events"] = f.events;
  return j;
}

} // namespace

json to_json(const RunResult& r) {
  json j;
  j["scenario"] = r.scenario_file;
  j["name"] = r.scenario_name;
  j["platform"] = r.platform_file;
  j["seed"] = r.seed;
  j["accelerators"] = r.accelerators;
  j["simulated_time_s"] = r.simulated_time_s;
  j["it_energy_kwh"] = r.it_energy_kwh;
  j["mean_it_power_kw"] = r.mean_it_power_kw;
  if (r.facility.present)
    j["facility"] = to_json(r.facility);
  if (r.ai.present)
    j["workload"] = to_json(r.ai);
  return j;
}

std::map<std::string, double> flatten_metrics(const json& run) {
  std::map<std::string, double> out;
  auto take = [&](const json& obj, const std::string& prefix, auto&& self) -> void {
    for (const auto& [k, v] : obj.items()) {
      if (v.is_number())
        out[prefix + k] = v.template get<double>();
      else if (v.is_object())
        self(v, prefix + k + ".", self);
    }
  };
  for (const char* key : {"it_energy_kwh", "mean_it_power_kw", "simulated_time_s"})
    if (run.contains(key))
      out[key] = run[key].get<double>();
  if (run.contains("facility"))
    take(run["facility"], "", take);
  if (run.contains("workload")) // training.training_goodput, inference.served_fraction, ...
    take(run["workload"], "", take);
  return out;
}

} // namespace aidcsim::cli
