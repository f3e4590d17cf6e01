// `aidcsim run SCENARIO.yaml`: one scenario, one simulation, in a child process.
#include "engine/base/atomic_file.hpp"
#include "engine/base/diagnostics.hpp"
#include "engine/base/units.hpp"
#include "engine/input/scenario.hpp"
#include "engine/sim/simulation.hpp"
#include "tools/aidcsim/ai_report.hpp"
#include "tools/aidcsim/children.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/isolated_process.hpp"
#include "tools/aidcsim/run_json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace aidcsim::cli {
namespace {

// Each component's own figures, those that are not zero: "id (kind)  name value, ...".
void print_components(const json& components) {
  for (const auto& [id, c] : components.items()) {
    std::string line;
    for (const auto& [name, value] : c.items()) {
      if (name == "kind" || value.get<double>() == 0)
        continue;
      char figure[64];
      const double x = value.get<double>();
      if (value.is_number_integer())
        std::snprintf(figure, sizeof figure, "%lld", value.get<long long>());
      else
        std::snprintf(figure, sizeof figure, std::fabs(x) >= 1 ? "%.1f" : "%.4f", x);
      std::string words = name;
      std::replace(words.begin(), words.end(), '_', ' ');
      line += (line.empty() ? "" : ", ") + words + " " + figure;
    }
    if (!line.empty())
      std::printf("  %-23s %s\n", (id + " (" + c["kind"].get<std::string>() + ")").c_str(), line.c_str());
  }
}

void print_text(const json& j) {
  std::printf("scenario        %s (%s)\n", j["scenario"].get<std::string>().c_str(),
              j["name"].get<std::string>().c_str());
  std::printf("platform        %s (%zu accelerators)\n", j["platform"].get<std::string>().c_str(),
              j["accelerators"].get<std::size_t>());
  std::printf("seed            %llu\n", j["seed"].get<unsigned long long>());
  const double t = j["simulated_time_s"];
  std::printf("simulated time  %.3f s (%.4f h)\n", t, t / units::seconds_per_hour);
  std::printf("IT energy       %.3f kWh\n", j["it_energy_kwh"].get<double>());
  std::printf("mean IT power   %.3f kW\n", j["mean_it_power_kw"].get<double>());
  if (j.contains("workload"))
    print_ai_text(j["workload"]);
  if (!j.contains("facility"))
    return;
  const json& f = j["facility"];
  std::printf("facility\n");
  std::printf("  simulated years         %.6g\n", f["simulated_years"].get<double>());
  std::printf("  power availability      %.9f\n", f["power_availability"].get<double>());
  std::printf("  IT downtime             %.3f min over the run, %.3f min/year",
              f["it_downtime_min"].get<double>(), f["it_downtime_min_per_year"].get<double>());
  if (!f["it_downtime_standard_error_min_per_year"].is_null())
    std::printf(" (standard error %.3f)", f["it_downtime_standard_error_min_per_year"].get<double>());
  std::printf(
      "\n  IT service downtime     %.3f min over the run, %.3f min/year (with boot after power returns)\n",
      f["it_service_downtime_min"].get<double>(), f["it_service_downtime_min_per_year"].get<double>());
  std::printf("  unserved IT energy      %.3f kWh\n", f["unserved_it_energy_kwh"].get<double>());
  const json& o = f["outage_episodes"];
  std::printf("  utility outages         %ld; episodes: %ld no impact, %ld bridged by UPS, %ld carried by "
              "gensets, %ld IT lost\n",
              f["utility_outages"].get<long>(), o["no_impact"].get<long>(), o["bridged_by_ups"].get<long>(),
              o["carried_by_gensets"].get<long>(), o["it_lost"].get<long>());
  std::printf("  min UPS state of charge %.4f\n", f["min_ups_state_of_charge"].get<double>());
  std::printf("  gensets                 %ld starts, %ld failed start attempts, %.2f unit-hours, %.1f kWh\n",
              f["genset_starts"].get<long>(), f["genset_failed_start_attempts"].get<long>(),
              f["genset_run_hours"].get<double>(), f["genset_energy_kwh"].get<double>());
  std::printf("  fuel used               %.3f tank-hours at design load\n",
              f["fuel_used_tank_hours"].get<double>());
  std::printf("  load refused or shed    %ld times a plant short of the load refused it, %ld "
              "loads or UPS inputs shed to fit a capacity\n",
              f["genset_load_refusals"].get<long>(), f["capacity_sheds"].get<long>());
  const json& e = f["energy"];
  std::printf(
      "  energy                  %.1f kWh from sources + %.1f from batteries: %.1f IT, %.1f cooling, %.1f "
      "losses; PUE %.3f\n",
      e["source_kwh"].get<double>(), e["storage_drawdown_kwh"].get<double>(), e["it_kwh"].get<double>(),
      e["cooling_kwh"].get<double>(), e["conversion_losses_kwh"].get<double>(), e["pue"].get<double>());
  if (f.contains("components"))
    print_components(f["components"]);
  if (f.contains("cooling")) {
    const json& c = f["cooling"];
    std::printf("cooling\n");
    std::printf("  loops                   %ld: %ld throttle events, %ld thermal shutdowns\n",
                c["loops"].get<long>(), c["throttle_events"].get<long>(), c["thermal_shutdowns"].get<long>());
    std::printf("  throttled               %.2f rack-minutes\n", c["throttled_rack_min"].get<double>());
    std::printf("  accelerator-hours       %.3f throttled, %.3f shut down\n",
                c["throttled_accelerator_hours"].get<double>(),
                c["shutdown_accelerator_hours"].get<double>());
    std::printf("  peak temperatures       chip %.1f C, coolant %.1f C\n", c["peak_chip_c"].get<double>(),
                c["peak_coolant_c"].get<double>());
  }
  if (f.contains("facility_water")) {
    const json& w = f["facility_water"];
    std::printf(
        "  facility water          peak %.1f C, %.1f min above its setpoint, %.1f kWh of heat rejected\n",
        w["peak_c"].get<double>(), w["above_setpoint_min"].get<double>(),
        w["heat_rejected_kwh"].get<double>());
  }
}

std::optional<long long> parse_whole(const std::string& text) {
  long long v = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0)
    return std::nullopt;
  return v;
}

} // namespace

std::optional<json> run_scenario_in_child(const Scenario& scenario, RunOptions options, const char* who,
                                          int& code) {
  // The simulation runs in a child process: a SimGrid abort on a bad platform becomes an error
  // message and exit code 2 rather than a crash.
  const ChildOutcome out = run_in_child([&](const std::function<void()>& mark_loaded) {
    options.on_platform_loaded = mark_loaded;
    return dump(to_json(run_scenario(scenario, options)), -1);
  });
  switch (out.kind) {
  case ChildOutcome::Kind::ok:
    return json::parse(out.payload);
  case ChildOutcome::Kind::input_error:
    std::cerr << out.payload;
    code = exit_bad_input;
    return std::nullopt;
  case ChildOutcome::Kind::crashed_while_loading:
    std::cerr << scenario.platform_path
              << ": error: SimGrid rejected this platform (its message is above; the loader " << out.how
              << ")\n";
    code = exit_bad_input;
    return std::nullopt;
  case ChildOutcome::Kind::killed_while_loading:
    std::cerr << who << ": the simulation process died while loading " << scenario.platform_path << " ("
              << out.how << "; out of memory?)\n";
    code = exit_internal_error;
    return std::nullopt;
  case ChildOutcome::Kind::crashed_after_loading:
  case ChildOutcome::Kind::internal_error:
    break;
  }
  std::cerr << who
            << ": internal error during the simulation: " << (out.payload.empty() ? out.how : out.payload)
            << "\n";
  code = exit_internal_error;
  return std::nullopt;
}

namespace {

// --seed, --duration and --years over the scenario's own; false (after the message) when bad.
bool apply_run_options(const RunArgs& args, Scenario& scenario) {
  if (args.seed) {
    const auto seed = parse_whole(*args.seed);
    if (!seed) {
      std::cerr << "aidcsim run: --seed '" << *args.seed << "': expected a whole number from 0 to "
                << max_seed << "\n";
      return false;
    }
    scenario.seed = static_cast<std::uint64_t>(*seed);
  }
  if (args.duration && args.years) {
    std::cerr << "aidcsim run: give --duration or --years, not both\n";
    return false;
  }
  if (!args.duration && !args.years)
    return true;
  const units::ParseResult d = args.duration ? units::parse(*args.duration, units::Dimension::time)
                                             : units::parse(*args.years + " y", units::Dimension::time);
  if (!d.value || *d.value < min_duration_s || *d.value > max_duration_s) {
    std::cerr << "aidcsim run: "
              << (args.duration ? "--duration '" + *args.duration : "--years '" + *args.years)
              << "': " << (d.value ? "must be from 1 us to 1000000 y" : d.error) << "\n";
    return false;
  }
  scenario.duration_s = *d.value;
  return true;
}

} // namespace

int run_command(const RunArgs& args) {
  Scenario scenario;
  try {
    scenario = load_scenario(args.scenario);
  } catch (const InputError& e) {
    std::cerr << e.what();
    return exit_bad_input;
  }
  if (!apply_run_options(args, scenario))
    return exit_bad_input;

  RunOptions options;
  if (!args.out_dir.empty() && (!scenario.facility.empty() || scenario.workload.ai()))
    options.timeline_csv = (std::filesystem::path(args.out_dir) / "timeline.csv").string();
  int code = exit_ok;
  const std::optional<json> result = run_scenario_in_child(scenario, options, "aidcsim run", code);
  if (!result)
    return code;
  const json& j = *result;
  if (!args.out_dir.empty()) {
    const std::string path = (std::filesystem::path(args.out_dir) / "metrics.json").string();
    try {
      write_file_atomically(path, [&](std::ostream& o) { o << dump(j, 2) << "\n"; });
    } catch (const std::runtime_error& e) {
      std::cerr << "aidcsim run: --out: " << e.what() << "\n";
      return exit_bad_input;
    }
  }
  if (args.json)
    std::cout << dump(j, 2) << "\n";
  else
    print_text(j);
  return exit_ok;
}

} // namespace aidcsim::cli
