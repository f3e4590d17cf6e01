#include "models/power/genset_plant.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

GensetPlant::GensetPlant(const GensetPlantSpec& spec, double design_kw, RandomStream rng)
    : spec_(spec), design_kw_(design_kw > 0 ? design_kw : spec.unit_rating_kw), rng_(rng),
      start_bias_(spec.fail_to_start * (1 - spec.common_cause_beta)),
      run_bias_(spec.fail_while_running_per_s * (1 - spec.common_cause_beta)),
      common_start_(spec.fail_to_start * spec.common_cause_beta),
      common_run_(spec.fail_while_running_per_s * spec.common_cause_beta),
      units_(static_cast<std::size_t>(spec.units)), fuel_s_(spec.fuel_tank_s) {}

void GensetPlant::attempt_start(Unit& u, double now) {
  bool fails = false;
  if (u.forced) {
    fails = true;
  } else if (forced_attempts_ > 0) {
    --forced_attempts_;
    fails = true;
  } else {
    fails = start_bias_.fails(rng_);
  }
  u.state = UnitState::starting;
  u.start_fails = fails;
  u.at = now + spec_.start_delay_s; // success or failure shows after the start sequence
}

void GensetPlant::set_demand(bool demanded, double now) {
  if (demanded == demanded_)
    return;
  run_bias_.expose(now, running_);
  common_run_.expose(now, running_ > 0 ? 1 : 0);
  demanded_ = demanded;
  if (demanded) {
    if (spec_.refuel_lead_time_s > 0 && spec_.fuel_tank_s > 0)
      next_delivery_ = now + spec_.refuel_lead_time_s;
    if (out_of_fuel_)
      return;
    // A common-cause start failure (no draw without one): every unit fails every attempt.
    const bool common = common_start_.fails(rng_);
    common_cause_events_ += common ? 1 : 0;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      units_[i].forced = static_cast<int>(i) < forced_units_ || common;
      units_[i].attempts_left = spec_.start_attempts;
      attempt_start(units_[i], now);
    }
    forced_units_ = 0;
    return;
  }
  for (auto& u : units_) {
    u.state = UnitState::stopped;
    u.at = never;
    u.forced = false;
  }
  running_ = 0;
  tripped_ = false;
  common_run_at_ = never;
  fuel_s_ = spec_.fuel_tank_s;
  out_of_fuel_ = false;
  next_delivery_ = never;
}

void GensetPlant::trip(double now) {
  if (running_ == 0)
    return;
  run_bias_.expose(now, running_);
  common_run_.expose(now, 1);
  ++trips_;
  // A new demand on the units that ran: a common-cause start failure and a scheduled failure to
  // start apply as on any demand (set_demand).
  const bool common = common_start_.fails(rng_);
  common_cause_events_ += common ? 1 : 0;
  int forced = forced_units_;
  for (auto& u : units_)
    if (u.state == UnitState::running) {
      u.forced = forced-- > 0 || common;
      u.attempts_left = spec_.start_attempts;
      attempt_start(u, now);
    }
  forced_units_ = 0;
  running_ = 0;
  common_run_at_ = never; // nothing running for a common cause to stop
  tripped_ = true;
}

void GensetPlant::integrate(double dt_s, double output_kw) {
  if (dt_s <= 0 || running_ == 0)
    return;
  unit_run_s_ += running_ * dt_s;
  energy_kwh_ += output_kw * dt_s / 3600.0;
  if (spec_.fuel_tank_s > 0) {
    const double burn = dt_s * output_kw / design_kw_;
    fuel_used_s_ += burn;
    fuel_s_ = std::max(0.0, fuel_s_ - burn);
  }
}

void GensetPlant::refill_and_resume(double now) {
  fuel_s_ = spec_.fuel_tank_s;
  next_delivery_ = now + spec_.refuel_lead_time_s;
  if (out_of_fuel_) {
    out_of_fuel_ = false;
    for (auto& u : units_)
      if (u.state == UnitState::stopped) {
        u.attempts_left = spec_.start_attempts;
        attempt_start(u, now);
      }
  }
}

// A start sequence ends: the unit runs (and its time to failure is drawn), or the attempt failed
// and it retries while attempts remain.
void GensetPlant::finish_start(Unit& u, double now) {
  if (u.start_fails) {
    ++failed_attempts_;
    if (--u.attempts_left > 0) {
      u.state = UnitState::waiting_retry;
      u.at = now + spec_.retry_delay_s;
    } else {
      fail_unit(u, now, false);
    }
    return;
  }
  ++starts_;
  ++running_;
  u.state = UnitState::running;
  u.at = rng_.next_arrival(now, run_bias_.drawn_per_s());
}

// While any unit runs (memoryless: redrawn when the first starts or the rate changes); no draw
// without a common cause.
void GensetPlant::draw_common_run(double now) {
  common_run_at_ = common_run_.rate_per_s() > 0 && running_ > 0
                       ? rng_.next_arrival(now, common_run_.drawn_per_s())
                       : never;
}

void GensetPlant::common_run_failure(double now) {
  ++common_cause_events_;
  common_run_.failed();
  for (auto& u : units_)
    if (u.state == UnitState::running) {
      ++run_failures_;
      --running_;
      fail_unit(u, now, true);
    }
  common_run_at_ = never;
}

void GensetPlant::fail_unit(Unit& u, double now, bool was_running) {
  u.state = UnitState::failed;
  u.failed_running = was_running;
  u.at = repairs() ? now + spec_.unit_repair.sample(rng_) : never;
}

double GensetPlant::repair_rate_per_s() const {
  if (!repairs())
    return 0.0;
  int repairing = 0;
  for (const Unit& u : units_)
    repairing += u.state == UnitState::failed && u.at < never ? 1 : 0;
  return repairing / spec_.unit_repair.mean_s();
}

double GensetPlant::bias_rate_per_s(double now) const {
  if (!repairs())
    return 0.0;
  const double per_repair = 1 / spec_.unit_repair.mean_s();
  double rate = 0;
  for (const Unit& u : units_)
    if (u.state == UnitState::failed && u.at < never)
      rate += u.at > now ? std::min(per_repair, 1 / (u.at - now)) : per_repair;
  return rate;
}

bool GensetPlant::process(double now) {
  const int before = running_;
  run_bias_.expose(now, running_);
  common_run_.expose(now, running_ > 0 ? 1 : 0);
  if (common_run_at_ <= now)
    common_run_failure(now);
  if (demanded_ && next_delivery_ <= now)
    refill_and_resume(now);
  for (auto& u : units_) {
    if (u.at > now)
      continue;
    switch (u.state) {
    case UnitState::starting:
      finish_start(u, now);
      break;
    case UnitState::waiting_retry:
      attempt_start(u, now);
      break;
    case UnitState::running:
      ++run_failures_;
      run_bias_.failed();
      --running_;
      fail_unit(u, now, true);
      break;
    case UnitState::failed: // repaired while demanded: it starts again (after the next delivery
                            // when the tank is empty)
      u.forced = false;
      u.attempts_left = spec_.start_attempts;
      if (demanded_ && !out_of_fuel_)
        attempt_start(u, now);
      else
        u.state = UnitState::stopped, u.at = never;
      break;
    case UnitState::stopped:
      u.at = never;
      break;
    }
  }
  // Fuel exhaustion: every running unit stops until the next delivery.
  // (A relative tolerance: integrating to the computed empty time may leave a rounding residue.)
  if (spec_.fuel_tank_s > 0 && running_ > 0 && fuel_s_ <= 1e-9 * spec_.fuel_tank_s) {
    out_of_fuel_ = true;
    for (auto& u : units_)
      if (u.state == UnitState::running || u.state == UnitState::starting ||
          u.state == UnitState::waiting_retry) {
        u.state = UnitState::stopped;
        u.at = never;
      }
    running_ = 0;
  }
  if (running_ == 0)
    common_run_at_ = never; // nothing running for a common cause to stop
  else if (common_run_at_ == never)
    draw_common_run(now);
  tripped_ = tripped_ && running_ == 0;
  return running_ != before;
}

double GensetPlant::next_event_time(double now, double output_kw) const {
  double t = never;
  for (const auto& u : units_)
    t = std::min(t, u.at);
  t = std::min(t, common_run_at_);
  if (demanded_)
    t = std::min(t, next_delivery_);
  if (spec_.fuel_tank_s > 0 && running_ > 0 && output_kw > 0)
    t = std::min(t, now + fuel_s_ * design_kw_ / output_kw);
  return t;
}

void GensetPlant::set_failure_bias(const FailureBias& bias, double now) {
  start_bias_.set(bias);
  common_start_.set(bias);
  if (common_run_.set(bias, now, running_ > 0 ? 1 : 0) && running_ > 0)
    draw_common_run(now);
  if (!run_bias_.set(bias, now, running_))
    return;
  for (auto& u : units_) // memoryless: a running unit fails after a fresh draw at the new rate
    if (u.state == UnitState::running)
      u.at = rng_.next_arrival(now, run_bias_.drawn_per_s());
}

double GensetPlant::log_likelihood_ratio(double now) {
  run_bias_.expose(now, running_);
  common_run_.expose(now, running_ > 0 ? 1 : 0);
  return start_bias_.log_lr() + run_bias_.log_lr() + common_start_.log_lr() + common_run_.log_lr();
}

namespace {
// P(at least m of n independent trials fail), each with probability p.
double binomial_tail(int n, int m, double p) {
  if (m <= 0 || p >= 1)
    return 1.0;
  if (p <= 0 || m > n)
    return 0.0;
  double tail = 0, term = std::pow(1 - p, n); // P(k = 0)
  for (int k = 0; k <= n; ++k) {
    if (k >= m)
      tail += term;
    term *= (n - k) / (k + 1.0) * p / (1 - p);
  }
  return tail;
}

// How long a failed unit stays out when units are not repaired while demanded: a guess (it only
// weights the first-failure bias), about a long grid outage.
constexpr double unrepaired_unit_out_s = 86400;
} // namespace

// Every unit fails all its attempts with (its independent part of) p_fts to the attempts; the
// plant fails a demand when more than the spare units do, or by the common cause. Running, it
// drops below the needed units at the common-cause rate plus, without a spare, any unit's rate;
// with spares, any unit's rate times the chance that each spare fails too within a unit's repair
// (a day when units are not repaired while demanded: a guess, it only weights the sampling).
FirstFailureFigures GensetPlant::first_failure_figures() const {
  FirstFailureFigures f;
  const double beta = spec_.common_cause_beta;
  const int spare = spec_.units - spec_.units_needed;
  const double unit_fails = std::pow((1 - beta) * spec_.fail_to_start, std::max(1, spec_.start_attempts));
  const double common = beta * spec_.fail_to_start;
  f.demand_failure = common + (1 - common) * binomial_tail(spec_.units, spare + 1, unit_fails);
  const double unit_rate = (1 - beta) * spec_.fail_while_running_per_s;
  const double repair_s = repairs() ? spec_.unit_repair.mean_s() : unrepaired_unit_out_s;
  const double again = std::min(1.0, (spec_.units - 1) * unit_rate * repair_s);
  f.running_failure_per_s =
      beta * spec_.fail_while_running_per_s + spec_.units * unit_rate * std::pow(again, std::max(0, spare));
  return f;
}

} // namespace aidcsim::power
