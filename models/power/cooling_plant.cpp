#include "models/power/cooling_plant.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aidcsim::power {
namespace {
constexpr double never = std::numeric_limits<double>::infinity();
constexpr double tolerance_k = 1e-9;
} // namespace

CoolingPlant::CoolingPlant(const FacilitySpec& spec, const PowerGraph& graph, const PowerChain& chain)
    : spec_(spec), chain_(chain) {
  heat_factor_.assign(spec_.loads.size(), 1.0);
  measured_it_kw_.assign(spec_.loads.size(), -1.0);
  for (const auto& c : spec_.cooling_loops) {
    const int rack = graph.node(graph.index_of(c.rack)).index;
    thermal::RackLoopSpec loop = c.loop;
    loop.design_heat_w = spec_.loads[rack].load_kw * 1e3;
    const double water_c = spec_.facility_water ? spec_.facility_water->supply_c : c.facility_water_c;
    loops_.emplace_back(loop, water_c);
    loop_rack_.push_back(rack);
    loop_pumps_.push_back(c.pumps.empty() ? -1 : graph.node(graph.index_of(c.pumps)).index);
  }
  cooling_metrics_.assign(loops_.size(), {});
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    served_.push_back(spec_.served_racks(l));
  rack_loop_.assign(spec_.loads.size(), -1);
  for (std::size_t i = 0; i < loop_rack_.size(); ++i)
    rack_loop_[loop_rack_[i]] = static_cast<int>(i);
  if (spec_.facility_water) {
    water_.emplace(*spec_.facility_water);
    for (std::size_t l = 0; l < spec_.loads.size(); ++l)
      if (spec_.loads[l].capacity_kw > 0)
        plant_units_.push_back(static_cast<int>(l));
  }
}

bool CoolingPlant::measures_it_kw(int load, double kw) const {
  return measured_it_kw_[load] >= 0 && std::fabs(measured_it_kw_[load] - kw) <= 1e-12 * std::max(1.0, kw);
}

bool CoolingPlant::unit_running(int load) const {
  return chain_.load_powered(load) && !chain_.booting(load);
}

double CoolingPlant::plant_capacity_w() const {
  double w = 0;
  for (int u : plant_units_)
    if (unit_running(u))
      w += spec_.loads[u].capacity_kw * 1e3;
  return w;
}

// Heat reaching the facility water: every powered rack whose loop pumps run (its heat, quasi-
// statically), and racks without a loop of their own.
double CoolingPlant::water_heat_w() const {
  double w = 0;
  for (int l : chain_.it_loads()) {
    if (!chain_.load_powered(l))
      continue;
    const int i = rack_loop_[l];
    if (i >= 0 && pumps_off(i))
      continue;
    w += rack_heat_kw(l) * 1e3;
  }
  return w;
}

// What the plant takes out of the water now: all the heat while it holds the setpoint, otherwise
// its whole running capacity (it is warming, or cooling back down).
double CoolingPlant::plant_removal_w() const {
  const double heat = water_heat_w(), capacity = plant_capacity_w();
  const bool held = water_->temp_c() <= water_->spec().supply_c + tolerance_k && capacity >= heat;
  return held ? heat : capacity;
}

double CoolingPlant::cooling_draw_kw(int load) const {
  const LoadSpec& l = spec_.loads[load];
  if (l.capacity_kw > 0 && water_) { // a heat rejection unit on the facility water loop
    if (!unit_running(load))
      return 0.0; // restarting: controls only
    if (l.cop <= 0)
      return l.load_kw;
    const double total = plant_capacity_w();
    return total > 0 ? plant_removal_w() * (l.capacity_kw * 1e3 / total) / 1e3 / l.cop : 0.0;
  }
  if (l.cop <= 0)
    return l.load_kw;
  double heat_kw = 0;
  for (int r : served_[load])
    if (chain_.load_powered(r))
      heat_kw += rack_heat_kw(r);
  return heat_kw / l.cop;
}

// The loops' inputs for the interval to come: the rack's heat (what it draws, nothing when it has
// no power), whether its CDU pumps (or CRAH fans) have power, and the facility water.
void CoolingPlant::update_inputs() {
  double water_c = 0, water_rate = 0;
  if (water_) {
    water_->set_inputs(water_heat_w(), plant_capacity_w());
    water_c = water_->temp_c();
    water_rate = water_->rate_k_per_s();
  }
  for (std::size_t i = 0; i < loops_.size(); ++i) {
    const int rack = loop_rack_[i];
    const double heat_w = chain_.load_powered(rack) ? rack_heat_kw(rack) * 1e3 : 0.0;
    const bool pumps = !pumps_off(i);
    if (water_)
      loops_[i].set_inputs(heat_w, pumps, water_c, water_rate);
    else
      loops_[i].set_inputs(heat_w, pumps, spec_.cooling_loops[i].facility_water_c);
  }
}

void CoolingPlant::start_at_equilibrium() {
  update_inputs();
  for (std::size_t i = 0; i < loops_.size(); ++i) {
    loops_[i].start_at_equilibrium();
    cooling_metrics_[i].peak_chip_c = loops_[i].chip_c();
    cooling_metrics_[i].peak_coolant_c = loops_[i].coolant_c();
  }
}

void CoolingPlant::integrate_water(double dt) {
  const double removed = water_->heat_removed_j(), received = water_->heat_in_j();
  if (!water_->held())
    water_metrics_.above_setpoint_s += dt;
  water_->advance(dt);
  water_metrics_.peak_c = std::max(water_metrics_.peak_c, water_->temp_c());
  water_metrics_.rejected_kwh += (water_->heat_removed_j() - removed) / 3.6e6;
  water_metrics_.received_kwh += (water_->heat_in_j() - received) / 3.6e6;
  water_metrics_.coupling_residual_kwh -= (water_->heat_in_j() - received) / 3.6e6;
}

void CoolingPlant::integrate(double dt, std::vector<LoadMetrics>& load_metrics) {
  double passed_j = 0; // by the loops' heat exchangers, exactly
  if (water_)
    integrate_water(dt);
  for (std::size_t i = 0; i < loops_.size(); ++i) {
    const double before = loops_[i].coolant().heat_removed_j();
    // The peak over the interval (the chips sit a constant rise above the coolant within it).
    const double top = loops_[i].coolant().max_within(dt);
    CoolingMetrics& m = cooling_metrics_[i];
    m.peak_coolant_c = std::max(m.peak_coolant_c, top);
    m.peak_chip_c = std::max(m.peak_chip_c, top + loops_[i].chip_rise_k());
    loops_[i].advance(dt);
    passed_j += loops_[i].coolant().heat_removed_j() - before;
    const int rack = loop_rack_[i];
    if (!chain_.load_powered(rack)) // without power the rack is down for another reason
      continue;
    if (loops_[i].state() == thermal::RackLoop::State::throttled)
      m.throttled_s += dt;
    else if (loops_[i].state() == thermal::RackLoop::State::shutdown) {
      m.shutdown_s += dt;
      load_metrics[rack].service_down_s += dt; // powered, but not running
    }
  }
  if (water_) {
    for (int l : chain_.it_loads()) // racks without a loop of their own pass their heat straight on
      if (rack_loop_[l] < 0 && chain_.load_powered(l))
        passed_j += rack_heat_kw(l) * 1e3 * dt;
    water_metrics_.coupling_residual_kwh += passed_j / 3.6e6;
  }
}

const std::vector<ThermalChange>& CoolingPlant::apply_thermal_states() {
  changes_.clear();
  for (std::size_t i = 0; i < loops_.size(); ++i) {
    if (!loops_[i].update_state())
      continue;
    const auto state = loops_[i].state();
    const int rack = loop_rack_[i];
    const bool was_shutdown = heat_factor_[rack] == 0.0;
    heat_factor_[rack] = state == thermal::RackLoop::State::normal ? 1.0
                         : state == thermal::RackLoop::State::throttled
                             ? spec_.cooling_loops[i].throttled_heat_fraction
                             : 0.0;
    if (state == thermal::RackLoop::State::throttled)
      ++cooling_metrics_[i].throttle_events;
    if (state == thermal::RackLoop::State::shutdown)
      ++cooling_metrics_[i].shutdown_events;
    changes_.push_back({rack, state, was_shutdown && state != thermal::RackLoop::State::shutdown});
  }
  return changes_;
}

double CoolingPlant::next_event_in() const {
  double dt = never;
  for (const auto& loop : loops_)
    dt = std::min(dt, loop.time_until_next_threshold());
  if (water_)
    dt = std::min(dt, water_->time_until_held());
  return dt;
}

} // namespace aidcsim::power
