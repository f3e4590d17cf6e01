// Simulated facility-years per wall-clock second, one core (not a test: `make bench`).
//
// Each iteration runs a scenario for many years through the whole run path (scenario, SimGrid
// engine, facility clock) in a forked child, since SimGrid holds one engine per process, and
// times the simulation itself (from platform loaded to the end of the run). A second family runs
// the facility event core alone, without SimGrid, to show what the binding costs.
#include "engine/base/units.hpp"
#include "engine/input/scenario.hpp"
#include "engine/sim/simulation.hpp"
#include "models/power/facility.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

const std::string source = AIDCSIM_SOURCE_DIR;

// Seconds of simulation (after the platform loaded) of `years` of the scenario, in a child.
double simulate_in_child(const std::string& scenario, double years, std::uint64_t seed) {
  int fds[2];
  if (pipe(fds) != 0)
    std::abort();
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    auto s = aidcsim::load_scenario(source + "/" + scenario);
    s.duration_s = years * aidcsim::units::seconds_per_year;
    s.seed = seed;
    std::chrono::steady_clock::time_point start;
    aidcsim::RunOptions options;
    options.on_platform_loaded = [&] { start = std::chrono::steady_clock::now(); };
    aidcsim::run_scenario(s, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (write(fds[1], &seconds, sizeof seconds) != sizeof seconds)
      std::_Exit(1);
    std::_Exit(0);
  }
  close(fds[1]);
  double seconds = -1;
  if (read(fds[0], &seconds, sizeof seconds) != sizeof seconds)
    std::abort();
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return seconds;
}

void BM_RunScenario(benchmark::State& state, const char* scenario, double years) {
  double simulated_years = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    state.SetIterationTime(simulate_in_child(scenario, years, seed++));
    simulated_years += years;
  }
  state.counters["facility_years_per_s"] = benchmark::Counter(simulated_years, benchmark::Counter::kIsRate);
}

void BM_CoreOnly(benchmark::State& state, const char* scenario, double years) {
  const auto s = aidcsim::load_scenario(source + "/" + scenario);
  std::vector<aidcsim::power::GraphProblem> problems;
  const auto graph = aidcsim::power::PowerGraph::build(s.facility, problems);
  const double end = years * aidcsim::units::seconds_per_year;
  double simulated_years = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    aidcsim::power::Facility f(s.facility, graph, seed++, s.faults);
    while (f.next_event_time() <= end)
      f.advance_to(f.next_event_time());
    f.finish(end);
    benchmark::DoNotOptimize(f.load_metrics().data());
    simulated_years += years;
  }
  state.counters["facility_years_per_s"] = benchmark::Counter(simulated_years, benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK_CAPTURE(BM_RunScenario, ups_only, "scenarios/validation/ups-only.yaml", 1e6)
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RunScenario, tier3_like, "scenarios/power/tier3-like.yaml", 2e5)
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CoreOnly, ups_only, "scenarios/validation/ups-only.yaml", 1e6)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CoreOnly, tier3_like, "scenarios/power/tier3-like.yaml", 2e5)
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
