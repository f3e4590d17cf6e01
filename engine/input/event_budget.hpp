// A run's work is bounded before it starts: the failures and outages every stochastic process is
// expected to bring over the run, summed, must stay within a budget. A rate typed wrong by a few
// orders of magnitude (`1e6 /h` for `1e-6 /h`) otherwise makes a run of billions of events that
// looks like a hang; with the budget it is an error naming the rate, in well under a second.
#pragma once

#include "engine/base/diagnostics.hpp"
#include "engine/input/scenario.hpp"
#include "models/power/facility.hpp"
#include "models/workload/cluster.hpp"

#include <string>
#include <vector>

namespace aidcsim {

// At most 1e9 expected arrivals in one run. Each arrival costs a few events (a failure and its
// repair, an outage and its end, the settling they cause), and the cores run at about 0.3 to 2
// million events a second (docs/MODELS.md, "Event budget"), so a run at the budget already takes
// hours; the shipped scenarios stay below 1e7 even at 100,000 years.
inline constexpr double max_expected_arrivals = 1e9;

// One Poisson process of the run: `units` units, each failing at `rate_per_s`.
struct ArrivalSource {
  SourcePos where;
  std::string key;        // "workload.failures.classes.gpu.rate", "facility.grid"
  std::string what;       // "outage", "fail while running", "failure"
  double rate_per_s = 0;  // per unit
  double units = 1;       // units subject to it
  std::string unit_word;  // "accelerators", "units"; empty: one unit, not named in the message
  std::string rate_scale; // the unit the message shows the rate in: "/h" or "/y"
};

// Throws InputError when the sources' expected arrivals over `duration_s` exceed the budget,
// with one message for each source that brings at least a tenth of them: its key, its rate and
// the largest rate that would fit.
void check_event_budget(const std::vector<ArrivalSource>& sources, double duration_s);

// The IT failure classes of the scenario's workload, on a cluster of `size`.
std::vector<ArrivalSource> failure_class_sources(const Scenario& s, const workload::ClusterSize& size);
// A size no platform can be below: the job's accelerators when it names them, else one of each.
workload::ClusterSize smallest_cluster(const Scenario& s);

// Every rate-based failure mode of the facility's components (the generic component interface,
// so a new kind is counted without a line here).
std::vector<ArrivalSource> facility_sources(const Scenario& s, const power::PowerGraph& graph,
                                            const power::Facility& facility);

} // namespace aidcsim
