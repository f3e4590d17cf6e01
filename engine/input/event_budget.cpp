#include "engine/input/event_budget.hpp"

#include "engine/base/units.hpp"

#include <algorithm>
#include <cstdio>
#include <variant>

namespace aidcsim {
namespace {

std::string g3(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

double per_scale(const std::string& scale) {
  return scale == "/h" ? 3600.0 : units::seconds_per_year;
}

// The run's length as a person reads it: hours up to a few days, days up to a year, then years.
std::string run_length(double duration_s) {
  if (duration_s < 3 * 86400.0)
    return g3(duration_s / 3600) + " h";
  if (duration_s < units::seconds_per_year)
    return g3(duration_s / 86400) + " d";
  return g3(duration_s / units::seconds_per_year) + " y";
}

std::string message(const ArrivalSource& s, double own, double total, double duration_s) {
  const double others = total - own;
  const std::string on = s.unit_word.empty() ? "" : " on " + g3(s.units) + " " + s.unit_word;
  std::string m = "its " + s.what + " rate" + on + " over " + run_length(duration_s) + " means about " +
                  g3(own) + " expected events (the run " + g3(total) + "); a run may hold at most " +
                  g3(max_expected_arrivals) + " expected failures and outages, hours of wall time already: ";
  if (others < max_expected_arrivals)
    m += "at most " + g3(s.rate_per_s * (max_expected_arrivals - others) / own * per_scale(s.rate_scale)) +
         " " + s.rate_scale + " here, or a shorter run";
  else
    m += "lower the other rates named here too, or run shorter";
  return m;
}

} // namespace

void check_event_budget(const std::vector<ArrivalSource>& sources, double duration_s) {
  std::vector<double> expected;
  double total = 0;
  for (const auto& s : sources) {
    expected.push_back(s.rate_per_s * s.units * duration_s);
    total += expected.back();
  }
  if (total <= max_expected_arrivals)
    return;
  Diagnostics diags;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (expected[i] < total / 10)
      continue;
    const ArrivalSource& s = sources[i];
    diags.add(s.where, s.key, g3(s.rate_per_s * per_scale(s.rate_scale)) + " " + s.rate_scale,
              message(s, expected[i], total, duration_s));
  }
  throw InputError(std::move(diags));
}

std::vector<ArrivalSource> failure_class_sources(const Scenario& s, const workload::ClusterSize& size) {
  std::vector<ArrivalSource> out;
  const FailuresConfig& f = s.workload.failures;
  if (!s.workload.ai() || !f.enabled)
    return out;
  for (std::size_t k = 0; k < f.classes.size(); ++k) {
    const workload::FailureClass& c = f.classes[k];
    const SourcePos where = k < f.where_rate.size() ? f.where_rate[k] : SourcePos{s.file, 0, 0};
    const char* word = c.per == workload::FailsPer::host  ? "hosts"
                       : c.per == workload::FailsPer::pod ? "pods"
                                                          : "accelerators";
    out.push_back({where, "workload.failures.classes." + c.name + ".rate", "failure",
                   c.rate_per_component_h / 3600, double(workload::components_subject_to(c.per, size)), word,
                   "/h"});
  }
  return out;
}

workload::ClusterSize smallest_cluster(const Scenario& s) {
  const int job = s.workload.job && s.workload.job->accelerators > 0 ? s.workload.job->accelerators : 1;
  return {job, 1, 1, job};
}

std::vector<ArrivalSource> facility_sources(const Scenario& s, const power::PowerGraph& graph,
                                            const power::Facility& facility) {
  std::vector<ArrivalSource> out;
  const auto& components = facility.components();
  for (std::size_t i = 0; i < components.size(); ++i) {
    const std::string& id = graph.node(static_cast<int>(i)).id;
    const SourcePos where = s.facility_positions.find(id).value_or(SourcePos{s.file, 0, 0});
    const auto modes = std::visit([](const auto& c) { return c.failure_modes(); }, components[i]);
    for (const auto& m : modes)
      if (m.basis == power::FailureMode::Basis::rate_per_s && m.value > 0)
        out.push_back(
            {where, "facility." + id, m.name, m.value, double(m.units), m.units == 1 ? "" : "units", "/y"});
  }
  return out;
}

} // namespace aidcsim
