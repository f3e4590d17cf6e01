// What the run records of the power chain as it goes: each load's unpowered and down time, the
// facility's energy for PUE, and outage episodes with yearly IT downtime (outage_recorder.hpp).
// It reads the chain and never changes it.
#pragma once

#include "engine/base/compensated_sum.hpp"
#include "models/power/load_metrics.hpp"
#include "models/power/outage_recorder.hpp"
#include "models/power/power_chain.hpp"

#include <vector>

namespace aidcsim::power {

// Energy over the run, for PUE: what the sources delivered (recharging batteries included), what
// the batteries gave and were not yet refilled with by the end, what IT and cooling drew; the rest
// was lost in conversion (UPS, battery round trip).
struct FacilityEnergy {
  // Compensated: the balance supplied = IT + cooling + losses must close over any run length.
  CompensatedSum source_kwh;
  double storage_drawdown_kwh = 0; // battery energy (at the UPS input) not yet recharged at the end
  CompensatedSum it_kwh;
  CompensatedSum cooling_kwh; // every load that is not IT
  // What utility feeds and on-site plants delivered inside the metered daily window (a tariff's
  // peak hours; Facility::meter_window), at the interval's flows; 0 without a window.
  CompensatedSum bought_in_window_kwh;
  double supplied_kwh() const { return source_kwh + storage_drawdown_kwh; }
  double pue() const { return it_kwh > 0 ? supplied_kwh() / it_kwh : 0.0; }
};

class MetricsRecorder {
public:
  explicit MetricsRecorder(std::size_t loads) : loads_(loads) {}

  // What the loads drew and missed over [chain.now(), t], at the chain's constant state.
  void integrate_loads(const PowerChain& chain, double t);
  // The loads that lost power in the chain's last settle.
  void count_power_losses(const std::vector<LoadChange>& changes);
  // The chain as it stands after a settle, for the outage episodes.
  void observe(const PowerChain& chain) { outages_.observe(chain.outage_signs(), chain.it_powered()); }
  // The end of the run at the chain's now: storage not yet refilled, an open episode, the years.
  void finish(const PowerChain& chain);

  // The components and the cooling plant add their parts of these as they integrate.
  FacilityEnergy& energy() { return energy_; }
  std::vector<LoadMetrics>& load_metrics() { return loads_; }
  const FacilityEnergy& energy() const { return energy_; }
  const std::vector<LoadMetrics>& load_metrics() const { return loads_; }
  const OutageOutcomes& outcomes() const { return outages_.outcomes(); }
  const YearlySamples& yearly_it_downtime_min() const { return outages_.yearly_it_downtime_min(); }
  const OutageRecorder& outages() const { return outages_; }

private:
  std::vector<LoadMetrics> loads_;
  FacilityEnergy energy_;
  OutageRecorder outages_;
  // The loads as of the chain's load_states_epoch (power_chain.hpp): the racks powered and not
  // booting draw the chain's steady_it_kw together; the others (cooling loads, whose draw may follow
  // the water, and racks unpowered or booting) are integrated one by one. A run of many racks
  // integrates in the time of its few other loads, not of its racks.
  long epoch_ = -1;
  std::vector<int> each_;
  int it_down_ = 0;
  void refresh(const PowerChain& chain);
};

} // namespace aidcsim::power
