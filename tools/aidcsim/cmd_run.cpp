// `aidcsim run SCENARIO.yaml`: one scenario, one simulation, in a child process.
#include "engine/base/atomic_file.hpp"
#include "engine/base/diagnostics.hpp"
#include "engine/base/units.hpp"
#include "engine/input/scenario.hpp"
#include "engine/results/human_units.hpp"
#include "engine/sim/simulation.hpp"
#include "tools/aidcsim/ai_report.hpp"
#include "tools/aidcsim/children.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/isolated_process.hpp"
#include "tools/aidcsim/run_json.hpp"
#include "tools/aidcsim/run_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace aidcsim::cli {
namespace {

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

namespace {

// The timeline keeps its first rows only; a person reading the terminal must know, not only one
// reading the file's last line.
void warn_if_timeline_truncated(const json& j) {
  if (!j.contains("timeline"))
    return;
  const auto rows = j["timeline"]["rows"].get<std::size_t>();
  const auto written = j["timeline"]["rows_written"].get<std::size_t>();
  if (written < rows)
    std::cerr << "aidcsim run: timeline.csv holds the first " << with_thousands(double(written), 0) << " of "
              << with_thousands(double(rows), 0) << " rows; the rest were not written\n";
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
  warn_if_timeline_truncated(j);
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
