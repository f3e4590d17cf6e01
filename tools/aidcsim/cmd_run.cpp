// `aidcsim run SCENARIO.yaml`: one scenario, one simulation, in a child process.
#include "engine/base/atomic_file.hpp"
#include "engine/base/build_info.hpp"
#include "engine/base/diagnostics.hpp"
#include "engine/base/output_path.hpp"
#include "engine/base/units.hpp"
#include "engine/input/scenario.hpp"
#include "engine/results/human_units.hpp"
#include "engine/sim/simulation.hpp"
#include "tools/aidcsim/ai_report.hpp"
#include "tools/aidcsim/availability_report.hpp"
#include "tools/aidcsim/children.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/isolated_process.hpp"
#include "tools/aidcsim/logging.hpp"
#include "tools/aidcsim/process_tree.hpp"
#include "tools/aidcsim/run_json.hpp"
#include "tools/aidcsim/run_text.hpp"
#include "tools/aidcsim/warnings.hpp"

#include <nlohmann/json.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>

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
  case ChildOutcome::Kind::output_error:
    std::cerr << who << ": --out: " << out.payload << "\n";
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
  if (args.years && args.years->find_first_not_of("0123456789.eE+-") != std::string::npos) {
    std::cerr
        << "aidcsim run: --years '" << *args.years
        << "': expected a number of years, e.g. --years 10 (or a time with its unit: --duration '10 y')\n";
    return false;
  }
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

// --timeline-from, --timeline-to and --timeline-components; false (after the message) when bad.
bool timeline_filter(const RunArgs& args, const Scenario& scenario, TimelineFilter& filter) {
  const bool any = args.timeline_from || args.timeline_to || !args.timeline_components.empty();
  if (any && args.out_dir.empty()) {
    std::cerr << "aidcsim run: --timeline-from, --timeline-to and --timeline-components shape "
                 "timeline.csv; give --out too\n";
    return false;
  }
  auto time = [](const std::optional<std::string>& text, const char* flag, double& out) {
    if (!text)
      return true;
    const units::ParseResult t = units::parse(*text, units::Dimension::time);
    if (!t.value || *t.value < 0) {
      std::cerr << "aidcsim run: " << flag << " '" << *text
                << "': " << (t.value ? "must not be negative" : t.error) << "\n";
      return false;
    }
    out = *t.value;
    return true;
  };
  if (!time(args.timeline_from, "--timeline-from", filter.from_s) ||
      !time(args.timeline_to, "--timeline-to", filter.to_s))
    return false;
  if (filter.to_s <= filter.from_s) {
    std::cerr << "aidcsim run: --timeline-to '" << *args.timeline_to << "' must come after --timeline-from '"
              << args.timeline_from.value_or("0 s") << "'\n";
    return false;
  }
  if (filter.from_s > scenario.duration_s) {
    std::cerr << "aidcsim run: --timeline-from '" << *args.timeline_from << "' is after the run's end ("
              << scenario.duration_s << " s)\n";
    return false;
  }
  std::stringstream list(args.timeline_components);
  for (std::string name; std::getline(list, name, ',');)
    if (!name.empty())
      filter.components.insert(name);
  return true;
}

// --detail FROM..TO: the power trace's window; false (after the message) when bad.
bool detail_window(const RunArgs& args, const Scenario& scenario, RunOptions& options) {
  if (!args.detail)
    return true;
  const std::string& text = *args.detail;
  const auto dots = text.find("..");
  auto fail = [&](const std::string& why) {
    std::cerr << "aidcsim run: --detail '" << text << "': " << why << "\n";
    return false;
  };
  if (args.out_dir.empty())
    return fail("the trace goes to power-trace.csv; give --out too");
  if (!scenario.power_dynamics)
    return fail("the scenario has no 'power_dynamics:' section, so no swing to trace");
  if (dots == std::string::npos)
    return fail("expected FROM..TO, two times with units, such as '2 h..130 min'");
  const units::ParseResult from = units::parse(text.substr(0, dots), units::Dimension::time);
  const units::ParseResult to = units::parse(text.substr(dots + 2), units::Dimension::time);
  if (!from.value || !to.value)
    return fail(!from.value ? from.error : to.error);
  if (*from.value < 0 || *to.value <= *from.value)
    return fail("FROM must not be negative and TO must come after it");
  if (*from.value >= scenario.duration_s)
    return fail("FROM is at or after the run's end (" + std::to_string(scenario.duration_s) + " s)");
  options.power_trace_csv = (std::filesystem::path(args.out_dir) / "power-trace.csv").string();
  options.detail_from_s = *from.value;
  options.detail_to_s = std::min(*to.value, scenario.duration_s);
  return true;
}

// What the timeline file holds against what the run made, on the terminal as well as in
// metrics.json (a file that leaves rows out must say so where a person reads).
void report_timeline(const json& j, const TimelineFilter& filter) {
  if (!j.contains("timeline"))
    return;
  const auto rows = j["timeline"]["rows"].get<std::size_t>();
  const auto written = j["timeline"]["rows_written"].get<std::size_t>();
  if (filter.windowed() || !filter.components.empty())
    spdlog::info(
        "aidcsim run: timeline.csv holds {} rows of the run's {} (the window and components asked for)",
        with_thousands(double(written), 0), with_thousands(double(rows), 0));
}

// metrics.json under --out (written whole or not at all, its provenance first), then the JSON or
// the text. The printed JSON leaves the provenance out: it is the same figures for the same
// inputs from any build, which is what tools/scenario-json compares.
int emit(const RunArgs& args, const Provenance& provenance, const json& j,
         const std::function<void(const json&)>& print) {
  if (!args.out_dir.empty()) {
    const std::string path = (std::filesystem::path(args.out_dir) / "metrics.json").string();
    json file = json::object();
    for (const auto& [key, value] : provenance)
      file["provenance"][key] = value;
    file.update(j);
    try {
      write_file_atomically(path, [&](std::ostream& o) { o << dump(file, 2) << "\n"; });
    } catch (const std::runtime_error& e) {
      std::cerr << "aidcsim run: --out: " << e.what() << "\n";
      return exit_bad_input;
    }
  }
  if (args.json)
    std::cout << dump(j, 2) << "\n";
  else
    print(j);
  return exit_ok;
}

// --estimator mc|is: the facility's event core alone, no SimGrid (engine/sim/availability_run.hpp).
int estimate_command(const RunArgs& args, const Scenario& scenario, const Provenance& provenance) {
  if (args.estimator != "mc" && args.estimator != "is") {
    std::cerr << "aidcsim run: --estimator '" << args.estimator << "': expected 'mc' or 'is'\n";
    return exit_bad_input;
  }
  if (args.timeline_from || args.timeline_to || !args.timeline_components.empty()) {
    std::cerr << "aidcsim run: --estimator writes no timeline; drop the --timeline options\n";
    return exit_bad_input;
  }
  power::SamplingOptions options;
  options.biased = args.estimator == "is";
  json j;
  try {
    const std::string episodes_csv =
        args.out_dir.empty() ? "" : (std::filesystem::path(args.out_dir) / "episodes.csv").string();
    j = to_json(estimate_availability(scenario, options, episodes_csv, csv_comment_lines(provenance),
                                      progress_enabled()));
  } catch (const InputError& e) {
    std::cerr << e.what();
    return exit_bad_input;
  }
  return emit(args, provenance, j, print_availability_text);
}

// --out: the folder exists (or is made) and takes files, and no output there is anything but a
// regular file, checked before a simulation that may take minutes. False after the message.
bool prepare_out(const RunArgs& args) {
  if (args.out_dir.empty())
    return true;
  try {
    prepare_output_folder(args.out_dir, args.parents);
    for (const char* name : {"metrics.json", "timeline.csv", "episodes.csv", "power-trace.csv"})
      check_replaceable((std::filesystem::path(args.out_dir) / name).string());
  } catch (const OutputError& e) {
    std::cerr << "aidcsim run: --out: " << e.what() << "\n";
    return false;
  }
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
  if (!apply_run_options(args, scenario) || !prepare_out(args))
    return exit_bad_input;
  print_warnings(scenario_warnings(scenario));
  spdlog::debug("scenario '{}' ({}): platform {}, {}, seed {}, {} s simulated", scenario.name, scenario.file,
                scenario.platform_path, scenario.facility.empty() ? "no facility" : "a facility",
                scenario.seed, scenario.duration_s);
  const Provenance provenance = make_provenance(scenario.name, scenario.file, scenario.platform_path);
  if (!args.estimator.empty())
    return estimate_command(args, scenario, provenance);

  RunOptions options;
  if (!timeline_filter(args, scenario, options.timeline_filter) || !detail_window(args, scenario, options))
    return exit_bad_input;
  if (!args.out_dir.empty() && (!scenario.facility.empty() || scenario.workload.ai()))
    options.timeline_csv = (std::filesystem::path(args.out_dir) / "timeline.csv").string();
  if (!args.out_dir.empty() && !scenario.facility.empty())
    options.episodes_csv = (std::filesystem::path(args.out_dir) / "episodes.csv").string();
  options.file_preamble = csv_comment_lines(provenance);
  options.progress = progress_enabled();
  for (const std::string& staged : {options.timeline_csv, options.episodes_csv, options.power_trace_csv})
    if (!staged.empty())
      remove_on_signal(staged); // the child's temporary files, should a signal end the command
  int code = exit_ok;
  const auto start = std::chrono::steady_clock::now();
  const std::optional<json> result = run_scenario_in_child(scenario, options, "aidcsim run", code);
  if (!result)
    return code;
  spdlog::debug("simulation process done in {:.3f} s",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  json j = *result;
  if (j.contains("timeline")) {
    const TimelineFilter& f = options.timeline_filter;
    if (f.windowed()) {
      j["timeline"]["from_s"] = f.from_s;
      if (std::isfinite(f.to_s))
        j["timeline"]["to_s"] = f.to_s;
    }
    if (!f.components.empty())
      j["timeline"]["components"] = f.components;
  }
  report_timeline(j, options.timeline_filter);
  return emit(args, provenance, j, [](const json& out) { print_text(out); });
}

} // namespace aidcsim::cli
