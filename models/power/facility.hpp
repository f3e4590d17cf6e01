// The facility as one event-driven model, coordinating four parts that each read in one sitting:
//   - the power chain (power_chain.hpp): components wired by the power graph, settled after events;
//   - the cooling plant (cooling_plant.hpp): rack loops, facility water, what each load draws;
//   - the metrics recorder (metrics_recorder.hpp): load downtime, energy, outage episodes;
//   - the timeline recorder (timeline_recorder.hpp): a row per state change.
//
// Between two events nothing changes state, so every flow is constant and batteries, fuel, water
// and metrics integrate in closed form; next_event_time() is the earliest of the parts' own next
// events (an outage starts or ends, a genset is up, a battery is empty, a transfer ends, a rack has
// booted, a loop crosses a threshold).
#pragma once

#include "models/power/cooling_plant.hpp"
#include "models/power/daily_window.hpp"
#include "models/power/episode_recorder.hpp"
#include "models/power/facility_spec.hpp"
#include "models/power/metrics_recorder.hpp"
#include "models/power/power_chain.hpp"
#include "models/power/power_graph.hpp"
#include "models/power/regenerative_estimator.hpp"
#include "models/power/timeline_recorder.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace aidcsim::power {

class Facility {
public:
  Facility(const FacilitySpec& spec, const PowerGraph& graph, std::uint64_t seed,
           std::vector<ScheduledFault> faults);
  Facility(const Facility&) = delete; // its parts refer to one another
  Facility& operator=(const Facility&) = delete;

  double now() const { return chain_.now(); }
  double next_event_time() const { return next_; }
  // Integrates up to t (no later than next_event_time()), then applies every event due at t.
  void advance_to(double t);
  // Integrates to t without events (the end of the run), counts an outage episode still open and
  // closes the yearly samples.
  void finish(double t);

  // Called when a load gains or loses power, and when its service is back after booting.
  std::function<void(int load, bool powered)> on_load_power;
  std::function<void(int load)> on_load_booted;
  // Called when a rack's chips change thermal state (normal, throttled, shutdown).
  std::function<void(int load, thermal::RackLoop::State state)> on_rack_thermal;
  // Called for every state change of a component, for the timeline; start_timeline() reports
  // every component's current state once.
  void start_timeline(std::function<void(const TimelineRow&)> on_row);
  // The timeline's rows before t that no event marks (batteries full again), for a row another
  // part (the workload) writes at t: the file stays in time order.
  void timeline_rows_before(double t) {
    if (timeline_.enabled())
      timeline_.record_batteries_full(t, false);
  }

  // What a load draws now (cooling_plant.hpp).
  double draw_kw(int load) const { return cooling_.draw_kw(load); }
  // The IT power of a rack as its SimGrid hosts report it (energy plugin), from time t on
  // (t between now() and next_event_time()); replaces the declared load times throttling.
  void set_it_power_kw(int load, double kw, double t);
  // The same for many loads at one instant, settling once after all of them (a training job's
  // state change moves every rack it runs on).
  void set_it_powers_kw(const std::vector<std::pair<int, double>>& kw, double t);

  // The Peukert factors of periodic loads (component_interface.hpp, set_discharge_factor), per
  // graph node, from now on: the next event follows.
  void set_discharge_factors(const std::vector<std::pair<int, double>>& node_factor) {
    for (const auto& [v, factor] : node_factor)
      chain_.set_discharge_factor(v, factor);
    compute_next();
  }

  // Genset plant at graph node v trips (a load step beyond its acceptance seen at now()): at the
  // next event, an instant later, so the trip settles the facility as its own event.
  // False if it does not trip (it starts in no time, or nothing runs).
  bool request_trip(int v) {
    const bool trips = chain_.request_trip(v, now());
    compute_next();
    return trips;
  }

  // Regenerative cycles and, when options.biased, importance sampling by failure biasing
  // (regenerative_estimator.hpp). Call before the first advance_to.
  void estimate_rare_events(const SamplingOptions& options);
  // The estimate from the cycles completed so far; null unless estimate_rare_events was called.
  const RegenerativeEstimator* rare_event_estimator() const { return estimator_.get(); }

  const PowerChain& chain() const { return chain_; }
  const CoolingPlant& cooling() const { return cooling_; }
  const MetricsRecorder& metrics() const { return metrics_; }
  // IT-loss episodes with their chains of faults, by first cause and component; set its
  // on_episode before the first advance_to to see each episode.
  EpisodeRecorder& episodes() { return episodes_; }
  const EpisodeRecorder& episodes() const { return episodes_; }
  const FacilitySpec& spec() const { return spec_; }
  long events() const { return events_; }

  // The figures the results read, by the part that holds them.
  const std::vector<LoadMetrics>& load_metrics() const { return metrics_.load_metrics(); }
  const FacilityEnergy& energy() const { return metrics_.energy(); }
  // Meters the energy bought inside a daily window from now on (energy().bought_in_window_kwh).
  void meter_window(const DailyWindow& w) { metered_window_ = w; }
  const OutageOutcomes& outcomes() const { return metrics_.outcomes(); }
  const YearlySamples& yearly_it_downtime_min() const { return metrics_.yearly_it_downtime_min(); }
  const std::vector<CoolingMetrics>& cooling_metrics() const { return cooling_.cooling_metrics(); }
  const std::optional<thermal::WaterLoop>& water_loop() const { return cooling_.water(); }
  const WaterMetrics& water_metrics() const { return cooling_.water_metrics(); }
  const std::vector<thermal::RackLoop>& cooling_loops() const { return cooling_.loops(); }
  int cooled_rack(std::size_t loop) const { return cooling_.cooled_rack(loop); } // its load index
  double min_ups_state_of_charge() const { return chain_.min_ups_state_of_charge(); }
  std::vector<const GensetPlant*> plants() const { return chain_.plants(); } // in declaration order
  std::vector<const UtilityFeed*> feeds() const { return chain_.feeds(); }
  const std::vector<Component>& components() const { return chain_.components(); } // per graph node
  std::vector<ComponentReport> component_reports() const { return chain_.component_reports(); }
  bool load_powered(int load) const { return chain_.load_powered(load); }
  // Times a running genset plant could not carry the load it would take and so took none of it
  // (the UPS batteries went on carrying), and times a load or a UPS input was dropped to fit a
  // component's capacity. Each counts a new decision, not every settle that keeps it.
  long plant_refusals() const { return chain_.plant_refusals(); }
  long capacity_sheds() const { return chain_.capacity_sheds(); }

private:
  void start();
  void integrate(double t);
  void process_due(double t);
  void apply_thermal_states(double t);
  void settle();
  void after_settle(bool reflowed = false);
  void compute_next();
  void apply_failure_bias();
  void close_cycle_if_regenerated(double t);

  FacilitySpec spec_;
  PowerChain chain_;
  CoolingPlant cooling_;
  MetricsRecorder metrics_;
  EpisodeRecorder episodes_;
  TimelineRecorder timeline_;
  double next_ = 0;
  long events_ = 0;
  long ulp_steps_ = 0; // consecutive zero-length steps (must stay small)
  std::unique_ptr<RegenerativeEstimator> estimator_;
  bool cycle_dirty_ = false;      // a failure was active since the cycle began
  bool natural_bias_set_ = false; // the components draw at the bias of no failure active
  int cycle_failures_ = 0;        // failures on the power path since the cycle began
  double last_repair_rate_ = 0;   // the power path's, at the last apply_failure_bias
  DailyWindow metered_window_;    // a tariff's peak hours; empty: none metered
};

} // namespace aidcsim::power
