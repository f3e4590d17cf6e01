// What a run's design costs and what its outages cost (models/cost/): the capital of its facility
// and platform, and a year of ownership from the energy, fuel and lost service the run measured.
#pragma once

#include "engine/input/scenario.hpp"
#include "engine/sim/ai_result.hpp"
#include "models/cost/run_cost.hpp"
#include "models/power/power_graph.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace aidcsim {

struct FacilityResult;

struct CostResult {
  bool present = false;
  cost::Capex capex;
  cost::RunMeasures measures;
  cost::AnnualCost annual;
  double it_design_kw = 0; // the racks' design load: the capital per kW of IT divides by it
  // Total yearly cost over the tokens a training job trained in a year; absent without a job.
  std::optional<double> usd_per_million_tokens;
  // The 95 % interval of the yearly downtime cost, from the run's own years (downtime_interval).
  std::optional<std::pair<double, double>> downtime_ci95;
};

// `graph`: the facility's, or nullptr without one; `accelerators`: the platform's by chip.
CostResult cost_result(const Scenario& scenario, const power::PowerGraph* graph,
                       const std::vector<cost::ChipCount>& accelerators, double simulated_time_s,
                       double it_energy_kwh, const FacilityResult& facility, const AiResult& ai);

// A run of two whole years or more without a training job: the downtime cost's 95 % interval,
// 1.96 standard errors of the yearly IT downtime, relative to its mean, around the cost (the boot
// time each episode adds moves with the episodes). A job's losses have no yearly samples.
std::optional<std::pair<double, double>>
downtime_interval(double downtime_usd, const FacilityResult& facility, const AiResult& ai);

// The accelerator-hours the facility took from the run: a training job's hours lost to rack power
// and thermal shutdowns (the whole job stops for one rack), else the racks' service downtime and
// shut-down hours over every accelerator.
double facility_lost_accelerator_hours(std::size_t accelerators, const FacilityResult& facility,
                                       const AiResult& ai);

} // namespace aidcsim
