// The facility's cooling plant: the racks' cooling loops (liquid or air), the facility water loop
// with its heat rejection units, and what every load draws (a rack its heat, a cooling load the
// heat it moves over its COP). It reads the power chain's state (which loads have power, which
// are restarting) and never changes it: thermal state changes go back to the facility.
//
// Coupling, and its one approximation: each rack loop sees the facility water exactly (its
// temperature and how fast it moves, so a loop's crossings stay closed forms); the water sees each
// running loop's heat quasi-statically, as the rack's heat, not the CDU's instantaneous transfer.
// Rack loops settle in tens of seconds (tau = C / G, about 28 s for an NVL72 loop), the water in
// minutes to hours, so the difference is the rack loops' change of stored heat: it is reported
// (WaterMetrics::coupling_residual_kwh), not hidden.
#pragma once

#include "models/power/load_metrics.hpp"
#include "models/power/power_chain.hpp"
#include "models/thermal/rack_loop.hpp"
#include "models/thermal/water_loop.hpp"

#include <optional>
#include <string>
#include <vector>

namespace aidcsim::power {

// What a rack's cooling loop did over the run.
struct CoolingMetrics {
  long throttle_events = 0;
  long shutdown_events = 0;
  double throttled_s = 0;
  double shutdown_s = 0;
  double peak_chip_c = 0;
  double peak_coolant_c = 0;
};

// What the facility water loop did over the run.
struct WaterMetrics {
  double peak_c = 0;
  double above_setpoint_s = 0; // the plant could not hold the supply temperature
  double rejected_kwh = 0;     // heat the plant took out of the water
  double received_kwh = 0;     // heat the water took in (the racks' heat, quasi-statically)
  // What the CDUs (or CRAH coils) really passed minus what the water received: the rack loops'
  // stored heat the quasi-static coupling does not hand on (see above).
  double coupling_residual_kwh = 0;
};

// A rack's chips changed thermal state (normal, throttled, shutdown).
struct ThermalChange {
  int rack; // load index
  thermal::RackLoop::State state;
  bool from_shutdown; // back from a thermal shutdown: the rack boots as after a power loss
};

class CoolingPlant {
public:
  CoolingPlant(const FacilitySpec& spec, const PowerGraph& graph, const PowerChain& chain);
  CoolingPlant(const CoolingPlant&) = delete; // the chain holds a reference
  CoolingPlant& operator=(const CoolingPlant&) = delete;

  // What a load draws now: an IT rack its heat (measured or declared, scaled by throttling); a
  // cooling load its load, or the heat it moves over its COP.
  double draw_kw(int load) const {
    const LoadSpec& l = spec_.loads[load];
    if (l.it()) // the hot path of every settle: kept inline
      return rack_heat_kw(load);
    if (l.cop <= 0 && l.capacity_kw <= 0)
      return l.load_kw;
    return cooling_draw_kw(load);
  }
  // The IT power of a rack as its SimGrid hosts report it; replaces the declared load times
  // throttling. measures_it_kw: that power is already the one in use (to a rounding).
  bool measures_it_kw(int load, double kw) const;
  void set_measured_it_kw(int load, double kw) { measured_it_kw_[load] = kw; }

  // The loops' inputs for the interval to come, from the chain as it stands.
  void update_inputs();
  // Every loop in its steady state under its current inputs (the start of the run).
  void start_at_equilibrium();
  // Integrates loops and water over dt. A rack shut down for heat while it has power is down for
  // service: that time is added to service_down_s[rack].
  void integrate(double dt, std::vector<LoadMetrics>& load_metrics);
  // Loops whose thermal state changed at this instant; their heat factors are applied.
  const std::vector<ThermalChange>& apply_thermal_states();
  double next_event_in() const;

  const std::vector<thermal::RackLoop>& loops() const { return loops_; }
  int cooled_rack(std::size_t loop) const { return loop_rack_[loop]; }
  bool pumps_off(std::size_t loop) const {
    return loop_pumps_[loop] >= 0 && !chain_.load_powered(loop_pumps_[loop]);
  }
  const std::optional<thermal::WaterLoop>& water() const { return water_; }
  const WaterMetrics& water_metrics() const { return water_metrics_; }
  const std::vector<CoolingMetrics>& cooling_metrics() const { return cooling_metrics_; }

private:
  void integrate_water(double dt);
  double rack_heat_kw(int load) const {
    return measured_it_kw_[load] >= 0 ? measured_it_kw_[load]
                                      : spec_.loads[load].load_kw * heat_factor_[load];
  }
  double cooling_draw_kw(int load) const; // a cooling load that follows the heat
  bool unit_running(int load) const;
  double plant_capacity_w() const;
  double water_heat_w() const;
  double plant_removal_w() const;

  const FacilitySpec& spec_;
  const PowerChain& chain_;
  std::vector<thermal::RackLoop> loops_;
  std::vector<int> loop_rack_, loop_pumps_; // load indices (-1: pumps always on)
  std::vector<int> rack_loop_;              // per load: its loop, or -1
  std::vector<double> heat_factor_;         // per load: 1, the throttled fraction, or 0 when shut down
  std::vector<double> measured_it_kw_;      // per load: from the SimGrid hosts; -1: declared
  std::optional<thermal::WaterLoop> water_;
  std::vector<int> plant_units_;         // loads that reject heat from the facility water (capacity > 0)
  std::vector<std::vector<int>> served_; // per cooling load with a COP: the IT loads it serves
  WaterMetrics water_metrics_;
  std::vector<CoolingMetrics> cooling_metrics_;
  std::vector<ThermalChange> changes_;
};

inline double PowerChain::draw_kw(int load) const {
  return draws_->draw_kw(load);
}

} // namespace aidcsim::power
