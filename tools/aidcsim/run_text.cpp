#include "tools/aidcsim/run_text.hpp"

#include "engine/base/units.hpp"
#include "engine/results/human_units.hpp"
#include "models/power/facility_metrics.hpp"
#include "tools/aidcsim/ai_report.hpp"
#include "tools/aidcsim/cost_report.hpp"
#include "tools/aidcsim/dynamics_report.hpp"
#include "tools/aidcsim/episodes_text.hpp"
#include "tools/aidcsim/policy_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace aidcsim::cli {
namespace {

using json = nlohmann::json;

// The value at a dotted key ("energy.pue"), or null.
const json* at_key(const json& f, std::string_view key) {
  const json* at = &f;
  for (std::size_t dot; (dot = key.find('.')) != std::string_view::npos; key.remove_prefix(dot + 1)) {
    const std::string part(key.substr(0, dot));
    if (!at->contains(part))
      return nullptr;
    at = &(*at)[part];
  }
  const std::string last(key);
  return at->contains(last) ? &(*at)[last] : nullptr;
}

// Keys the header shows already: the run's length and the one IT energy figure.
bool in_header(std::string_view key) {
  return key == "simulated_years" || key == "energy.it_kwh";
}

// The section a metric prints under: the facility, or the cooling of its racks and water.
const char* section_of(std::string_view key) {
  return key.rfind("cooling.", 0) == 0 || key.rfind("facility_water.", 0) == 0 ? "cooling" : "facility";
}

// One figure of a component: "energy 2.912 GWh", "starts 2,516", "min state of charge 0.98".
std::string component_figure(const std::string& name, const json& value) {
  const double x = value.get<double>();
  const bool energy = name.size() > 4 && name.compare(name.size() - 4, 4, "_kwh") == 0;
  std::string words = energy ? name.substr(0, name.size() - 4) : name;
  std::replace(words.begin(), words.end(), '_', ' ');
  const std::string figure = value.is_number_integer() ? with_thousands(x, 0)
                             : energy                  ? human_kwh(x)
                             : std::fabs(x) >= 1       ? with_thousands(x, 1)
                                                       : human_value(power::MetricUnit::fraction, x);
  return words + " " + figure;
}

// Each component's own figures, those that are not zero: "id (kind)  name value, ...".
void print_components(const json& components) {
  for (const auto& [id, c] : components.items()) {
    std::string line;
    for (const auto& [name, value] : c.items())
      if (name != "kind" && value.get<double>() != 0)
        line += (line.empty() ? "" : ", ") + component_figure(name, value);
    if (!line.empty())
      std::printf("  %-34s %s\n", (id + " (" + c["kind"].get<std::string>() + ")").c_str(), line.c_str());
  }
}

bool has_gensets(const json& f) {
  if (!f.contains("components"))
    return false;
  for (const auto& [id, c] : f["components"].items())
    if (c["kind"] == "gensets")
      return true;
  return false;
}

void print_facility(const json& f) {
  const bool long_run = f["simulated_years"].get<double>() >= 1.0;
  const bool gensets = has_gensets(f);
  std::string section;
  for (const auto& m : power::facility_metrics()) {
    const json* v = at_key(f, m.key);
    if (v == nullptr || v->is_null() || in_header(m.key) || (m.per_year && !long_run) ||
        (m.about_gensets && !gensets))
      continue;
    if (section != section_of(m.key)) {
      section = section_of(m.key);
      std::printf("%s\n", section.c_str());
    }
    std::printf("  %-34s %s\n", std::string(m.label).c_str(), human_value(m.unit, v->get<double>()).c_str());
  }
}

void print_facility_sections(const json& f) {
  print_facility(f);
  if (f.contains("components")) {
    std::printf("components\n");
    print_components(f["components"]);
  }
  if (const json& e = f["episodes"]; e.is_object()) {
    print_episode_groups("IT-loss episodes by first cause", e["by_first_cause"]);
    print_episode_groups("IT-loss episodes by first cause's component", e["by_component"]);
    print_first_episodes(e["first"], false);
  }
}

} // namespace

void print_text(const json& j) {
  std::printf("scenario        %s (%s)\n", j["scenario"].get<std::string>().c_str(),
              j["name"].get<std::string>().c_str());
  std::printf("platform        %s (%zu accelerators)\n", j["platform"].get<std::string>().c_str(),
              j["accelerators"].get<std::size_t>());
  std::printf("seed            %llu\n", j["seed"].get<unsigned long long>());
  const double t = j["simulated_time_s"];
  std::printf("simulated time  %s (%s s)\n", human_minutes(t / 60).c_str(), with_thousands(t, 3).c_str());
  // One IT energy: what the facility's power chain delivered to IT when there is a facility,
  // otherwise what the platform's hosts drew.
  const bool facility = j.contains("facility");
  const double it_kwh =
      facility ? j["facility"]["energy"]["it_kwh"].get<double>() : j["it_energy_kwh"].get<double>();
  if (std::fabs(it_kwh) < 1e3)
    std::printf("IT energy       %.3f kWh\n", it_kwh);
  else
    std::printf("IT energy       %.3f kWh (%s)\n", it_kwh, human_kwh(it_kwh).c_str());
  std::printf("mean IT power   %.3f kW\n", t > 0 ? it_kwh / (t / units::seconds_per_hour) : 0.0);
  const double hosts_kwh = j["it_energy_kwh"].get<double>();
  if (facility && std::fabs(hosts_kwh - it_kwh) > 1e-3 * std::max(1.0, it_kwh))
    std::printf("                the platform's hosts drew %s; the facility's racks draw their declared load "
                "(it_power: declared)\n",
                human_kwh(hosts_kwh).c_str());
  if (j.contains("workload"))
    print_ai_text(j["workload"]);
  if (j.contains("power_dynamics"))
    print_dynamics_text(j["power_dynamics"]);
  if (j.contains("policies"))
    print_policies_text(j["policies"]);
  if (facility)
    print_facility_sections(j["facility"]);
  if (j.contains("cost"))
    print_cost_text(j["cost"]);
}

} // namespace aidcsim::cli
