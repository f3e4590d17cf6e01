// aidcsim: simulator of AI data-center power and cooling on SimGrid. Command-line entry point.
#include "engine/base/build_info.hpp"
#include "engine/sim/simulation.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/logging.hpp"
#include "tools/aidcsim/process_tree.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

namespace {

// What each text option holds, for --help (CLI11 shows TEXT for every string). Numbers that carry
// a unit are read as text and parsed by the units module, hence their own names.
void name_option_types(CLI::App& app) {
  static const std::pair<const char*, const char*> types[] = {
      {"scenario", "FILE"},      {"sweep", "FILE"},        {"db", "FILE"},
      {"files", "FILE"},         {"--seed", "INT"},        {"--duration", "TIME"},
      {"--years", "NUMBER"},     {"--out", "DIR"},         {"--timeline-from", "TIME"},
      {"--timeline-to", "TIME"}, {"--estimator", "mc|is"}, {"--timeline-components", "LIST"},
      {"--platforms", "FILE"},   {"--catalog", "FILE"},    {"--system", "ID"},
      {"--output", "FILE"},      {"--db", "FILE"},         {"--replay", "RUN"},
      {"--metric", "NAME"},      {"--log-level", "LEVEL"}, {"--log", "SETTING"},
      {"--cfg", "SETTING"},      {"what", "WHAT"},         {"--match", "accelerators|compute"},
      {"--detail", "FROM..TO"},
  };
  for (CLI::Option* opt : app.get_options())
    for (const auto& [name, type] : types)
      if (opt->check_name(name))
        opt->type_name(type);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    name_option_types(*sub);
}

// CLI11 answers an unknown subcommand with "A subcommand is required": name the word instead.
bool unknown_command(int argc, char** argv, const CLI::App& app) {
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--log-level" || word == "--log" || word == "--cfg") {
      ++i; // its value follows
      continue;
    }
    if (word.empty() || word.front() == '-')
      continue;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      if (sub->get_name() == word)
        return false;
    std::fprintf(stderr,
                 "aidcsim: unknown command '%s'; commands: run, compare, batch, report, check, list, "
                 "platform (aidcsim --help)\n",
                 word.c_str());
    return true;
  }
  return false;
}

} // namespace

int main(int argc, char** argv) {
  using namespace aidcsim::cli;
  end_children_on_signal();
  CLI::App app{"aidcsim: discrete-event simulation of AI data-center power, cooling and clusters"};
  app.require_subcommand(1);
  // Options of the command as a whole, given before or after the subcommand.
  app.fallthrough();
  LogArgs log;
  app.add_flag("-v,--verbose", log.verbose, "more detail on stderr (-v: debug, -vv: trace)");
  app.add_flag("-q,--quiet", log.quiet, "only warnings and errors on stderr (no progress)");
  app.add_option("--log-level", log.level, "trace, debug, info, warning, error or off (overrides -v, -q)");
  std::vector<std::string> simgrid_log, simgrid_cfg;
  app.add_option("--log", simgrid_log, "SimGrid's own logging, passed through, e.g. --log=root.thresh:info")
      ->allow_extra_args(false);
  app.add_option("--cfg", simgrid_cfg, "a SimGrid setting, passed through, e.g. --cfg=network/model:CM02")
      ->allow_extra_args(false);
  app.set_version_flag("--version", aidcsim::version_line(),
                       "print the version, git revision, build type and SimGrid version");

  RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "run a scenario and report IT energy and power");
  run_cmd->add_option("scenario", run.scenario, "scenario YAML file")->required();
  run_cmd->add_option("--seed", run.seed, "random seed from 0 to 2^63-1 (overrides the scenario's)");
  run_cmd->add_option("--duration", run.duration,
                      "simulated time with unit, e.g. '2 h' (overrides the scenario's)");
  run_cmd->add_option("--years", run.years,
                      "simulated years, e.g. 100000 (overrides the scenario's duration)");
  run_cmd->add_flag("--json", run.json, "print results as JSON");
  run_cmd->add_option("--out", run.out_dir,
                      "folder for metrics.json (and timeline.csv, episodes.csv with a facility); created if "
                      "missing, its parent must exist");
  run_cmd->add_flag("--parents", run.parents, "create --out's missing parent folders too");
  run_cmd->add_option("--timeline-from", run.timeline_from,
                      "timeline.csv starts at this simulated time, e.g. '10 y' (the state then first)");
  run_cmd->add_option("--timeline-to", run.timeline_to,
                      "timeline.csv ends at this simulated time, e.g. '10 y 30 d' (the state then last)");
  run_cmd->add_option("--estimator", run.estimator,
                      "estimate the facility's availability with intervals: 'mc' (plain Monte Carlo) or "
                      "'is' (importance sampling, for rare outages)");
  run_cmd->add_option("--detail", run.detail,
                      "with power_dynamics: the facility's sub-second power trace of this window to "
                      "power-trace.csv in --out, e.g. '2 h..130 min'");
  run_cmd->add_option("--timeline-components", run.timeline_components,
                      "timeline.csv holds only these components or kinds, e.g. 'gen,ups' or 'rack'");

  ScenarioCompareArgs scmp;
  auto* scmp_cmd =
      app.add_subcommand("compare", "run one scenario on two platforms and compare them side by side");
  scmp_cmd->add_option("scenario", scmp.scenario, "scenario YAML file")->required();
  scmp_cmd->add_option("--platforms", scmp.platforms, "the two platform XML files (ratios are B / A)")
      ->required()
      ->expected(2);
  scmp_cmd
      ->add_option("--match", scmp.match, "size the job on B by equal 'accelerators' or equal BF16 'compute'")
      ->capture_default_str()
      ->check(CLI::IsMember({"accelerators", "compute"}));
  scmp_cmd->add_option("--seed", scmp.seed, "random seed from 0 to 2^63-1 (the same on both)");
  scmp_cmd->add_option("--duration", scmp.duration, "simulated time with unit (overrides the scenario's)");
  scmp_cmd->add_flag("--json", scmp.json, "print both runs and the table as JSON");

  auto* platform_cmd = app.add_subcommand("platform", "generate and inspect SimGrid platforms");
  platform_cmd->require_subcommand(1);

  GenerateArgs gen;
  gen.catalog = "platforms/catalog.yaml";
  auto* gen_cmd = platform_cmd->add_subcommand("generate", "write a platform XML for K scale-up systems");
  auto* catalog_opt =
      gen_cmd->add_option("--catalog", gen.catalog, "hardware catalog YAML")->capture_default_str();
  gen_cmd->add_option("--system", gen.system, "system kind from the catalog (nvl72, cm384)")->required();
  gen_cmd->add_option("--pods", gen.pods, "number of systems joined by a scale-out fat tree")
      ->capture_default_str()
      ->check(CLI::Range(1, 262144));
  gen_cmd
      ->add_option("--oversubscription", gen.oversubscription,
                   "leaf-to-core oversubscription (1 = non-blocking)")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 64.0));
  gen_cmd->add_option("-o,--output", gen.output, "output XML file (a new file or a regular file to replace)")
      ->required();
  gen_cmd->add_flag("--parents", gen.parents, "create the output's missing folders");

  CompareArgs cmp;
  auto* cmp_cmd =
      platform_cmd->add_subcommand("compare", "print the headline figures of platforms side by side");
  cmp_cmd
      ->add_option("files", cmp.files, "platform XML files (the ratio column compares the last to the first)")
      ->required();
  cmp_cmd->add_flag("--json", cmp.json, "print figures as JSON");

  BatchArgs batch;
  auto* batch_cmd = app.add_subcommand("batch", "run every run of a sweep, results into SQLite (resumable)");
  batch_cmd->add_option("sweep", batch.sweep, "sweep YAML file")->required();
  batch_cmd->add_option("--jobs", batch.jobs, "parallel runs (one process each)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  batch_cmd->add_option("--db", batch.db, "SQLite results file (created, or resumed)");
  batch_cmd->add_flag("--list", batch.list, "print the runs (key, seed, point) and exit");
  batch_cmd->add_option("--replay", batch.replay, "run one run (e.g. p3-r17) alone and print its JSON");
  batch_cmd->add_flag("--allow-version-change", batch.allow_version_change,
                      "resume a --db that another aidcsim version (--version) wrote runs into");

  CheckArgs check;
  auto* check_cmd = app.add_subcommand(
      "check", "read and check scenarios, sweeps, catalogs and platforms without running them");
  check_cmd->add_option("files", check.files, "YAML or platform XML files")->required();

  ListArgs list;
  auto* list_cmd =
      app.add_subcommand("list", "list what aidcsim knows: systems, components, failure classes, metrics");
  list_cmd->add_option("what", list.what, "systems, components, failure-classes or metrics")
      ->required()
      ->check(CLI::IsMember({"systems", "components", "failure-classes", "metrics"}));
  list_cmd->add_option("--catalog", list.catalog, "hardware catalog YAML (for systems)")
      ->capture_default_str();

  ReportArgs report;
  auto* report_cmd = app.add_subcommand("report", "mean, sd and 95% confidence interval per sweep point");
  report_cmd->add_option("db", report.db, "SQLite results file")->required();
  report_cmd->add_flag("--csv", report.csv, "print CSV");
  report_cmd->add_flag("--json", report.json, "print JSON");
  report_cmd->add_option("--metric", report.metrics, "only this metric (repeatable)");
  report_cmd
      ->add_option("--pareto", report.pareto,
                   "COST VALUE: the points no other beats on both (VALUE: M, min:M or nines:M), and the "
                   "steps between them")
      ->expected(2);

  name_option_types(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (!unknown_command(argc, argv, app))
      app.exit(e);
    return exit_bad_input;
  }

  if (!setup_logging(log))
    return exit_bad_input;
  std::vector<std::string> simgrid_args;
  for (const auto& l : simgrid_log)
    simgrid_args.push_back("--log=" + l);
  for (const auto& c : simgrid_cfg)
    simgrid_args.push_back("--cfg=" + c);
  aidcsim::set_simgrid_arguments(simgrid_args);

  if (*run_cmd)
    return run_command(run);
  if (*scmp_cmd)
    return scenario_compare_command(scmp);
  if (*gen_cmd) {
    gen.catalog_given = catalog_opt->count() > 0;
    return platform_generate_command(gen);
  }
  if (*cmp_cmd)
    return platform_compare_command(cmp);
  if (*batch_cmd)
    return batch_command(batch);
  if (*report_cmd)
    return report_command(report);
  if (*check_cmd)
    return check_command(check);
  if (*list_cmd)
    return list_command(list);
  return exit_bad_input;
}
