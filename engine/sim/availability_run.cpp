#include "engine/sim/availability_run.hpp"

#include "engine/base/diagnostics.hpp"
#include "engine/input/event_budget.hpp"
#include "engine/sim/episode_writer.hpp"
#include "models/power/facility.hpp"
#include "models/power/power_graph.hpp"

#include "engine/base/progress_meter.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace aidcsim {

namespace {
std::unique_ptr<EpisodeWriter> open_episodes(const std::string& path, const std::string& preamble) {
  if (path.empty())
    return nullptr;
  try {
    return std::make_unique<EpisodeWriter>(path, preamble);
  } catch (const std::runtime_error& e) {
    throw_input_error(SourcePos{"command line", 0, 0}, "--out", path, e.what());
  }
}
} // namespace

AvailabilityResult estimate_availability(const Scenario& scenario, const power::SamplingOptions& options,
                                         const std::string& episodes_csv, const std::string& preamble,
                                         bool progress) {
  if (scenario.facility.empty())
    throw_input_error(SourcePos{scenario.file, 0, 0}, "facility", "",
                      "--estimator estimates a facility's availability; this scenario has no facility");
  if (!scenario.faults.empty())
    throw_input_error(SourcePos{scenario.file, 0, 0}, "faults", std::to_string(scenario.faults.size()),
                      "--estimator estimates steady-state availability from random failures; remove the "
                      "scheduled faults or run without --estimator");
  std::vector<power::GraphProblem> problems;
  const power::PowerGraph graph = power::PowerGraph::build(scenario.facility, problems);
  if (!problems.empty())
    throw std::logic_error("facility passed validation but its graph has problems");
  power::Facility facility(scenario.facility, graph, scenario.seed, {});
  // Biasing draws more failures than the natural rates: the budget holds for the natural run, and
  // each biased failure belongs to a cycle that a natural failure opened, a bounded multiple.
  check_event_budget(facility_sources(scenario, graph, facility), scenario.duration_s);
  std::unique_ptr<EpisodeWriter> episodes = open_episodes(episodes_csv, preamble);
  if (episodes)
    episodes->attach(facility.episodes());
  facility.estimate_rare_events(options);
  const double end = scenario.duration_s;
  ProgressMeter meter(end, progress);
  while (facility.next_event_time() <= end) {
    facility.advance_to(facility.next_event_time());
    meter.tick(std::min(facility.next_event_time(), end));
  }
  meter.finish();
  facility.finish(end);

  AvailabilityResult r;
  r.scenario_file = scenario.file;
  r.scenario_name = scenario.name;
  r.seed = scenario.seed;
  r.simulated_time_s = end;
  r.events = facility.events();
  r.estimate = facility.rare_event_estimator()->estimate();
  r.causes = facility.episodes().causes();
  r.components = facility.episodes().components();
  r.examples = facility.episodes().examples();
  if (episodes) {
    try {
      episodes->commit();
    } catch (const std::runtime_error& e) {
      throw_input_error(SourcePos{"command line", 0, 0}, "--out", episodes_csv, e.what());
    }
    r.episodes_written = episodes->rows();
  }
  return r;
}

} // namespace aidcsim
