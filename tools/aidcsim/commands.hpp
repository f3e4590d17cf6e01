// The aidcsim subcommands. Each returns the process exit code: 0 success, 2 bad input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aidcsim::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_internal_error = 1;
inline constexpr int exit_bad_input = 2;

struct RunArgs {
  std::string scenario;
  std::optional<std::string> seed;     // checked like the scenario key: 0 to max_seed
  std::optional<std::string> duration; // text with unit, parsed by the units module
  std::optional<std::string> years;    // a number of 365-day years
  bool json = false;
  std::string out_dir;                                   // empty: no files written
  bool parents = false;                                  // create --out's missing parent folders
  std::optional<std::string> timeline_from, timeline_to; // times with unit: the timeline's window
  std::string timeline_components;                       // comma-separated ids or kinds
  std::string estimator;                                 // "", "mc" or "is": an availability estimate
  std::optional<std::string> detail;                     // "FROM..TO": the power trace's window
};
int run_command(const RunArgs& args);

struct GenerateArgs {
  std::string catalog;
  bool catalog_given = false; // --catalog was on the command line (else the default, for the message)
  bool parents = false;       // create the output's missing folders
  std::string system;
  int pods = 1;
  double oversubscription = 1.0;
  std::string output;
};
int platform_generate_command(const GenerateArgs& args);

struct CompareArgs {
  std::vector<std::string> files;
  bool json = false;
};
int platform_compare_command(const CompareArgs& args);

// `aidcsim compare SCENARIO --platforms A B`: one scenario on two platforms, side by side.
struct ScenarioCompareArgs {
  std::string scenario;
  std::vector<std::string> platforms;
  std::string match = "accelerators"; // or "compute": equal BF16 FLOPS for the job
  std::optional<std::string> seed;
  std::optional<std::string> duration;
  bool json = false;
};
int scenario_compare_command(const ScenarioCompareArgs& args);

struct BatchArgs {
  std::string sweep;
  int jobs = 1;
  std::string db;
  bool list = false;                 // print the runs and exit
  std::optional<std::string> replay; // run one run key alone and print its JSON
  bool allow_version_change = false; // resume a file another aidcsim version wrote runs into
};
int batch_command(const BatchArgs& args);

// `aidcsim check FILE...`: scenarios, sweeps, catalogs and platforms read and checked, not run.
struct CheckArgs {
  std::vector<std::string> files;
};
int check_command(const CheckArgs& args);

// `aidcsim list systems|components|failure-classes|metrics`.
struct ListArgs {
  std::string what;
  std::string catalog = "platforms/catalog.yaml"; // for systems
};
int list_command(const ListArgs& args);

struct ReportArgs {
  std::string db;
  bool csv = false;
  bool json = false;
  std::vector<std::string> metrics; // only these; all when empty
  std::vector<std::string> pareto;  // COST VALUE: the Pareto front (pareto_report.hpp)
};
int report_command(const ReportArgs& args);

} // namespace aidcsim::cli
