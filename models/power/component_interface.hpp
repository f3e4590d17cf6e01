// The one interface every power-chain component kind has (docs/DEVELOPING.md, "Adding a component
// kind"). The facility holds its components in a std::variant (component.hpp) and reaches them
// only through std::visit on these members, so a kind that lacks one fails to compile
// (static_assert in component.hpp): there is no default branch for a kind to fall into.
//
// Between two events the chain is constant: a component decides its output from its inputs
// (decide), says how much it can carry (capacity_kw), passes the power drawn from it up to its
// feeders (pass_draw), integrates its own state over an interval at that flow (integrate), names
// its next event in closed form (next_event_time) and applies the events due (process).
#pragma once

#include "models/power/failure_bias.hpp"

#include <concepts>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace aidcsim::power {

// A time that never comes (storage_runtime_s of a component that stores nothing).
inline constexpr double never_s = std::numeric_limits<double>::infinity();

// A fault a scenario schedules at a given time on one component.
struct ScheduledFault {
  enum class Kind { utility_loss, genset_fail_to_start, component_down };
  double at_s = 0;
  Kind kind = Kind::utility_loss;
  std::string component;
  double duration_s = 0; // utility_loss, component_down
  int count = 0;         // units that fail to start; modules down (0 = all)
};

// What a component sees of the chain at its own node as the chain stands now.
struct Surroundings {
  double now = 0;
  int node = 0;                       // its graph node
  const std::vector<int>& feeders;    // graph nodes, in declaration order (a switch: normal, alternate)
  const std::vector<char>& energized; // per graph node, as decided so far in this pass
  bool refused = false;               // it refused the load it would take (overload_refuses)
  bool feeder_live(std::size_t k) const { return energized[feeders[k]] != 0; }
  bool self_energized() const { return energized[node] != 0; }
};

// One way a component fails, as the estimator of rare events needs it: a constant rate (per
// second, per unit) or a probability per demand (per unit and attempt). A later importance
// sampler scales these and tracks the likelihood ratio.
struct FailureMode {
  enum class Basis { rate_per_s, per_demand };
  std::string name; // "outage", "fail to start", "fail while running", "module failure", ...
  Basis basis = Basis::rate_per_s;
  double value = 0;
  int units = 1; // units subject to it
};

// One figure a component reports at the end of a run (in the JSON under facility.components).
struct Metric {
  std::string name; // a JSON key, with its unit: "energy_kwh", "unit_run_hours", "starts"
  double value = 0;
  std::string meaning; // one line, for people
  bool whole = false;  // a count: written without a fraction
};

// What an outage episode looks like at one instant, gathered over the components.
struct OutageSigns {
  bool grid_down = false;      // a prime source is down (a utility feed, a prime on-site plant)
  bool all_normal = true;      // every transfer switch is on its normal source
  bool backup_running = false; // a backup plant is carrying load
  bool on_battery = false;     // a UPS carries load from its battery
};

// What is wrong with a component now, as a step in the chain of an outage. `follows`: a state its
// feeders forced on it (a UPS on battery, its battery empty), never an outage's first cause.
struct Fault {
  std::string_view what; // "utility outage", "genset fail to start"; empty: nothing is wrong
  bool follows = false;
  Fault(const char* text, bool forced = false) : what(text), follows(forced) {} // NOLINT: literals
  bool empty() const { return what.empty(); }
};

// The members each kind provides (all of them: a kind with nothing to do says so in one line).
template <class C>
concept PowerComponent = requires(C c, const C cc, const Surroundings& s, const ScheduledFault& f,
                                  std::vector<double>& drawn, OutageSigns& signs) {
  // Settling: the output's state given the inputs, and what the component asks of its feeders.
  { c.decide(s) } -> std::same_as<bool>;
  { cc.demanded_feeder(s) } -> std::same_as<int>;        // a feeder slot to start, or -1
  { c.demand(true, 0.0) } -> std::same_as<bool>;         // started or stopped on demand: changed?
  { cc.capacity_kw() } -> std::same_as<double>;          // +inf when not a constraint
  { cc.overload_refuses() } -> std::same_as<bool>;       // an overload: refuse it, not shed below
  { cc.draws_through(0, s) } -> std::same_as<bool>;      // its power comes through that node now
  { cc.pass_draw(0.0, s, drawn) } -> std::same_as<void>; // adds its input draw to its feeders
  { c.shed_input(false) } -> std::same_as<bool>;         // drop own input to relieve one above
  { c.clear_shedding() } -> std::same_as<void>;
  { cc.shedding() } -> std::same_as<bool>; // a load shed or an input dropped
  // Time: integrate at a constant flow, the next event, the events due.
  { c.integrate(0.0, 0.0, s) } -> std::same_as<double>; // source energy into storage, kWh
  { cc.integrates() } -> std::same_as<bool>;            // false: integrate does nothing and returns 0
  { cc.next_event_time(0.0, s) } -> std::same_as<double>;
  { c.process(0.0) } -> std::same_as<void>;
  // Faults a scenario schedules, and the failure transitions the model draws.
  { cc.accepts(ScheduledFault::Kind::utility_loss) } -> std::same_as<bool>;
  { c.schedule(f) } -> std::same_as<bool>; // true: the component keeps the schedule itself
  { c.apply(f, 0.0) } -> std::same_as<void>;
  { cc.failure_modes() } -> std::same_as<std::vector<FailureMode>>;
  { c.failure_draws() } -> std::same_as<FailureDraws*>; // for the importance sampler; null: none
  // Energy and reporting.
  { cc.is_source() } -> std::same_as<bool>;          // its output enters the facility
  { cc.storage_kw(0.0, s) } -> std::same_as<double>; // power it supplies from storage now
  // Its output comes from its storage now (its input lost), whatever it carries; how long the
  // storage goes on supplying out_kw from now (+inf while it supplies nothing).
  { cc.on_storage(s) } -> std::same_as<bool>;
  { cc.storage_runtime_s(0.0, s) } -> std::same_as<double>;
  // A periodic load of mean out_kw drains its storage as a constant factor x out_kw would (Peukert
  // weighs the peaks more: models/dynamics/peukert_load.hpp); 1 for a constant load.
  { c.set_discharge_factor(1.0) } -> std::same_as<void>;
  { cc.storage_owed_kwh() } -> std::same_as<double>; // storage energy not yet refilled
  { cc.outage_signs(0.0, s, signs) } -> std::same_as<void>;
  // What is wrong with it now, as a step of an outage's chain ("utility outage", "UPS battery
  // empty"); empty when nothing is. The same fault, the same text.
  { cc.fault(s) } -> std::same_as<Fault>;
  { cc.timeline_kind() } -> std::same_as<std::string_view>;
  { cc.timeline_state(s) } -> std::same_as<std::string_view>; // lasts until the next call
  { cc.state_of_charge() } -> std::same_as<double>;           // -1 without storage
  { cc.metrics() } -> std::same_as<std::vector<Metric>>;
};

} // namespace aidcsim::power
