#include "models/power/onsite_plant.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

OnsitePlant::OnsitePlant(const OnsitePlantSpec& spec, double design_kw, RandomStream rng)
    : spec_(spec), design_kw_(design_kw > 0 ? design_kw : spec.unit_rating_kw), rng_(rng),
      units_(static_cast<std::size_t>(spec.units)), fuel_s_(spec.fuel_tank_s) {
  for (std::size_t i = 0; i < units_.size(); ++i)
    if (spec_.maintenance_interval_s > 0 && spec_.maintenance_duration_s > 0)
      units_[i].maintenance_due = spec_.maintenance_interval_s * static_cast<double>(i + 1) / units_.size();
  const double curtailment_rate = spec_.pipeline_interruptions.rate_per_s;
  if (spec_.fuel == OnsitePlantSpec::Fuel::pipeline && curtailment_rate > 0)
    curtailment_at_ = rng_.next_arrival(0, curtailment_rate);
  if (spec_.role != OnsitePlantSpec::Role::prime)
    return;
  // A prime plant has been running before the run starts: every unit on line at time 0.
  demanded_ = true;
  if (spec_.fuel == OnsitePlantSpec::Fuel::tank && spec_.refuel_lead_time_s > 0)
    next_delivery_ = spec_.refuel_lead_time_s;
  for (auto& u : units_) {
    u.state = UnitState::running;
    u.at = rng_.next_arrival(0, spec_.fail_while_running_per_s);
  }
  running_ = spec_.units;
}

void OnsitePlant::attempt(Unit& u, double now) {
  u.start_fails = spec_.fail_to_start > 0 && rng_.uniform01() < spec_.fail_to_start;
  u.state = UnitState::starting;
  // A failed attempt shows when the unit should synchronize; a good one carries load after its
  // load acceptance too (taken as one step at the end: conservative for the UPS).
  u.at = now + spec_.start_s + (u.start_fails ? 0.0 : spec_.load_acceptance_s);
}

void OnsitePlant::start_unit(Unit& u, double now) {
  u.attempts_left = spec_.start_attempts;
  attempt(u, now);
}

void OnsitePlant::finish_start(Unit& u, double now) {
  if (u.start_fails) {
    ++failed_attempts_;
    if (--u.attempts_left > 0) {
      u.state = UnitState::waiting_retry;
      u.at = now + spec_.retry_delay_s;
    } else { // it will not start: repaired like a unit that failed running
      u.state = UnitState::repair;
      u.at = now + spec_.repair.sample(rng_);
    }
    return;
  }
  ++starts_;
  ++running_;
  u.state = UnitState::running;
  u.at = rng_.next_arrival(now, spec_.fail_while_running_per_s);
}

void OnsitePlant::unit_transition(Unit& u, double now) {
  switch (u.state) {
  case UnitState::starting:
    finish_start(u, now);
    return;
  case UnitState::waiting_retry:
    attempt(u, now);
    return;
  case UnitState::running: // a forced outage
    ++unit_failures_;
    --running_;
    u.state = UnitState::repair;
    u.at = now + spec_.repair.sample(rng_);
    return;
  case UnitState::repair:
  case UnitState::maintenance:
  case UnitState::stopped: // back in service; start_available() starts it if the plant is demanded
    u.state = UnitState::stopped;
    u.at = never;
    return;
  }
}

void OnsitePlant::set_demand(bool demanded, double now) {
  if (demanded == demanded_)
    return;
  demanded_ = demanded;
  if (demanded) {
    if (spec_.fuel == OnsitePlantSpec::Fuel::tank && spec_.refuel_lead_time_s > 0)
      next_delivery_ = now + spec_.refuel_lead_time_s;
    start_available(now);
    return;
  }
  trip_all();
  // Stopped between demands: the tank is topped up before the next one.
  fuel_s_ = spec_.fuel_tank_s;
  tank_empty_ = false;
  next_delivery_ = never;
}

void OnsitePlant::integrate(double dt_s, double output_kw) {
  if (dt_s <= 0)
    return;
  for (const auto& u : units_) {
    unit_repair_s_ += u.state == UnitState::repair ? dt_s : 0.0;
    unit_maintenance_s_ += u.state == UnitState::maintenance ? dt_s : 0.0;
  }
  if (running_ == 0)
    return;
  unit_run_s_ += running_ * dt_s;
  energy_kwh_ += output_kw * dt_s / 3600.0;
  if (spec_.fuel == OnsitePlantSpec::Fuel::tank) {
    const double burn = dt_s * output_kw / design_kw_;
    fuel_used_s_ += burn;
    fuel_s_ = std::max(0.0, fuel_s_ - burn);
  }
}

void OnsitePlant::trip_all() {
  for (auto& u : units_)
    if (u.state == UnitState::starting || u.state == UnitState::waiting_retry ||
        u.state == UnitState::running) {
      u.state = UnitState::stopped;
      u.at = never;
    }
  running_ = 0;
}

// Curtailments of the pipeline (an alternating process: a constant rate while gas flows, a drawn
// duration), deliveries to the tank, and the tank running dry.
void OnsitePlant::process_fuel(double now) {
  if (curtailment_at_ <= now) {
    curtailed_ = !curtailed_;
    if (curtailed_) {
      ++fuel_interruptions_;
      trip_all();
      curtailment_at_ = now + spec_.pipeline_interruptions.duration.sample(rng_);
    } else {
      curtailment_at_ = rng_.next_arrival(now, spec_.pipeline_interruptions.rate_per_s);
    }
  }
  if (spec_.fuel != OnsitePlantSpec::Fuel::tank)
    return;
  if (demanded_ && next_delivery_ <= now) {
    fuel_s_ = spec_.fuel_tank_s;
    tank_empty_ = false;
    next_delivery_ = now + spec_.refuel_lead_time_s;
  }
  // (A relative tolerance: integrating to the computed empty time may leave a rounding residue.)
  if (running_ > 0 && fuel_s_ <= 1e-9 * spec_.fuel_tank_s) {
    tank_empty_ = true;
    ++fuel_interruptions_;
    trip_all();
  }
}

// The units that keep the plant going without `except`: running ones while it is demanded (a
// starting unit carries nothing yet), available ones (not in repair or maintenance) while idle.
int OnsitePlant::units_besides(const Unit& except) const {
  int n = 0;
  for (const auto& u : units_) {
    if (&u == &except)
      continue;
    n += demanded_ ? (u.state == UnitState::running ? 1 : 0)
                   : (u.state == UnitState::repair || u.state == UnitState::maintenance ? 0 : 1);
  }
  return n;
}

// Due units go out while the others still make N; a plant without a spare unit takes its
// maintenance when due all the same (the grid, or whatever backs it, carries meanwhile).
void OnsitePlant::start_maintenance(double now) {
  for (auto& u : units_) {
    if (u.maintenance_due > now || (u.state != UnitState::stopped && u.state != UnitState::running))
      continue;
    if (units_besides(u) < spec_.units_needed && spec_.units > spec_.units_needed)
      continue;
    running_ -= u.state == UnitState::running ? 1 : 0;
    ++maintenance_outages_;
    u.state = UnitState::maintenance;
    u.at = now + spec_.maintenance_duration_s;
    u.maintenance_due += spec_.maintenance_interval_s; // the calendar holds: a deferral shifts one outage
  }
}

void OnsitePlant::start_available(double now) {
  if (!demanded_ || !fuel_available())
    return;
  for (auto& u : units_)
    if (u.state == UnitState::stopped)
      start_unit(u, now);
}

bool OnsitePlant::process(double now) {
  const int before = running_;
  process_fuel(now);
  for (auto& u : units_)
    if (u.at <= now)
      unit_transition(u, now);
  start_maintenance(now);
  start_available(now);
  return running_ != before;
}

double OnsitePlant::next_event_time(double now, double output_kw) const {
  double t = curtailment_at_;
  for (const auto& u : units_) {
    t = std::min(t, u.at);
    if (u.maintenance_due > now) // a unit already due waits for another unit's return, an event
      t = std::min(t, u.maintenance_due);
  }
  if (spec_.fuel == OnsitePlantSpec::Fuel::tank) {
    if (demanded_)
      t = std::min(t, next_delivery_);
    if (running_ > 0 && output_kw > 0)
      t = std::min(t, now + fuel_s_ * design_kw_ / output_kw);
  }
  return t;
}

} // namespace aidcsim::power
