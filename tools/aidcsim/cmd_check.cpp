// `aidcsim check FILE...`: reads scenarios, sweeps, hardware catalogs and platforms as a run
// would, reports every error and warning, and runs nothing. A scenario's platform is loaded too
// (in a child process, as for a run), so what only the platform can tell is checked as well: racks
// bound to platform racks, a job larger than the cluster, the event budget.
#include "engine/base/diagnostics.hpp"
#include "engine/input/catalog.hpp"
#include "engine/input/file_kind.hpp"
#include "engine/input/scenario.hpp"
#include "engine/input/sweep.hpp"
#include "engine/input/yaml_reader.hpp"
#include "engine/sim/simulation.hpp"
#include "tools/aidcsim/children.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/isolated_process.hpp"
#include "tools/aidcsim/warnings.hpp"

#include <filesystem>
#include <iostream>

namespace aidcsim::cli {

namespace {

// The scenario's platform-dependent checks, in a child (SimGrid may abort on a bad platform).
int check_scenario(const std::string& path) {
  const Scenario scenario = load_scenario(path);
  const std::vector<Diagnostic> warnings = scenario_warnings(scenario);
  print_warnings(warnings);
  RunOptions options;
  options.setup_only = true;
  const ChildOutcome out = run_in_child([&](const std::function<void()>& mark_loaded) {
    options.on_platform_loaded = mark_loaded;
    run_scenario(scenario, options);
    return std::string("ok");
  });
  if (out.kind == ChildOutcome::Kind::input_error) {
    std::cerr << out.payload;
    return exit_bad_input;
  }
  if (out.kind == ChildOutcome::Kind::crashed_while_loading) {
    std::cerr << scenario.platform_path << ": error: SimGrid rejected this platform (" << out.how << ")\n";
    return exit_bad_input;
  }
  if (out.kind != ChildOutcome::Kind::ok) {
    std::cerr << path << ": internal error while checking: " << (out.payload.empty() ? out.how : out.payload)
              << "\n";
    return exit_internal_error;
  }
  std::printf("%s: scenario '%s': ok (platform %s; %zu warning%s)\n", path.c_str(), scenario.name.c_str(),
              scenario.platform_path.c_str(), warnings.size(), warnings.size() == 1 ? "" : "s");
  return exit_ok;
}

int check_yaml(const std::string& path) {
  Diagnostics diags;
  const YamlDocument document = load_yaml_file(path, diags);
  if (!diags.empty())
    throw InputError(std::move(diags));
  switch (file_kind(document.root())) {
  case FileKind::scenario:
    return check_scenario(path);
  case FileKind::sweep: {
    const Sweep sweep = load_sweep(path);
    print_warnings(sweep.warnings);
    std::printf("%s: sweep '%s': ok (%zu points x %d replications = %zu runs; %zu warning%s)\n", path.c_str(),
                sweep.name.c_str(), sweep.points.size(), sweep.replications, sweep.runs.size(),
                sweep.warnings.size(), sweep.warnings.size() == 1 ? "" : "s");
    return exit_ok;
  }
  case FileKind::catalog: {
    const Catalog catalog = load_catalog(path);
    std::printf("%s: hardware catalog: ok (%zu chips, %zu systems)\n", path.c_str(), catalog.chips.size(),
                catalog.systems.size());
    return exit_ok;
  }
  case FileKind::unknown:
    break;
  }
  throw_input_error(SourcePos{path, 1, 1}, "", "",
                    "not a scenario (platform, workload), a sweep (base, axes) or a hardware catalog (chips, "
                    "systems): aidcsim cannot tell what this file is");
}

int check_file(const std::string& path) {
  if (std::filesystem::path(path).extension() == ".xml") {
    int code = exit_ok;
    const auto figures = measure_in_child(path, code);
    if (figures)
      std::printf("%s: platform: ok (%s accelerators)\n", path.c_str(),
                  (*figures)["accelerators"].dump().c_str());
    return code;
  }
  try {
    return check_yaml(path);
  } catch (const InputError& e) {
    std::cerr << e.what();
    return exit_bad_input;
  }
}

} // namespace

int check_command(const CheckArgs& args) {
  int code = exit_ok;
  for (const auto& file : args.files)
    code = std::max(code, check_file(file));
  return code;
}

} // namespace aidcsim::cli
