#include "tools/aidcsim/run_json.hpp"

#include "engine/base/units.hpp"

#include "tools/aidcsim/ai_report.hpp"
#include "tools/aidcsim/cost_report.hpp"
#include "tools/aidcsim/dynamics_report.hpp"
#include "tools/aidcsim/episodes_json.hpp"
#include "tools/aidcsim/policy_report.hpp"

namespace aidcsim::cli {

std::string dump(const json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

json to_json(const FacilityResult& f, double years) {
  json j = json::object();
  const auto& table = power::facility_metrics();
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (!f.shown[i])
      continue;
    // "energy.pue" -> j["energy"]["pue"]
    json* at = &j;
    std::string_view key = table[i].key;
    for (std::size_t dot; (dot = key.find('.')) != std::string_view::npos; key.remove_prefix(dot + 1))
      at = &(*at)[std::string(key.substr(0, dot))];
    const std::optional<double>& v = f.values[i];
    (*at)[std::string(key)] = !v                                          ? json(nullptr)
                              : table[i].unit == power::MetricUnit::count ? json(static_cast<long>(*v))
                                                                          : json(*v);
  }
  json components = json::object();
  for (const auto& c : f.components) {
    json one{{"kind", c.kind}};
    for (const auto& m : c.metrics)
      one[m.name] = m.whole ? json(static_cast<long>(m.value)) : json(m.value);
    components[c.id] = one;
  }
  j["components"] = components;
  j["episodes"] = episodes_json(f.episodes, years);
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
    j["facility"] = to_json(r.facility, r.simulated_time_s / units::seconds_per_year);
  if (r.ai.present)
    j["workload"] = to_json(r.ai);
  if (r.dynamics.present)
    j["power_dynamics"] = to_json(r.dynamics);
  if (r.policies.present)
    j["policies"] = to_json(r.policies);
  if (r.cost.present)
    j["cost"] = to_json(r.cost);
  if (r.timeline)
    j["timeline"] = {{"rows", r.timeline->rows}, {"rows_written", r.timeline->written}};
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
  if (run.contains("power_dynamics")) // power_dynamics.job.swing_kw, power_dynamics.sources.grid...
    take(run["power_dynamics"], "power_dynamics.", take);
  if (run.contains("policies")) // policies.checkpoint_on_battery.checkpoints, ...
    take(run["policies"], "policies.", take);
  if (run.contains("cost")) // cost.capex_usd, cost.annual_usd.total, cost.capex.genset.usd, ...
    take(run["cost"], "cost.", take);
  if (run.contains("availability")) // --estimator: availability.unavailability.value, ...
    take(run["availability"], "availability.", take);
  return out;
}

} // namespace aidcsim::cli
