#include "models/cost/run_cost.hpp"

#include <stdexcept>

namespace aidcsim::cost {

AnnualCost annual_cost(const Capex& capex, const RunMeasures& run, const CostSpec& costs) {
  if (!(run.years > 0))
    throw std::invalid_argument("annual_cost: a run of no length has no yearly cost");
  AnnualCost a;
  a.capital = capex.annual_capital_usd(costs);
  a.maintenance = capex.annual_maintenance_usd(costs);
  const double per_year = 1 / run.years;
  const double peak_kwh = costs.time_of_use() ? run.bought_peak_kwh : 0.0;
  a.energy =
      ((run.bought_kwh - peak_kwh) * costs.energy_usd_per_kwh + peak_kwh * costs.peak_usd_per_kwh) * per_year;
  a.fuel = run.genset_kwh * costs.genset_fuel_usd_per_kwh * per_year;
  a.downtime = (costs.downtime_value == DowntimeValue::tokens
                    ? run.lost_million_tokens * costs.usd_per_million_tokens
                    : run.lost_accelerator_hours * costs.accelerator_hour_usd) *
               per_year;
  a.slo_penalty = run.below_slo_hours * costs.slo_penalty_usd_per_hour * per_year;
  return a;
}

} // namespace aidcsim::cost
