// One simulation run of a scenario, in this process's SimGrid engine.
#pragma once

#include "engine/input/scenario.hpp"
#include "engine/sim/ai_result.hpp"
#include "engine/sim/cost_result.hpp"
#include "engine/sim/policy_result.hpp"
#include "engine/sim/power_dynamics_run.hpp"
#include "engine/sim/timeline_writer.hpp"
#include "models/power/facility_metrics.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aidcsim {

// What the facility's power chain did over the run: the values of the metric table
// (models/power/facility_metrics.hpp), in its order, and each component's own figures.
// The run's IT-loss episodes (models/power/episode_recorder.hpp): counts and IT downtime by first
// cause and by the first cause's component, and the first episodes with their chains.
struct EpisodeSummary {
  long episodes = 0;
  std::vector<std::string> causes, components;
  std::vector<power::CauseCounts> by_cause, by_component;
  std::vector<power::Episode> first;
  long written = -1; // rows in episodes.csv; -1 without one
};

struct FacilityResult {
  bool present = false;
  std::vector<std::optional<double>> values; // per power::facility_metrics() entry; nullopt: null
  std::vector<char> shown;                   // per entry: it applies to this facility
  long simulated_whole_years = 0;
  double bought_in_window_kwh = 0;                // a time-of-use tariff's peak hours (power::FacilityEnergy)
  std::vector<power::ComponentReport> components; // in graph order
  EpisodeSummary episodes;
  // The value of the metric with this key; throws if the table has no such key or it has no value.
  double number(std::string_view key) const;
  std::optional<double> value(std::string_view key) const;
};

struct RunResult {
  std::string scenario_file;
  std::string scenario_name;
  std::string platform_file;
  std::uint64_t seed = 0;
  std::size_t accelerators = 0;
  double simulated_time_s = 0;
  double it_energy_kwh = 0;
  double mean_it_power_kw = 0;
  FacilityResult facility;
  AiResult ai;
  DynamicsResult dynamics; // with `power_dynamics:`
  PolicyResult policies;   // with `policies:`
  CostResult cost;         // every run: its design's capital and a year of ownership
  // With a timeline: the rows the run made and those its file holds (the filter's choice).
  struct TimelineCount {
    std::size_t rows = 0, written = 0;
  };
  std::optional<TimelineCount> timeline;
};

struct RunOptions {
  std::function<void()> on_platform_loaded; // called once the platform loaded, before time starts
  std::string timeline_csv;                 // where to write the facility timeline; empty: none
  TimelineFilter timeline_filter;           // what of it to write (default: everything)
  std::string episodes_csv;                 // where to write the IT-loss episodes; empty: none
  std::string file_preamble;                // "# key: value" lines atop both files (provenance)
  bool progress = false;                    // a progress line on stderr (progress_meter.hpp)
  bool setup_only = false; // load and check everything (platform, racks, job), then stop: `check`
  // With power dynamics: the detailed power trace of [detail_from_s, detail_to_s] to this file.
  std::string power_trace_csv;
  double detail_from_s = 0, detail_to_s = 0;
};

// SimGrid's own options ("--log=...", "--cfg=..."), given to every engine this process creates
// (SimGrid reads them from argv, once per engine). Set once, before any run.
void set_simgrid_arguments(const std::vector<std::string>& args);

// Runs the scenario to its duration. SimGrid keeps one engine per process: one run per process.
// Throws InputError for a platform that does not load or does not match the facility.
RunResult run_scenario(const Scenario& scenario, const RunOptions& options = {});

} // namespace aidcsim
