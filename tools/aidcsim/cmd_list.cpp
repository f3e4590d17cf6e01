// `aidcsim list systems|components|failure-classes|metrics`: what the simulator knows, read from
// the same tables the readers and the reports use, so the lists cannot drift from them.
#include "engine/input/catalog.hpp"
#include "engine/input/facility/kind_readers.hpp"
#include "models/power/facility_metrics.hpp"
#include "models/workload/failure_classes.hpp"
#include "tools/aidcsim/commands.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

namespace aidcsim::cli {
namespace {

const char* unit_name(power::MetricUnit u) {
  switch (u) {
  case power::MetricUnit::fraction:
    return "fraction";
  case power::MetricUnit::ratio:
    return "ratio";
  case power::MetricUnit::count:
    return "count";
  case power::MetricUnit::minutes:
    return "min";
  case power::MetricUnit::minutes_per_year:
    return "min/y";
  case power::MetricUnit::hours:
    return "h";
  case power::MetricUnit::kwh:
    return "kWh";
  case power::MetricUnit::celsius:
    return "C";
  case power::MetricUnit::years:
    return "y";
  }
  return "";
}

int list_systems(const std::string& catalog_path) {
  const Catalog catalog = load_catalog(catalog_path);
  std::printf("%-10s %-40s %-8s %12s %14s\n", "system", "name", "chip", "accelerators", "power kW");
  for (const auto& [id, s] : catalog.systems) {
    const ChipSpec& chip = catalog.chip_of(s);
    std::printf("%-10s %-40s %-8s %12d %14.1f\n", id.c_str(), s.name.c_str(), s.chip.c_str(), s.chips(),
                s.chips() * chip.power_full_w / 1e3);
  }
  std::printf("(from %s; `aidcsim platform generate --system ID` builds a platform of them)\n",
              catalog_path.c_str());
  return exit_ok;
}

// One line per `facility:` list, in the registry's order (engine/input/facility/kind_readers.hpp).
int list_components() {
  static const std::map<std::string, std::string> what = {
      {"utility", "utility feeds: outages (rate, duration distribution), major-event days"},
      {"gensets", "genset plants: units, start time and reliability, running failures, fuel, repairs"},
      {"onsite_generation",
       "on-site plants (turbines, engines, fuel cells): prime or backup, units in repair"},
      {"transfer_switches", "ATS and static switches: preferred and alternate sources, transfer delay"},
      {"ups", "UPS systems: modules, efficiency, battery runtime and recharge, common cause"},
      {"distribution", "transformer, switchgear, pdu, busway, cable: ratings and failures"},
      {"loads", "rack, cdu, crah, chiller, dry_cooler, cooling_tower, other: power, cords, heat"},
  };
  std::printf("%-18s %s\n", "facility: list", "what its items are");
  for (const auto& k : kind_readers) {
    const auto it = what.find(k.section);
    std::printf("%-18s %s\n", k.section, it == what.end() ? "(no description)" : it->second.c_str());
  }
  return exit_ok;
}

const char* per_name(workload::FailsPer p) {
  switch (p) {
  case workload::FailsPer::accelerator:
    return "accelerator";
  case workload::FailsPer::host:
    return "host";
  case workload::FailsPer::pod:
    return "pod";
  case workload::FailsPer::job_accelerator:
    return "job accelerator";
  }
  return "";
}

int list_failure_classes() {
  constexpr double repair_s = 24 * 3600; // shown as the default's one figure; the scenario sets it
  std::printf("%-28s %-16s %14s %-12s\n", "class", "fails per", "rate per 1e6 h", "takes down");
  for (const auto& c : workload::default_failure_classes(repair_s))
    std::printf("%-28s %-16s %14.3f %-12s\n", c.name.c_str(), per_name(c.per), c.rate_per_component_h * 1e6,
                workload::blast_radius_name(c.takes_down));
  std::printf("(defaults from the Llama 3 405B report, docs/MODELS.md; a scenario's workload.failures "
              "overrides them)\n");
  return exit_ok;
}

int list_metrics() {
  std::printf("%-44s %-9s %s\n", "metric (facility.<name> in JSON)", "unit", "meaning");
  for (const auto& m : power::facility_metrics())
    std::printf("%-44.*s %-9s %.*s%s\n", static_cast<int>(m.key.size()), m.key.data(), unit_name(m.unit),
                static_cast<int>(m.meaning.size()), m.meaning.data(), m.sweep ? " (a sweep's metric)" : "");
  std::printf(
      "(a sweep's `metric:` and `aidcsim report --metric` take the flat names `aidcsim batch --replay` "
      "prints: e.g. it_downtime_min_per_year, energy.pue, and availability.* with --estimator)\n");
  return exit_ok;
}

} // namespace

int list_command(const ListArgs& args) {
  try {
    if (args.what == "systems")
      return list_systems(args.catalog);
    if (args.what == "components")
      return list_components();
    if (args.what == "failure-classes")
      return list_failure_classes();
    return list_metrics();
  } catch (const InputError& e) {
    std::cerr << e.what();
    return exit_bad_input;
  }
}

} // namespace aidcsim::cli
