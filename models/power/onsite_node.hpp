// An on-site generation plant as a component of the chain (onsite_plant.hpp): a prime source that
// runs from the start, or a backup started by the transfer switch it is the alternate of.
#pragma once

#include "models/power/component_interface.hpp"
#include "models/power/onsite_plant.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace aidcsim::power {

class OnsiteNode {
public:
  using Spec = OnsitePlantSpec;
  OnsiteNode(const OnsitePlantSpec& spec, double design_kw, RandomStream rng)
      : plant_(spec, design_kw, std::move(rng)) {}
  const OnsitePlant& plant() const { return plant_; }
  bool prime() const { return plant_.spec().role == OnsitePlantSpec::Role::prime; }

  // The plant offers power once N units are on line (they carry the design load): with fewer, its
  // breaker stays open and whatever backs it carries. A plant that sheds by priority offers what
  // it has from one unit up, and the facility sheds to fit. Refused (running units short of the
  // load it would take), it stays off the chain.
  bool decide(const Surroundings& s) { return ready() && !s.refused; }
  bool ready() const {
    const int needed = plant_.spec().load_shedding == LoadShedding::priority ? 1 : plant_.spec().units_needed;
    return plant_.running_units() >= std::max(1, needed);
  }
  int demanded_feeder(const Surroundings&) const { return -1; }
  bool demand(bool wanted, double now) {
    if (prime() || wanted == plant_.demanded()) // a prime plant runs whatever the switches ask
      return false;
    plant_.set_demand(wanted, now);
    plant_.process(now);
    return true;
  }
  double capacity_kw() const { return plant_.capacity_kw(); }
  bool overload_refuses() const { return plant_.spec().load_shedding == LoadShedding::none; }
  bool draws_through(int, const Surroundings&) const { return true; } // a source: no feeders
  void pass_draw(double, const Surroundings&, std::vector<double>&) const {}
  bool shed_input(bool) { return false; }
  void clear_shedding() {}
  bool shedding() const { return false; }

  bool integrates() const { return true; }
  double integrate(double dt_s, double out_kw, const Surroundings&) {
    plant_.integrate(dt_s, out_kw);
    return 0.0;
  }
  double next_event_time(double out_kw, const Surroundings& s) const {
    return plant_.next_event_time(s.now, out_kw);
  }
  void process(double t) { plant_.process(t); }

  bool accepts(ScheduledFault::Kind) const { return false; }
  bool schedule(const ScheduledFault&) { return false; }
  void apply(const ScheduledFault&, double) {}
  std::vector<FailureMode> failure_modes() const;
  // Not biased yet: the importance sampler leaves on-site plants at their natural rates.
  FailureDraws* failure_draws() { return nullptr; }

  bool is_source() const { return true; }
  double storage_kw(double, const Surroundings&) const { return 0.0; }
  bool on_storage(const Surroundings&) const { return false; }
  void set_discharge_factor(double) {}
  double storage_runtime_s(double, const Surroundings&) const { return never_s; }
  double storage_owed_kwh() const { return 0.0; }
  // A prime plant that cannot carry its load opens an outage episode as a lost utility feed does;
  // a backup plant carrying load is what gensets are to an episode.
  void outage_signs(double out_kw, const Surroundings& s, OutageSigns& signs) const {
    if (prime())
      signs.grid_down = signs.grid_down || !(ready() && !s.refused);
    else
      signs.backup_running = signs.backup_running || out_kw > 0;
  }
  std::string_view timeline_kind() const { return "onsite"; }
  std::string_view timeline_state(const Surroundings&) const;
  Fault fault(const Surroundings&) const;
  double state_of_charge() const { return -1; }
  std::vector<Metric> metrics() const;

private:
  OnsitePlant plant_;
  mutable std::string state_text_; // timeline_state's text, until its next call
};

} // namespace aidcsim::power
