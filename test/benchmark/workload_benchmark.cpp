// Benchmark of the AI workload core: a 16,384-GPU training job (Llama 3 shape: hosts of 8, 512
// spares) under the default IT failure rates, in simulated job-years per second.
#include "engine/base/random_stream.hpp"
#include "models/workload/ai_workload.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace aidcsim::workload;

void BM_TrainingJob16k(benchmark::State& state) {
  const double years = 10, end = years * 365 * 86400.0;
  const int job = 16384, n = job + 512;
  double simulated_years = 0;
  std::uint64_t seed = 1;
  long events = 0;
  for (auto _ : state) {
    Cluster cluster(Topology::regular(n, 8, 8, 8), default_failure_classes(24 * 3600.0), job,
                    aidcsim::RandomStream(seed++, "failures"));
    AiWorkload w(std::move(cluster),
                 std::make_pair(TrainingJobSpec{1800, 60, 600}, JobPlacement{job, 0.5, -1}), {});
    while (w.next_event_time() <= end) {
      w.advance_to(w.next_event_time());
      ++events;
    }
    w.finish(end);
    benchmark::DoNotOptimize(w.job()->time().useful_s);
    simulated_years += years;
  }
  state.counters["job_years_per_s"] = benchmark::Counter(simulated_years, benchmark::Counter::kIsRate);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(BM_TrainingJob16k)->Iterations(3)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
