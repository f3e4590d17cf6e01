// The facility's metrics, each declared once: its key (a JSON path under "facility"), unit,
// label and one-line meaning, and how it is computed from the facility at the end of a run. The
// JSON, the text output and the sweep's metric names are all generated from this table
// (tools/aidcsim/run_json.cpp, run_text.cpp; engine/input/sweep.cpp), and a batch's report
// columns are the JSON's numbers.
#pragma once

#include "models/power/facility.hpp"

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace aidcsim::power {

enum class MetricUnit {
  fraction,         // 0..1, availabilities and states of charge
  ratio,            // PUE
  count,            // whole numbers
  minutes,          // over the run
  minutes_per_year, // a rate over the run's years
  hours,            // unit-hours, accelerator-hours, tank-hours
  kwh,
  celsius,
  years,
};

// What a metric needs besides the facility.
struct RunContext {
  double duration_s = 0;
  std::vector<double> chips_of_load; // accelerators of each load's platform rack (0 when unbound)
};

struct FacilityMetric {
  enum class Shown { always, with_cooling_loops, with_water_loop };
  std::string_view key; // "power_availability", "energy.pue", "cooling.peak_chip_c"
  MetricUnit unit;
  std::string_view label;   // for people: "IT downtime"
  std::string_view meaning; // one line
  std::function<std::optional<double>(const Facility&, const RunContext&)> compute; // nullopt: JSON null
  Shown shown = Shown::always;
  bool per_year = false; // a rate per year: the text shows it only for runs of a year or more
  bool sweep = false;    // a headline a sweep may name (`metric:`)
  // The text output leaves a genset figure out when the facility has no genset plant (the JSON
  // keeps it, at zero).
  bool about_gensets = false;
};

const std::vector<FacilityMetric>& facility_metrics();

// The table's values for one run, in table order.
std::vector<std::optional<double>> compute_facility_metrics(const Facility& f, const RunContext& context);

// Whether a metric applies to this facility (cooling loops, a water loop).
bool metric_shown(const FacilityMetric& m, const Facility& f);

} // namespace aidcsim::power
