// The facility's power chain as one event-driven model: utility feeds, genset plants, transfer
// switches, UPS systems, distribution and loads, wired by the power graph. Each is a Component
// (component.hpp) reached through its one interface (component_interface.hpp).
//
// Between two events nothing changes state, so every flow is constant and batteries, fuel and
// metrics integrate in closed form; next_event_time() is the earliest of the components' own
// next events (an outage starts or ends, a genset is up, a battery is empty, a transfer ends, a
// rack has booted). After every event the chain settles: switches decide, plants start or stop,
// energized states are recomputed through the graph in topological order, and loads are shed
// by priority where a component's capacity is short.
#pragma once

#include "models/power/component.hpp"
#include "models/power/facility_spec.hpp"
#include "models/power/outage_recorder.hpp"
#include "models/power/power_graph.hpp"
#include "models/thermal/water_loop.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aidcsim::power {

struct LoadMetrics {
  double unpowered_s = 0;
  double service_down_s = 0; // unpowered plus booting after power returns
  double unserved_kwh = 0;
  long power_losses = 0;
};

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
  // stored heat the quasi-static coupling does not hand on (facility_cooling.cpp).
  double coupling_residual_kwh = 0;
};

// Energy over the run, for PUE: what the sources delivered (recharging batteries included), what
// the batteries gave and were not yet refilled with by the end, what IT and cooling drew; the rest
// was lost in conversion (UPS, battery round trip).
struct FacilityEnergy {
  double source_kwh = 0;
  double storage_drawdown_kwh = 0; // battery energy (at the UPS input) not yet recharged at the end
  double it_kwh = 0;
  double cooling_kwh = 0; // every load that is not IT
  double supplied_kwh() const { return source_kwh + storage_drawdown_kwh; }
  double pue() const { return it_kwh > 0 ? supplied_kwh() / it_kwh : 0.0; }
};

// What one component reported at the end of the run (kinds without figures of their own, loads,
// are left out).
struct ComponentReport {
  std::string id;
  std::string kind; // as in the timeline: utility, gensets, onsite, switch, ups, distribution
  std::vector<Metric> metrics;
};

struct TimelineRow {
  double time_s;
  std::string component;
  std::string
      kind; // utility, gensets, switch, ups, distribution, rack, cdu, crah, chiller, ..., water, facility
  std::string state;
  double load_kw;
  double state_of_charge;   // UPS only; -1 elsewhere
  double coolant_c = -1000; // cooling loops only
  double chip_c = -1000;
};

class Facility {
public:
  Facility(const FacilitySpec& spec, const PowerGraph& graph, std::uint64_t seed,
           std::vector<ScheduledFault> faults);

  double now() const { return now_; }
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
  // every component's current state once (call it after setting on_timeline).
  std::function<void(const TimelineRow&)> on_timeline;
  void start_timeline();

  const std::vector<LoadMetrics>& load_metrics() const { return load_metrics_; }
  const std::vector<CoolingMetrics>& cooling_metrics() const { return cooling_metrics_; }
  const FacilityEnergy& energy() const { return energy_; }
  // What a load draws now: an IT rack its heat (measured or declared, scaled by throttling); a
  // cooling load its load, or the heat it moves over its COP.
  double draw_kw(int load) const {
    const LoadSpec& l = spec_.loads[load];
    if (l.it()) // the hot path of every settle: kept inline
      return measured_it_kw_[load] >= 0 ? measured_it_kw_[load] : l.load_kw * heat_factor_[load];
    if (l.cop <= 0 && l.capacity_kw <= 0)
      return l.load_kw;
    return cooling_draw_kw(load);
  }
  // The IT power of a rack as its SimGrid hosts report it (energy plugin), from time t on
  // (t between now() and next_event_time()); replaces the declared load times throttling.
  void set_it_power_kw(int load, double kw, double t);
  const std::optional<thermal::WaterLoop>& water_loop() const { return water_; }
  const WaterMetrics& water_metrics() const { return water_metrics_; }
  const std::vector<thermal::RackLoop>& cooling_loops() const { return loops_; }
  // The load index of the rack cooled by loop i.
  int cooled_rack(std::size_t loop) const { return loop_rack_[loop]; }
  const OutageOutcomes& outcomes() const { return recorder_.outcomes(); }
  const YearlySamples& yearly_it_downtime_min() const { return recorder_.yearly_it_downtime_min(); }
  double min_ups_state_of_charge() const;
  std::vector<const GensetPlant*> plants() const; // in declaration order
  std::vector<const UtilityFeed*> feeds() const;
  const std::vector<Component>& components() const { return nodes_; } // per graph node
  std::vector<ComponentReport> component_reports() const;
  const FacilitySpec& spec() const { return spec_; }
  bool load_powered(int load) const { return energized_[load_node_[load]] != 0; }
  long events() const { return events_; }
  // Times a running genset plant could not carry the load it would take and so took none of it
  // (the UPS batteries went on carrying), and times a load or a UPS input was dropped to fit a
  // component's capacity. Each counts a new decision, not every settle that keeps it.
  long plant_refusals() const { return plant_refusals_; }
  long capacity_sheds() const { return capacity_sheds_; }

private:
  // What the component at node v sees of the chain now.
  Surroundings around(int v) const { return {now_, v, graph_.feeders(v), energized_, refused_[v] != 0}; }
  LoadNode& load_node(int load) { return std::get<LoadNode>(nodes_[load_node_[load]]); }
  const LoadNode& load_node(int load) const { return std::get<LoadNode>(nodes_[load_node_[load]]); }
  void schedule_faults(std::vector<ScheduledFault> faults);
  void order_shedding();
  void start();
  void integrate(double t);
  void integrate_loads(double dt, double t);
  void process_due(double t);
  void settle();
  void settle_chain();
  bool decide_chain(std::vector<char>& wants);
  void notify_load_changes();
  bool refuse_short_plants();
  void count_new_sheds();
  void compute_flows();
  bool shed_for_capacity();
  struct DrawTree {
    std::vector<char> through; // per node: draws its power through the overloaded node
    std::vector<int> parent;   // per node: the node it draws through, on one path
  };
  DrawTree draw_tree(int v) const;
  bool move_dual_corded_off(int v, const DrawTree& tree);
  bool shed_below(int v, const DrawTree& tree);
  bool pumps_of_powered_rack(int load) const;
  void track_episode();
  void compute_next();
  void init_cooling();
  void after_settle();
  void update_loops();
  void integrate_cooling(double dt);
  void apply_thermal_states(double t);
  double next_cooling_event_in() const;
  double rack_heat_kw(int load) const;
  double cooling_draw_kw(int load) const; // a cooling load that follows the heat
  bool unit_running(int load) const;
  double plant_capacity_w() const;
  double water_heat_w() const;
  double plant_removal_w() const;
  void emit_cooling_timeline(bool force);
  void emit_water_timeline(bool force);
  void emit_timeline();
  void emit_facility_power();
  double capacity_kw(int node) const;

  FacilitySpec spec_;
  const PowerGraph& graph_;
  std::vector<Component> nodes_;       // per graph node
  std::vector<ScheduledFault> faults_; // in time order; those a component holds itself aside
  std::vector<int> fault_node_;        // the node each of faults_ strikes
  std::size_t next_fault_ = 0;

  std::vector<int> load_node_;               // load index -> graph node
  std::vector<int> node_load_;               // graph node -> load index, or -1
  std::vector<std::vector<int>> shed_order_; // node -> loads below it, first to shed first
  std::vector<char> energized_;              // per node
  std::vector<char> refused_;                // per node: running, but short of the load it would take
  std::vector<char> wants_;                  // per node: asked to start by a node it feeds
  std::vector<char> shedding_before_, refused_before_;                    // per node, as of the last settle
  std::vector<int> switch_nodes_;                                         // graph nodes of transfer switches
  std::vector<std::pair<int, TransferSwitch::State>> switches_at_settle_; // undone when a plant refuses
  bool decisions_now_ = false, decisions_before_ = false; // a shed or refusal in this settle, the last
  long plant_refusals_ = 0, capacity_sheds_ = 0;
  long ulp_steps_ = 0;             // consecutive zero-length steps (must stay small)
  std::vector<double> out_kw_;     // per node: power drawn from its output
  std::vector<char> load_powered_; // per load, as of the last settle
  std::vector<int> it_loads_;

  double now_ = 0;
  double next_ = 0;
  long events_ = 0;

  std::vector<LoadMetrics> load_metrics_;
  std::vector<thermal::RackLoop> loops_;
  std::vector<int> loop_rack_, loop_pumps_; // load indices (-1: pumps always on)
  std::vector<int> rack_loop_;              // per load: its loop, or -1
  std::vector<double> heat_factor_;         // per load: 1, the throttled fraction, or 0 when shut down
  std::vector<double> measured_it_kw_;      // per load: from the SimGrid hosts; -1: declared
  std::optional<thermal::WaterLoop> water_;
  std::vector<int> plant_units_; // loads that reject heat from the facility water (capacity > 0)
  WaterMetrics water_metrics_;
  std::vector<CoolingMetrics> cooling_metrics_;
  std::vector<std::string> last_loop_state_;
  std::string last_water_state_;
  std::string last_facility_key_;
  std::vector<std::vector<int>> served_; // per cooling load with a COP: the IT loads it serves
  FacilityEnergy energy_;
  OutageRecorder recorder_;

  std::vector<std::string> last_state_; // per node, for the timeline
  std::vector<double> last_load_kw_;
};

} // namespace aidcsim::power
