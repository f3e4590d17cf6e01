// `aidcsim run SCENARIO.yaml`: one scenario, one simulation, in this process.
#include "engine/atomic_file.hpp"
#include "engine/diagnostics.hpp"
#include "engine/scenario.hpp"
#include "engine/simulation.hpp"
#include "engine/units.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/isolated_process.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace aidcsim::cli {
namespace {

nlohmann::ordered_json to_json(const RunResult& r) {
  nlohmann::ordered_json j;
  j["scenario"] = r.scenario_file;
  j["name"] = r.scenario_name;
  j["platform"] = r.platform_file;
  j["seed"] = r.seed;
  j["accelerators"] = r.accelerators;
  j["simulated_time_s"] = r.simulated_time_s;
  j["it_energy_kwh"] = r.it_energy_kwh;
  j["mean_it_power_kw"] = r.mean_it_power_kw;
  return j;
}

RunResult from_json(const nlohmann::ordered_json& j) {
  RunResult r;
  r.scenario_file = j["scenario"];
  r.scenario_name = j["name"];
  r.platform_file = j["platform"];
  r.seed = j["seed"];
  r.accelerators = j["accelerators"];
  r.simulated_time_s = j["simulated_time_s"];
  r.it_energy_kwh = j["it_energy_kwh"];
  r.mean_it_power_kw = j["mean_it_power_kw"];
  return r;
}

void print_text(const RunResult& r) {
  std::printf("scenario        %s (%s)\n", r.scenario_file.c_str(), r.scenario_name.c_str());
  std::printf("platform        %s (%zu accelerators)\n", r.platform_file.c_str(), r.accelerators);
  std::printf("seed            %llu\n", static_cast<unsigned long long>(r.seed));
  std::printf("simulated time  %.3f s (%.4f h)\n", r.simulated_time_s,
              r.simulated_time_s / units::seconds_per_hour);
  std::printf("IT energy       %.3f kWh\n", r.it_energy_kwh);
  std::printf("mean IT power   %.3f kW\n", r.mean_it_power_kw);
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
  if (args.seed) {
    long long seed = -1;
    const std::string& text = *args.seed;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (ec != std::errc() || end != text.data() + text.size() || seed < 0) {
      std::cerr << "aidcsim run: --seed '" << text << "': expected a whole number from 0 to " << max_seed
                << "\n";
      return exit_bad_input;
    }
    scenario.seed = static_cast<std::uint64_t>(seed);
  }
  if (args.duration) {
    const units::ParseResult d = units::parse(*args.duration, units::Dimension::time);
    if (!d.value || !(*d.value > 0) || *d.value > max_duration_s) {
      std::cerr << "aidcsim run: --duration '" << *args.duration
                << "': " << (d.value ? "must be greater than zero and at most 1000 y" : d.error) << "\n";
      return exit_bad_input;
    }
    scenario.duration_s = *d.value;
  }

  // The simulation runs in a child process: a SimGrid abort on a bad platform becomes an error
  // message and exit code 2 rather than a crash.
  const ChildOutcome out = run_in_child([&](const std::function<void()>& mark_loaded) {
    return to_json(run_scenario(scenario, mark_loaded))
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
  switch (out.kind) {
  case ChildOutcome::Kind::ok:
    break;
  case ChildOutcome::Kind::input_error:
    std::cerr << out.payload;
    return exit_bad_input;
  case ChildOutcome::Kind::crashed_while_loading:
    std::cerr << scenario.platform_path
              << ": error: SimGrid rejected this platform (its message is above; the loader " << out.how
              << ")\n";
    return exit_bad_input;
  case ChildOutcome::Kind::killed_while_loading:
    std::cerr << "aidcsim run: the simulation process died while loading " << scenario.platform_path << " ("
              << out.how << "; out of memory?)\n";
    return exit_internal_error;
  case ChildOutcome::Kind::crashed_after_loading:
  case ChildOutcome::Kind::internal_error:
    std::cerr << "aidcsim run: internal error during the simulation: "
              << (out.payload.empty() ? out.how : out.payload) << "\n";
    return exit_internal_error;
  }
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(out.payload);
  const RunResult result = from_json(j);
  if (!args.out_dir.empty()) {
    const std::string path = (std::filesystem::path(args.out_dir) / "metrics.json").string();
    try {
      write_file_atomically(path, [&](std::ostream& out) {
        out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      });
    } catch (const std::runtime_error& e) {
      std::cerr << "aidcsim run: --out: " << e.what() << "\n";
      return exit_bad_input;
    }
  }
  if (args.json)
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else
    print_text(result);
  return exit_ok;
}

} // namespace aidcsim::cli
