// A sweep: a base scenario, parameter axes (scenario key paths with lists of values) and
// replications. Its expansion is a list of runs, each keyed by sweep point and replication; the
// seed of each run is a hash of the sweep's name, the point's values and the replication, so any
// run can be replayed alone with the same numbers.
//
//   name: UPS runtime x genset sizing
//   base: ../power/tier3-like-utility-genset-only.yaml
//   replications: 20
//   years: 1000                       # per replication (else the scenario's duration)
//   metric: it_downtime_min_per_year  # shown while the batch runs
//   axes:
//     facility.ups[ups].battery.runtime: [1 min, 5 min, 10 min]
//     facility.gensets[gen].sizing: [N, N+1, 2N]
#pragma once

#include "engine/base/diagnostics.hpp"
#include "engine/input/scenario.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace aidcsim {

struct SweepAxis {
  std::string key;
  std::vector<std::string> values; // YAML text of each value
  std::vector<SourcePos> positions;
};

struct SweepPoint {
  int index = 0;
  std::vector<KeyOverride> overrides; // one per axis
  std::string label;                  // "key=value, key=value"
};

struct SweepRun {
  std::string key; // "p<point>-r<replication>"
  int point = 0;
  int replication = 0;
  std::uint64_t seed = 0;
};

struct Sweep {
  std::string file;
  std::string name;
  std::string base; // resolved path of the base scenario
  std::string metric;
  int replications = 1;
  double duration_s = 0;     // 0: the scenario's own
  std::string estimator;     // "", or "mc" / "is": each run estimates the facility's availability
  bool common_seeds = false; // `seeds: common`: replication r has the same seed at every point
  std::vector<SweepAxis> axes;
  std::vector<SweepPoint> points;
  std::vector<SweepRun> runs;       // point-major, then replication
  std::vector<Diagnostic> warnings; // the base scenario's (scenario_warnings), at the sweep's duration
  std::string fingerprint;          // identifies the expansion, to refuse mixing sweeps in one database

  // The scenario of one run: the base with the point's values, the run's seed and duration.
  Scenario scenario_for(const SweepRun& run) const;
};

// Metrics the progress line and the report know; `metric:` must be one of them.
const std::vector<std::string>& sweep_metric_names();
// Those of a sweep with `estimator:` (each a figure of the run's availability estimate).
const std::vector<std::string>& estimator_metric_names();

// Reads, expands and checks the sweep: every axis value and every point must make a valid
// scenario. Throws InputError.
Sweep load_sweep(const std::string& path);
// The same for `text` read from a file named `path` (its base scenario resolves from its folder).
Sweep load_sweep_text(const std::string& text, const std::string& path);

// The seed of one run (63 bits).
std::uint64_t sweep_seed(const std::string& sweep_name, const std::string& point_label, int replication);

} // namespace aidcsim
