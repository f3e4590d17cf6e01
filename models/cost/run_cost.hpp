// A design's cost of ownership for one year: its capital annualised over each item's life, the
// items' upkeep, the energy and fuel the run drew, and the value of the service its outages lost,
// all scaled from the run's length to a year (a run of a week stands for 52 such weeks).
#pragma once

#include "models/cost/cost_spec.hpp"
#include "models/cost/facility_capex.hpp"

namespace aidcsim::cost {

// What a run measured, over its whole length.
struct RunMeasures {
  double years = 0;                  // the run's length
  double bought_kwh = 0;             // from utility feeds and on-site plants (PUE included)
  double bought_peak_kwh = 0;        // of which in a time-of-use tariff's peak hours
  double genset_kwh = 0;             // delivered by genset plants
  double lost_accelerator_hours = 0; // taken by the facility's outages and thermal shutdowns
  double lost_million_tokens = 0;    // the tokens a training job did not train in those hours
  double below_slo_hours = 0;        // an inference service below its SLO capacity
};

// US dollars a year.
struct AnnualCost {
  double capital = 0, maintenance = 0, energy = 0, fuel = 0, downtime = 0, slo_penalty = 0;
  double operating() const { return maintenance + energy + fuel; }
  double design() const { return capital + operating(); } // what the design costs, before its losses
  double total() const { return design() + downtime + slo_penalty; }
};

// Throws std::invalid_argument for a run of no length.
AnnualCost annual_cost(const Capex& capex, const RunMeasures& run, const CostSpec& costs);

} // namespace aidcsim::cost
