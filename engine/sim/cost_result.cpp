#include "engine/sim/cost_result.hpp"

#include "engine/base/units.hpp"
#include "engine/sim/simulation.hpp"
#include "models/power/daily_window.hpp"
#include "models/workload/ai_workload.hpp"

#include <algorithm>

namespace aidcsim {
namespace {

double metric_or_zero(const FacilityResult& f, std::string_view key) {
  if (!f.present)
    return 0;
  return f.value(key).value_or(0);
}

double lost_hours_of(const TrainingResult& job, const char* cause) {
  const auto it = job.lost_accelerator_hours.find(cause);
  return it != job.lost_accelerator_hours.end() ? it->second : 0;
}

double rack_design_kw(const power::FacilitySpec& spec) {
  double kw = 0;
  for (const power::LoadSpec& l : spec.loads)
    if (l.kind == power::LoadKind::rack)
      kw += l.load_kw;
  return kw;
}

} // namespace

double facility_lost_accelerator_hours(std::size_t accelerators, const FacilityResult& facility,
                                       const AiResult& ai) {
  if (ai.training)
    return lost_hours_of(ai.job, workload::rack_power_cause) +
           lost_hours_of(ai.job, workload::thermal_shutdown_cause);
  return metric_or_zero(facility, "it_service_downtime_min") / 60 * static_cast<double>(accelerators) +
         metric_or_zero(facility, "cooling.shutdown_accelerator_hours");
}

std::optional<std::pair<double, double>>
downtime_interval(double downtime_usd, const FacilityResult& facility, const AiResult& ai) {
  if (ai.training || !facility.present)
    return std::nullopt;
  const std::optional<double> se = facility.value("it_downtime_standard_error_min_per_year");
  const double mean = facility.value("it_downtime_min_per_year").value_or(0);
  if (!se)
    return std::nullopt;
  if (mean <= 0)
    return std::pair{downtime_usd, downtime_usd}; // no downtime in any year
  const double half = 1.96 * *se / mean * downtime_usd;
  return std::pair{std::max(0.0, downtime_usd - half), downtime_usd + half};
}

CostResult cost_result(const Scenario& scenario, const power::PowerGraph* graph,
                       const std::vector<cost::ChipCount>& accelerators, double simulated_time_s,
                       double it_energy_kwh, const FacilityResult& facility, const AiResult& ai) {
  CostResult c;
  c.present = simulated_time_s > 0;
  if (!c.present)
    return c;
  const cost::CostSpec& prices = scenario.cost;
  const std::vector<double> design_kw =
      graph != nullptr ? graph->design_load_kw(scenario.facility) : std::vector<double>{};
  c.capex = cost::facility_capex(scenario.facility, design_kw, accelerators, prices);
  c.it_design_kw = rack_design_kw(scenario.facility);

  std::size_t count = 0;
  for (const cost::ChipCount& a : accelerators)
    count += static_cast<std::size_t>(a.count);
  cost::RunMeasures& m = c.measures;
  m.years = simulated_time_s / units::seconds_per_year;
  // Without a facility only the IT energy is known (no cooling, no losses).
  m.genset_kwh = metric_or_zero(facility, "genset_energy_kwh");
  m.bought_kwh =
      facility.present ? metric_or_zero(facility, "energy.source_kwh") - m.genset_kwh : it_energy_kwh;
  // Without a facility nothing is metered by the hour: the IT energy is spread evenly over the day.
  m.bought_peak_kwh =
      facility.present
          ? facility.bought_in_window_kwh
          : it_energy_kwh *
                power::seconds_in_window(0, simulated_time_s, {prices.peak_from_s, prices.peak_to_s}) /
                simulated_time_s;
  m.lost_accelerator_hours = facility_lost_accelerator_hours(count, facility, ai);
  if (ai.training && ai.job.accelerators > 0)
    m.lost_million_tokens =
        m.lost_accelerator_hours * units::seconds_per_hour * ai.job.tokens_per_s / ai.job.accelerators / 1e6;
  if (ai.inference)
    m.below_slo_hours = ai.service.below_slo_min / 60;
  c.annual = cost::annual_cost(c.capex, m, prices);
  c.downtime_ci95 = downtime_interval(c.annual.downtime, facility, ai);
  if (ai.training && ai.job.tokens_trained > 0)
    c.usd_per_million_tokens = c.annual.total() / (ai.job.tokens_trained / 1e6 / m.years);
  return c;
}

} // namespace aidcsim
