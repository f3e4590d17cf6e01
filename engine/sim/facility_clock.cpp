#include "engine/sim/facility_clock.hpp"
#include "engine/base/event_time.hpp"

#include <simgrid/plugins/energy.h>

#include <algorithm>
#include <cmath>

namespace aidcsim {

FacilityClock::FacilityClock(power::Facility& facility, double end_s,
                             std::vector<std::vector<simgrid::s4u::Host*>> hosts_of_load)
    : Model("aidcsim-facility"), facility_(facility), end_s_(end_s),
      hosts_of_load_(std::move(hosts_of_load)) {
  const std::size_t loads = hosts_of_load_.size();
  ready_.assign(loads, 1);
  thermal_ok_.assign(loads, 1);
  reported_on_.assign(loads, 1);
  thermal_throttled_.assign(loads, 0);
  capped_.assign(loads, 0);
  shed_.assign(loads, 0);
  facility_.on_load_power = [this](int load, bool powered) {
    if (!powered) {
      ready_[load] = 0;
      apply_hosts_state(load);
    }
  };
  facility_.on_load_booted = [this](int load) {
    ready_[load] = 1;
    apply_hosts_state(load);
  };
  facility_.on_rack_thermal = [this](int load, thermal::RackLoop::State state) {
    thermal_ok_[load] = state != thermal::RackLoop::State::shutdown;
    if (state == thermal::RackLoop::State::shutdown)
      ready_[load] = 0; // like a power loss: the rack boots again once cooled (on_load_booted)
    thermal_throttled_[load] = state == thermal::RackLoop::State::throttled ? 1 : 0;
    apply_throttle(load, now_);
    apply_hosts_state(load);
  };
  // Faults at time 0 were applied when the facility was built, before these callbacks existed.
  for (std::size_t l = 0; l < loads; ++l)
    if (!facility_.load_powered(static_cast<int>(l))) {
      ready_[l] = 0;
      apply_hosts_state(static_cast<int>(l));
    }
  for (std::size_t i = 0; i < facility_.cooling_loops().size(); ++i)
    if (facility_.cooling_loops()[i].state() != thermal::RackLoop::State::normal)
      facility_.on_rack_thermal(facility_.cooled_rack(i), facility_.cooling_loops()[i].state());
}

// Throttled (thermally or by a cap): the lowest pstate; otherwise full speed.
void FacilityClock::apply_throttle(int load, double now) {
  const bool throttled = thermal_throttled_[load] || capped_[load];
  for (auto* h : hosts_of_load_[load])
    h->set_pstate(throttled ? h->get_pstate_count() - 1 : 0);
  if (on_hosts_throttle)
    on_hosts_throttle(load, throttled, now);
}

void FacilityClock::set_capped(int load, bool capped, double now) {
  if ((capped_[load] != 0) == capped)
    return;
  capped_[load] = capped ? 1 : 0;
  if (!thermal_throttled_[load])
    apply_throttle(load, now);
}

void FacilityClock::set_shed(int load, bool shed, double now) {
  if ((shed_[load] != 0) == shed)
    return;
  shed_[load] = shed ? 1 : 0;
  now_ = std::max(now_, now);
  apply_hosts_state(load);
}

// Hosts run when their rack has power, has booted, is not thermally shut down and not shed.
void FacilityClock::apply_hosts_state(int load) {
  const bool on = ready_[load] && thermal_ok_[load] && !shed_[load];
  bool turned_on = false;
  for (auto* h : hosts_of_load_[load]) {
    if (on && !h->is_on()) {
      h->turn_on();
      turned_on = true;
    } else if (!on && h->is_on()) {
      h->turn_off();
    }
  }
  if (turned_on && on_hosts_on)
    on_hosts_on(hosts_of_load_[load]);
  if (on_hosts_state && on != (reported_on_[load] != 0)) {
    reported_on_[load] = on ? 1 : 0;
    on_hosts_state(load, on, !thermal_ok_[load], now_);
  }
}

void FacilityClock::use_host_power() {
  host_power_ = std::make_unique<HostPowerWatch>(hosts_of_load_);
}

// Every time SimGrid's clock stops, the workload may have changed what the hosts draw (a step
// starts or ends, a pstate changes): the facility integrates up to now at the old power and goes on
// at the new one. Racks none of whose hosts changed keep their power (set_it_power_kw would
// ignore the same value), so only the changed ones are summed, in the same order.
void FacilityClock::read_host_power(double now) {
  if (now > facility_.next_event_time())
    return; // the facility's own event is due first; the next call reads the power
  // SimGrid's clock can trail the facility's by a few ulps after an event the facility took as
  // due (update_actions_state): the power changes at the facility's now, not before it.
  const double t = std::max(now, facility_.now());
  if (read_every_rack && read_every_rack())
    host_power_->mark_all();
  const std::vector<int> changed = host_power_->take_changed();
  if (it_adjust_w) {
    apply_adjusted(changed, t);
    return;
  }
  for (const int l : changed)
    if (!hosts_of_load_[l].empty())
      facility_.set_it_power_kw(l, hosts_w(l) / 1e3, t);
  if (!changed.empty() && on_change)
    on_change(facility_.now());
}

double FacilityClock::hosts_w(int load) const {
  double watts = 0;
  for (const auto* h : hosts_of_load_[load])
    watts += sg_host_get_current_consumption(h);
  return watts;
}

void FacilityClock::mark_adjusted(const std::vector<int>& loads) {
  adjusted_.resize(hosts_of_load_.size(), 0);
  for (const int l : loads)
    if (!adjusted_[l]) {
      adjusted_[l] = 1;
      adjusted_list_.push_back(l);
    }
}

// With power dynamics: the loads whose hosts changed are summed again, those whose adjustment
// changed reuse their last sum, and the facility takes them all at once.
void FacilityClock::apply_adjusted(const std::vector<int>& host_changed, double t) {
  host_w_.resize(hosts_of_load_.size(), std::nan(""));
  adjusted_.resize(hosts_of_load_.size(), 0);
  std::vector<std::pair<int, double>>& kw = adjusted_kw_;
  kw.clear();
  for (const int l : host_changed)
    if (!hosts_of_load_[l].empty())
      host_w_[l] = hosts_w(l);
  mark_adjusted(host_changed);
  for (const int l : adjusted_list_) {
    adjusted_[l] = 0;
    if (hosts_of_load_[l].empty())
      continue;
    if (std::isnan(host_w_[l])) // never read: sum its hosts now
      host_w_[l] = hosts_w(l);
    kw.emplace_back(l, (host_w_[l] + it_adjust_w(l)) / 1e3);
  }
  adjusted_list_.clear();
  if (kw.empty())
    return;
  if (!std::is_sorted(kw.begin(), kw.end())) // the facility takes them in load order, as a full read does
    std::sort(kw.begin(), kw.end());
  facility_.set_it_powers_kw(kw, t);
  if (on_change)
    on_change(facility_.now());
}

void FacilityClock::sync_hosts_state() {
  for (std::size_t l = 0; l < hosts_of_load_.size(); ++l) {
    const bool on = ready_[l] && thermal_ok_[l] && !shed_[l];
    if (on_hosts_state && on != (reported_on_[l] != 0)) {
      reported_on_[l] = on ? 1 : 0;
      on_hosts_state(static_cast<int>(l), on, !thermal_ok_[l], now_);
    }
  }
}

double FacilityClock::next_occurring_event(double now) {
  if (finished_)
    return -1.0;
  if (host_power_)
    read_host_power(now);
  if (!started_) {
    started_ = true;
    if (on_start)
      on_start();
  }
  const double t = std::min(facility_.next_event_time(), end_s_);
  return std::max(0.0, t - now);
}

void FacilityClock::update_actions_state(double now, double /*delta*/) {
  if (finished_)
    return;
  now_ = now;
  // SimGrid's clock is the previous time plus the delay we returned, so it can differ from the
  // event time by rounding: treat anything within a few ulps as the event itself.
  const double slack = event_slack_s(now);
  while (!finished_) {
    const double next = facility_.next_event_time();
    if (next <= end_s_ && next <= now + slack) {
      facility_.advance_to(next);
      if (on_change)
        on_change(facility_.now());
    } else if (now + slack >= end_s_) {
      facility_.finish(end_s_);
      finished_ = true;
    } else {
      break; // another model's event: the facility integrates lazily at its own next event
    }
  }
}

} // namespace aidcsim
