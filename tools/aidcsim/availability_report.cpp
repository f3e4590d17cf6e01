#include "tools/aidcsim/availability_report.hpp"

#include "engine/base/units.hpp"
#include "engine/results/human_units.hpp"
#include "tools/aidcsim/episodes_json.hpp"
#include "tools/aidcsim/episodes_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aidcsim::cli {
namespace {

// The low end at zero at least: a downtime or a frequency is never negative, whatever the normal
// approximation says.
json interval(const power::Interval& i) {
  return {{"value", i.value},
          {"half_width_95", i.half_width},
          {"low", std::max(0.0, i.low())},
          {"high", i.high()}};
}

// Nines: -log10(unavailability); the interval's ends from the unavailability's, swapped. None when
// no IT loss was seen (infinitely many) or the interval reaches zero (unbounded above).
json nines(const power::Interval& u) {
  auto n = [](double x) { return x > 0 ? json(-std::log10(x)) : json(nullptr); };
  return {{"value", n(u.value)}, {"low", n(u.high())}, {"high", n(std::max(0.0, u.low()))}};
}

// Causes or components by their downtime, largest first (ties by name), with their share of the
// total; those that never took IT down are left out.
json groups(const std::vector<std::string>& names, const std::vector<power::CauseEstimate>& estimates,
            double total_min_per_year, bool as_keys) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < estimates.size() && i < names.size(); ++i)
    if (estimates[i].it_loss_episodes_per_year.value > 0)
      order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double da = estimates[a].downtime_min_per_year.value, db = estimates[b].downtime_min_per_year.value;
    return da != db ? da > db : names[a] < names[b];
  });
  json out = json::object();
  for (std::size_t i : order) {
    const power::CauseEstimate& e = estimates[i];
    json g;
    if (as_keys)
      g["cause"] = names[i];
    g["it_downtime_min_per_year"] = interval(e.downtime_min_per_year);
    g["it_loss_episodes_per_year"] = interval(e.it_loss_episodes_per_year);
    g["downtime_share"] = total_min_per_year > 0 ? e.downtime_min_per_year.value / total_min_per_year : 0.0;
    out[as_keys ? key_of(names[i]) : names[i]] = g;
  }
  return out;
}

} // namespace

json to_json(const AvailabilityResult& r) {
  const power::RareEventEstimate& e = r.estimate;
  json est;
  est["estimator"] = e.estimator;
  est["cycles"] = e.cycles;
  est["cycles_with_it_loss"] = e.cycles_with_it_loss;
  est["cycle_years"] = e.simulated_years;
  est["unavailability"] = interval(e.unavailability);
  est["availability_nines"] = nines(e.unavailability);
  est["it_downtime_min_per_year"] = interval(e.downtime_min_per_year);
  est["it_loss_episodes_per_year"] = interval(e.it_loss_episodes_per_year);
  est["relative_error"] = e.relative_error;
  est["effective_sample_size"] = e.effective_sample_size;
  est["largest_cycle_share"] = e.largest_cycle_share;
  est["variance_per_cycle"] = e.variance_per_cycle;
  est["plain_mc_variance_per_cycle"] = e.plain_variance_per_cycle;
  est["warnings"] = e.warnings;
  const double total = e.downtime_min_per_year.value;
  est["by_first_cause"] = groups(r.causes, e.by_cause, total, true);
  est["by_component"] = groups(r.components, e.by_component, total, false);
  json examples = json::array();
  for (const auto& ep : r.examples)
    examples.push_back(episode_json(ep, r.causes));
  json j;
  j["scenario"] = r.scenario_file;
  j["name"] = r.scenario_name;
  j["seed"] = r.seed;
  j["simulated_time_s"] = r.simulated_time_s;
  j["events"] = r.events;
  j["availability"] = est;
  j["episodes"] = {{"first", examples}};
  if (r.episodes_written >= 0)
    j["episodes"]["written"] = r.episodes_written;
  return j;
}

void print_availability_text(const json& j) {
  const json& a = j["availability"];
  std::printf("scenario        %s (%s)\n", j["scenario"].get<std::string>().c_str(),
              j["name"].get<std::string>().c_str());
  std::printf("seed            %llu\n", j["seed"].get<unsigned long long>());
  const std::string how =
      a["estimator"] == "is" ? "importance sampling (balanced failure biasing)" : "plain Monte Carlo";
  std::printf("estimator       %s, regenerative cycles\n", how.c_str());
  std::printf("simulated       %s years, %s cycles (%s lost IT power), %s events\n",
              with_thousands(j["simulated_time_s"].get<double>() / units::seconds_per_year, 0).c_str(),
              with_thousands(a["cycles"].get<double>(), 0).c_str(),
              with_thousands(a["cycles_with_it_loss"].get<double>(), 0).c_str(),
              with_thousands(j["events"].get<double>(), 0).c_str());
  auto row = [](const char* name, const json& i, const char* unit) {
    std::printf("  %-32s %.4g%s%s, 95 %% interval %.4g to %.4g\n", name, i["value"].get<double>(),
                *unit != 0 ? " " : "", unit, i["low"].get<double>(), i["high"].get<double>());
  };
  row("unavailability", a["unavailability"], "");
  const json& n = a["availability_nines"];
  if (n["value"].is_null())
    std::printf("  %-32s no IT loss seen\n", "availability");
  else if (n["high"].is_null())
    std::printf("  %-32s %.2f nines, 95 %% interval %.2f nines or more\n", "availability",
                n["value"].get<double>(), n["low"].get<double>());
  else
    std::printf("  %-32s %.2f nines, 95 %% interval %.2f to %.2f\n", "availability", n["value"].get<double>(),
                n["low"].get<double>(), n["high"].get<double>());
  row("IT downtime per year", a["it_downtime_min_per_year"], "min");
  row("IT-loss episodes per year", a["it_loss_episodes_per_year"], "");
  std::printf("  %-32s %.3f\n", "relative error (95 %)", a["relative_error"].get<double>());
  std::printf("  %-32s %s of %s cycles\n", "effective sample size",
              with_thousands(a["effective_sample_size"].get<double>(), 0).c_str(),
              with_thousands(a["cycles"].get<double>(), 0).c_str());
  print_episode_groups("IT downtime by first cause", a["by_first_cause"]);
  print_episode_groups("IT downtime by first cause's component", a["by_component"]);
  print_first_episodes(j["episodes"]["first"], a["estimator"] == "is");
  for (const auto& w : a["warnings"])
    std::printf("warning: %s\n", w.get<std::string>().c_str());
}

} // namespace aidcsim::cli
