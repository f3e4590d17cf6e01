// The facility's power chain: utility feeds, plants, transfer switches, UPS systems, distribution
// and loads, wired by the power graph. Each is a Component (component.hpp) reached through its one
// interface (component_interface.hpp); the chain knows nothing of any kind beyond it.
//
// Between two events nothing changes state, so every flow is constant and the components
// integrate in closed form. After every event the chain settles: switches decide, plants start or
// stop, energized states are recomputed through the graph in topological order, and loads are
// shed by priority where a component's capacity is short (power_chain_shedding.cpp).
#pragma once

#include "engine/base/compensated_sum.hpp"
#include "models/power/component.hpp"
#include "models/power/facility_spec.hpp"
#include "models/power/outage_recorder.hpp"
#include "models/power/power_graph.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace aidcsim::power {

class CoolingPlant; // what each load draws (cooling_plant.hpp)
struct FirstFailureNode;

// What one component reported at the end of the run (kinds without figures of their own, loads,
// are left out).
struct ComponentReport {
  std::string id;
  std::string kind; // as in the timeline: utility, gensets, onsite, switch, ups, distribution
  std::vector<Metric> metrics;
};

// A load that gained or lost power in the last settle.
struct LoadChange {
  int load;
  bool powered;
};

class PowerChain {
public:
  PowerChain(const FacilitySpec& spec, const PowerGraph& graph, std::uint64_t seed,
             std::vector<ScheduledFault> faults);
  PowerChain(const PowerChain&) = delete; // the cooling plant and recorders hold references
  PowerChain& operator=(const PowerChain&) = delete;
  // What each load draws now. The chain does not know: a rack's heat depends on its workload and
  // throttling, a cooler's on the heat it moves; the cooling plant answers.
  void set_draws(const CoolingPlant& draws) { draws_ = &draws; }

  double now() const { return now_; }
  void set_now(double t) { now_ = t; }
  const FacilitySpec& spec() const { return spec_; }
  const PowerGraph& graph() const { return graph_; }
  int size() const { return graph_.size(); }

  // Integrates every component over dt at the constant flows and adds the source energy that went
  // into storage (battery recharge) to source_kwh; add_source_energy adds what the sources
  // delivered. (Two steps, in the order the energy sums have always been taken.)
  void integrate(double dt, CompensatedSum& source_kwh);
  void add_source_energy(double dt, CompensatedSum& source_kwh) const;
  // What utility feeds and on-site plants deliver now (genset plants, priced by their fuel, not).
  double bought_kw() const;
  // The events due at t: the components' own, then the scheduled faults.
  void process_due(double t);
  // Decides the chain's state at now afresh; load_changes() then lists the loads that gained or
  // lost power (their boot timers already set).
  void settle();
  // After loads changed what they draw and nothing else: recomputes the flows and returns true
  // when that is what settle() would leave (nothing shed or refused at the last settle, and no
  // capacity exceeded now: no decision depends on a load otherwise); false, and settle() is due.
  bool reflow_loads();
  const std::vector<LoadChange>& load_changes() const { return changes_; }
  // The earliest of the components' next events and the next scheduled fault.
  double next_event_time() const;

  // Loads: their state as of the last settle.
  bool load_powered(int load) const { return energized_[load_node_[load]] != 0; }
  double draw_kw(int load) const; // inline in cooling_plant.hpp: the hot path of every settle
  double boot_done(int load) const { return load_node(load).boot_done; }
  bool booting(int load) const { return load_node(load).boot_done > now_; }
  // Service returns at t (a rack back from a thermal shutdown boots as after a power loss).
  void start_boot(int load, double t) { set_boot(load, t); }
  // The loads whose boot ended by t, in load order; their timers are cleared.
  const std::vector<int>& complete_boots(double t);
  const std::vector<int>& it_loads() const { return it_loads_; }
  // Changes at every settle and every change of a boot timer: while it stands, no load gains or
  // loses power or starts or ends a boot (metrics_recorder.cpp keeps its lists between them).
  long load_states_epoch() const { return load_states_epoch_; }
  // What the IT loads that are powered and not booting draw together, as of the last flows.
  double steady_it_kw() const { return steady_it_kw_; }
  bool it_powered() const { return it_powered_; } // every IT rack, as of the last settle
  // Settles so far: the chain's decisions (what is energized, switch positions, inputs dropped) and
  // so the way every load's draw passes up the chain stand until the next one.
  long settles() const { return settles_; }

  // Nodes, for the recorders.
  const Component& component(int v) const { return nodes_[v]; }
  const std::vector<Component>& components() const { return nodes_; }
  Surroundings around(int v) const { return {now_, v, graph_.feeders(v), energized_, refused_[v] != 0}; }
  bool energized(int v) const { return energized_[v] != 0; }
  double out_kw(int v) const { return out_kw_[v]; }
  // What each node would carry if load l drew per_load[l] (only powered loads count), passed up
  // the chain as the draws are (compute_flows): a swing or a step of some loads, seen at every
  // node. Writes into `out` (resized to the chain).
  void carried(const std::vector<double>& per_load, std::vector<double>& out) const;
  // Two such flows in one pass over the chain.
  void carried(const std::vector<double>& a, const std::vector<double>& b, std::vector<double>& out_a,
               std::vector<double>& out_b) const;
  int node_load(int v) const { return node_load_[v]; } // load index, or -1
  // Nodes whose component has storage (a UPS's battery), in graph order; whether node v runs from
  // its storage now, and how long that goes on at what it carries (+inf while it carries nothing).
  const std::vector<int>& storage_nodes() const { return storage_nodes_; }
  bool on_storage(int v) const {
    return std::visit([&](const auto& c) { return c.on_storage(around(v)); }, nodes_[v]);
  }
  void set_discharge_factor(int v, double factor) {
    std::visit([&](auto& c) { c.set_discharge_factor(factor); }, nodes_[v]);
  }
  // Genset plant v trips at the next event (genset_node.hpp, request_trip); other kinds ignore it.
  bool request_trip(int v, double t) {
    auto* g = std::get_if<GensetNode>(&nodes_[v]);
    return g != nullptr && energized_[v] && g->request_trip(t);
  }
  double storage_runtime_s(int v) const {
    return std::visit([&](const auto& c) { return c.storage_runtime_s(out_kw_[v], around(v)); }, nodes_[v]);
  }
  OutageSigns outage_signs() const;
  double storage_owed_kwh() const;
  std::vector<ComponentReport> component_reports() const;

  double min_ups_state_of_charge() const;
  std::vector<const GensetPlant*> plants() const; // in declaration order
  std::vector<const UtilityFeed*> feeds() const;
  long plant_refusals() const { return plant_refusals_; }
  long capacity_sheds() const { return capacity_sheds_; }

  // The importance sampler's hooks (failure_bias.hpp, power_chain_sampling.cpp), over the
  // components that draw failures, at now().
  // While degraded, the bias goes to the failures that can take IT down (power_chain_sampling.cpp).
  // path_repair_per_s: the power path's repair rate, from which the bias was set.
  void set_failure_bias(const FailureBias& bias, double path_repair_per_s);
  // Where the last set_failure_bias put the bias: per node, the IT power it carries with one way
  // left (biased in full) or whose other ways run on a backup plant (biased at that plant's running
  // failure rate); whether a rack ran on batteries alone (genset starts biased).
  double critical_kw(int v) const { return critical_kw_[v]; }
  double weak_kw(int v) const { return weak_kw_[v]; }
  bool stranded() const { return stranded_; }
  double log_likelihood_ratio();
  // The rate at which active failures end (not const: failure_draws() hands out the draws); with
  // power_path_only, those of the power path alone, without the cooling loads' own failures.
  double repair_rate_per_s(bool power_path_only = false);
  double bias_rate_per_s(bool power_path_only); // the same as the bias sees it (FailureDraws)
  int failure_rate_modes() const;               // rate modes with a positive rate, over the power path
  // Everything as at the start: no failure active, every switch on its normal source, every IT
  // rack powered and booted, every battery full. Any instant in this state is a regeneration point.
  bool all_up();

private:
  LoadNode& load_node(int load) { return std::get<LoadNode>(nodes_[load_node_[load]]); }
  // Every change of a load's boot timer goes here, so complete_boots can skip when none runs.
  void set_boot(int load, double done) {
    ++load_states_epoch_;
    double& at = load_node(load).boot_done;
    boots_pending_ += (done >= 0 ? 1 : 0) - (at >= 0 ? 1 : 0);
    at = done;
  }
  const LoadNode& load_node(int load) const { return std::get<LoadNode>(nodes_[load_node_[load]]); }
  void schedule_faults(std::vector<ScheduledFault> faults);
  void note_node(int v);
  void order_shedding();
  void settle_chain();
  bool decide_chain(std::vector<char>& wants);
  void note_load_changes();
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
  double capacity_kw(int node) const;

  const FacilitySpec& spec_;
  const PowerGraph& graph_;
  const CoolingPlant* draws_ = nullptr;
  std::vector<Component> nodes_;       // per graph node
  std::vector<ScheduledFault> faults_; // in time order; those a component holds itself aside
  std::vector<int> fault_node_;        // the node each of faults_ strikes
  std::size_t next_fault_ = 0;

  std::vector<int> load_node_;               // load index -> graph node
  std::vector<int> node_load_;               // graph node -> load index, or -1
  std::vector<int> it_loads_;                // load indices of the IT racks
  std::vector<std::pair<int, int>> pumps_;   // (CDU pumps load, the rack it cools), per cooling loop
  std::vector<std::vector<int>> shed_order_; // node -> loads below it, first to shed first
  std::vector<char> energized_;              // per node
  std::vector<char> refused_;                // per node: running, but short of the load it would take
  std::vector<char> wants_;                  // per node: asked to start by a node it feeds
  std::vector<char> shedding_before_, refused_before_;                    // per node, as of the last settle
  std::vector<int> switch_nodes_;                                         // graph nodes of transfer switches
  std::vector<std::pair<int, TransferSwitch::State>> switches_at_settle_; // undone when a plant refuses
  bool decisions_now_ = false, decisions_before_ = false; // a shed or refusal in this settle, the last
  long plant_refusals_ = 0, capacity_sheds_ = 0;
  std::vector<double> out_kw_;     // per node: power drawn from its output
  std::vector<char> load_powered_; // per load, as of the last settle
  long load_states_epoch_ = 0;
  double steady_it_kw_ = 0;
  std::vector<char> is_it_; // per load
  std::vector<LoadChange> changes_;
  std::vector<int> booted_;
  int boots_pending_ = 0;           // loads whose boot timer runs
  std::vector<int> drawing_nodes_;  // nodes whose component draws failures (failure_draws())
  std::vector<int> rate_modes_;     // per drawing node: its rate modes with a positive rate
  std::vector<double> critical_kw_; // per node: IT power with one way left (compute_critical_flows)
  std::vector<double> weak_kw_;     // per node: IT power whose other ways run on a backup plant
  std::vector<char> steady_;        // per node: energized from a source up, through no battery
  std::vector<char> secure_;        // per node: steady, and not from a backup plant running
  bool stranded_ = false;           // an IT rack runs on batteries alone
  bool weak_ = false;               // some IT power flows weakly (weak_kw_)
  bool compute_critical_flows();
  void mark_secure();
  std::vector<FirstFailureNode> first_failure_nodes();
  void set_first_failure_bias(const FailureBias& bias);
  double first_failure_share_ = 0;        // the share the factors below were found for
  std::vector<double> first_loss_factor_; // per node (first_failure_bias.hpp)
  double first_other_factor_ = 1;
  std::vector<int> storage_nodes_;      // nodes whose component has a battery
  std::vector<int> integrating_nodes_;  // nodes whose component integrates a state (integrates())
  std::vector<int> timed_nodes_;        // nodes with events of their own (all but loads without failures)
  std::vector<int> supply_nodes_;       // every node but the loads (outage signs, capacities)
  std::vector<int> source_nodes_;       // in node order (is_source())
  std::vector<int> single_cord_feeder_; // per node: a load's one feeder, or -1
  double now_ = 0;
  bool compute_it_powered() const;
  bool it_powered_ = false;
  long settles_ = 0;
};

} // namespace aidcsim::power
