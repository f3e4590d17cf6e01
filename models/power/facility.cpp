#include "models/power/facility.hpp"

#include "engine/base/units.hpp"

#include <algorithm>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace aidcsim::power {
namespace {
constexpr double never = std::numeric_limits<double>::infinity();
} // namespace

Facility::Facility(const FacilitySpec& spec, const PowerGraph& graph, std::uint64_t seed,
                   std::vector<ScheduledFault> faults)
    : spec_(spec), chain_(spec_, graph, seed, std::move(faults)), cooling_(spec_, graph, chain_),
      metrics_(spec_.loads.size()), episodes_(chain_), timeline_(chain_, cooling_) {
  chain_.set_draws(cooling_);
  start();
}

// The chain with every source up, the loops at equilibrium, then the faults due at time 0.
void Facility::start() {
  settle();
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    if (!chain_.load_powered(static_cast<int>(l)))
      throw std::logic_error("Facility: load '" + spec_.loads[l].id + "' is unpowered with every source up");
  // Cooling loops start in their steady state at full load.
  cooling_.start_at_equilibrium();
  // Faults scheduled at time 0 apply before the first event.
  process_due(now());
  settle();
  cooling_.update_inputs();
  metrics_.observe(chain_);
  episodes_.observe(chain_, metrics_.outages().it_downtime_min_total());
  compute_next();
}

void Facility::start_timeline(std::function<void(const TimelineRow&)> on_row) {
  timeline_.on_row = std::move(on_row);
  if (timeline_.enabled())
    timeline_.record_all();
}

void Facility::integrate(double t) {
  const double dt = t - now();
  if (dt <= 0)
    return;
  chain_.integrate(dt, metrics_.energy().source_kwh);
  cooling_.integrate(dt, metrics_.load_metrics());
  chain_.add_source_energy(dt, metrics_.energy().source_kwh); // for PUE, at the interval's flows
  if (!metered_window_.empty())
    metrics_.energy().bought_in_window_kwh +=
        chain_.bought_kw() * seconds_in_window(now(), t, metered_window_) / units::seconds_per_hour;
  metrics_.integrate_loads(chain_, t);
  chain_.set_now(t);
}

void Facility::process_due(double t) {
  chain_.process_due(t);
  apply_thermal_states(t);
  for (int load : chain_.complete_boots(t))
    if (on_load_booted)
      on_load_booted(load);
}

void Facility::apply_thermal_states(double t) {
  for (const ThermalChange& c : cooling_.apply_thermal_states()) {
    if (on_rack_thermal)
      on_rack_thermal(c.rack, c.state);
    // Back from a thermal shutdown, the rack boots as after a power loss.
    if (!c.from_shutdown || !chain_.load_powered(c.rack))
      continue;
    if (spec_.loads[c.rack].boot_s > 0)
      chain_.start_boot(c.rack, t + spec_.loads[c.rack].boot_s);
    else if (on_load_booted)
      on_load_booted(c.rack);
  }
}

// The chain settles; the loads that gained or lost power are counted and told to the workload.
void Facility::settle() {
  chain_.settle();
  metrics_.count_power_losses(chain_.load_changes());
  for (const LoadChange& c : chain_.load_changes()) {
    if (on_load_power)
      on_load_power(c.load, c.powered);
    if (c.powered && spec_.loads[c.load].boot_s <= 0 && on_load_booted)
      on_load_booted(c.load);
  }
}

void Facility::advance_to(double t) {
  if (t < now())
    throw std::logic_error("Facility::advance_to: time goes backwards");
  if (timeline_.enabled()) // an event at t shows its own changes
    timeline_.record_batteries_full(t, false);
  integrate(t);
  if (estimator_) {
    close_cycle_if_regenerated(t);
    process_due(t);
    apply_failure_bias(); // before settling: a demand this event makes is drawn biased
  } else {
    process_due(t);
  }
  settle();
  after_settle();
  ++events_;
}

void Facility::estimate_rare_events(const SamplingOptions& options) {
  estimator_ = std::make_unique<RegenerativeEstimator>(options, chain_.failure_rate_modes());
  cycle_dirty_ = false;
  episodes_.set_weight_pending();
  apply_failure_bias();
  compute_next();
}

// The chain as it stood just before the event at t (integrated to t, nothing processed): if
// everything was up after a failure, a cycle ends at t.
void Facility::close_cycle_if_regenerated(double t) {
  if (!cycle_dirty_ || !chain_.all_up())
    return;
  const OutageRecorder& o = metrics_.outages();
  const double weight =
      estimator_->close_cycle(t, o.it_downtime_min_total(), o.it_loss_onsets(), chain_.log_likelihood_ratio(),
                              episodes_.by_cause(), episodes_.by_component());
  episodes_.close_cycle(weight);
  cycle_dirty_ = false;
  cycle_failures_ = 0;
}

// Any failure active leaves the cycle to close at the next instant with everything up; the bias
// follows the power path's failures alone (power_chain_sampling.cpp).
void Facility::apply_failure_bias() {
  cycle_dirty_ = cycle_dirty_ || chain_.repair_rate_per_s() > 0;
  const double repair_rate = chain_.repair_rate_per_s(true);
  // With no failure active the bias is the same for every component at every event: set once.
  if (repair_rate == 0 && natural_bias_set_)
    return;
  natural_bias_set_ = repair_rate == 0;
  // A failure starts where the power path's repair rate rises; the ones after the first few of a
  // cycle are drawn untilted (SamplingOptions::tilted_failures). The natural bias is not set
  // again when a cycle closes, so after a cycle that ended past that count the next cycle's first
  // failure is drawn untilted too (docs/MODELS.md: measured, not yet changed).
  cycle_failures_ += repair_rate > last_repair_rate_ ? 1 : 0;
  last_repair_rate_ = repair_rate;
  const double bias_rate = repair_rate > 0 ? chain_.bias_rate_per_s(true) : 0.0;
  chain_.set_failure_bias(estimator_->bias(bias_rate, cycle_failures_), bias_rate);
}

// After the chain has settled at now: the loops' inputs, the outage episode, the timeline and the
// next event.
// `reflowed`: only the loads' draws changed and the chain's decisions stand, so the faults of an
// episode's chain and the racks it lost stand too (they follow the decisions alone).
void Facility::after_settle(bool reflowed) {
  cooling_.update_inputs();
  metrics_.observe(chain_);
  if (!reflowed)
    episodes_.observe(chain_, metrics_.outages().it_downtime_min_total());
  if (timeline_.enabled())
    timeline_.record_changes();
  if (estimator_)
    apply_failure_bias();
  compute_next();
}

void Facility::set_it_power_kw(int load, double kw, double t) {
  if (cooling_.measures_it_kw(load, kw))
    return;
  if (t < now() || t > next_)
    throw std::logic_error("Facility::set_it_power_kw: time outside the current interval");
  if (timeline_.enabled()) // a battery full at t came before the power change, as an event would
    timeline_.record_batteries_full(t, true);
  integrate(t);
  cooling_.set_measured_it_kw(load, kw);
  settle();
  if (t == 0) // the workload's power at the start: loops begin in their steady state under it
    cooling_.start_at_equilibrium();
  after_settle();
}

void Facility::set_it_powers_kw(const std::vector<std::pair<int, double>>& kw, double t) {
  const bool any = std::any_of(kw.begin(), kw.end(),
                               [&](const auto& p) { return !cooling_.measures_it_kw(p.first, p.second); });
  if (!any)
    return;
  if (t < now() || t > next_)
    throw std::logic_error("Facility::set_it_powers_kw: time outside the current interval");
  if (timeline_.enabled())
    timeline_.record_batteries_full(t, true);
  integrate(t);
  for (const auto& [load, value] : kw)
    cooling_.set_measured_it_kw(load, value);
  // Only the loads' draws changed: the chain's decisions stand unless a capacity is now exceeded
  // (a training job's state changes a thousand racks a hundred thousand times a year).
  const bool reflowed = chain_.reflow_loads();
  if (!reflowed)
    settle();
  if (t == 0)
    cooling_.start_at_equilibrium();
  after_settle(reflowed);
}

void Facility::finish(double t) {
  if (timeline_.enabled())
    timeline_.record_batteries_full(t, true);
  integrate(t);
  if (timeline_.enabled()) // every component's state at the end, so plots span the whole run
    timeline_.record_all();
  metrics_.finish(chain_);
  episodes_.finish(chain_, metrics_.outages().it_downtime_min_total());
}

void Facility::compute_next() {
  double t = std::min(chain_.next_event_time(), now() + cooling_.next_event_in());
  // Late in a long run the clock's resolution is coarse (3e-5 s at 1.6e11 s): a battery a
  // rounding residue away from empty computes an "empty" time equal to now. Step one ulp instead,
  // so the residue drains and time always moves on.
  if (!(t > now())) {
    t = std::nextafter(now(), never);
    // A handful of such steps drain a residue; many mean an event that is never consumed.
    if (++ulp_steps_ > 1000)
      throw std::logic_error("Facility: no progress at " + std::to_string(now()) +
                             " s (an event is never consumed)");
  } else {
    ulp_steps_ = 0;
  }
  next_ = t;
}

} // namespace aidcsim::power
