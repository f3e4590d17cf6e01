#include "models/power/facility.hpp"

#include "engine/base/units.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aidcsim::power {
namespace {
constexpr double never = std::numeric_limits<double>::infinity();

// The node a scheduled fault strikes. The loaders check ids and kinds against the scenario; a
// model handed a fault it cannot apply is a programming error and says so, never guesses.
int fault_target(const PowerGraph& graph, const std::vector<Component>& nodes, const ScheduledFault& f) {
  const int v = graph.index_of(f.component);
  if (v < 0)
    throw std::invalid_argument("Facility: a scheduled fault names '" + f.component +
                                "', which is not a component of the facility");
  if (!std::visit([&](const auto& c) { return c.accepts(f.kind); }, nodes[v]))
    throw std::invalid_argument("Facility: a scheduled fault cannot strike '" + f.component + "', a " +
                                std::string(node_kind_name(graph.node(v).kind)));
  return v;
}
} // namespace

Facility::Facility(const FacilitySpec& spec, const PowerGraph& graph, std::uint64_t seed,
                   std::vector<ScheduledFault> faults)
    : spec_(spec), graph_(graph) {
  const std::vector<double> design = graph.design_load_kw(spec);
  const int n = graph.size();
  for (int v = 0; v < n; ++v) {
    nodes_.push_back(make_component(spec_, graph, v, seed, design[v]));
    if (std::holds_alternative<SwitchNode>(nodes_.back()))
      switch_nodes_.push_back(v);
  }
  load_node_.resize(spec_.loads.size());
  node_load_.assign(n, -1);
  for (int v = 0; v < n; ++v)
    if (graph.node(v).kind == NodeKind::load) {
      load_node_[graph.node(v).index] = v;
      node_load_[v] = graph.node(v).index;
    }
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    if (spec_.loads[l].it())
      it_loads_.push_back(static_cast<int>(l));
  schedule_faults(std::move(faults));
  order_shedding();
  init_cooling();
  last_loop_state_.assign(loops_.size(), "");
  energized_.assign(n, 0);
  refused_.assign(n, 0);
  wants_.assign(n, 0);
  shedding_before_.assign(n, 0);
  refused_before_.assign(n, 0);
  out_kw_.assign(n, 0.0);
  load_powered_.assign(spec_.loads.size(), 1);
  load_metrics_.assign(spec_.loads.size(), {});
  last_state_.assign(n, "");
  last_load_kw_.assign(n, -1.0);
  start();
}

// Faults a component holds itself (a feed's outages) go to it now; the others wait in time order.
void Facility::schedule_faults(std::vector<ScheduledFault> faults) {
  std::stable_sort(faults.begin(), faults.end(),
                   [](const ScheduledFault& a, const ScheduledFault& b) { return a.at_s < b.at_s; });
  for (const auto& f : faults) {
    const int v = fault_target(graph_, nodes_, f);
    if (!std::visit([&](auto& c) { return c.schedule(f); }, nodes_[v])) {
      faults_.push_back(f);
      fault_node_.push_back(v);
    }
  }
}

// For every node, the loads below it in the order they are shed: lowest priority first, then the
// largest (fewest loads dropped), then declaration order.
void Facility::order_shedding() {
  const int n = graph_.size();
  shed_order_.assign(n, {});
  for (int v = 0; v < n; ++v) {
    std::vector<char> seen(n, 0);
    std::vector<int> queue{v};
    seen[v] = 1;
    for (std::size_t q = 0; q < queue.size(); ++q)
      for (int w : graph_.fed(queue[q]))
        if (!seen[w]) {
          seen[w] = 1;
          queue.push_back(w);
          if (node_load_[w] >= 0)
            shed_order_[v].push_back(node_load_[w]);
        }
    std::stable_sort(shed_order_[v].begin(), shed_order_[v].end(), [&](int a, int b) {
      const LoadSpec& la = spec_.loads[a];
      const LoadSpec& lb = spec_.loads[b];
      if (la.priority != lb.priority)
        return la.priority < lb.priority;
      if (la.load_kw != lb.load_kw)
        return la.load_kw > lb.load_kw;
      return a < b;
    });
  }
}

// The chain with every source up, the loops at equilibrium, then the faults due at time 0.
void Facility::start() {
  settle();
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    if (!energized_[load_node_[l]])
      throw std::logic_error("Facility: load '" + spec_.loads[l].id + "' is unpowered with every source up");
  // Cooling loops start in their steady state at full load.
  update_loops();
  for (std::size_t i = 0; i < loops_.size(); ++i) {
    loops_[i].start_at_equilibrium();
    cooling_metrics_[i].peak_chip_c = loops_[i].chip_c();
    cooling_metrics_[i].peak_coolant_c = loops_[i].coolant_c();
  }
  // Faults scheduled at time 0 apply before the first event.
  process_due(now_);
  settle();
  update_loops();
  track_episode();
  compute_next();
}

double Facility::capacity_kw(int v) const {
  return std::visit([](const auto& c) { return c.capacity_kw(); }, nodes_[v]);
}

double Facility::min_ups_state_of_charge() const {
  double soc = 1.0;
  for (const auto& c : nodes_)
    if (const auto* u = std::get_if<UpsNode>(&c))
      soc = std::min(soc, u->min_state_of_charge());
  return soc;
}

std::vector<const GensetPlant*> Facility::plants() const {
  std::vector<const GensetPlant*> plants;
  for (const auto& c : nodes_)
    if (const auto* g = std::get_if<GensetNode>(&c))
      plants.push_back(&g->plant());
  return plants;
}

std::vector<const UtilityFeed*> Facility::feeds() const {
  std::vector<const UtilityFeed*> feeds;
  for (const auto& c : nodes_)
    if (const auto* u = std::get_if<UtilityNode>(&c))
      feeds.push_back(&u->feed());
  return feeds;
}

void Facility::integrate(double t) {
  const double dt = t - now_;
  if (dt <= 0)
    return;
  // Components' own state (batteries, fuel); a battery's recharge is source energy too.
  for (int v = 0; v < graph_.size(); ++v)
    energy_.source_kwh +=
        std::visit([&](auto& c) { return c.integrate(dt, out_kw_[v], around(v)); }, nodes_[v]);
  integrate_cooling(dt);
  // Energy for PUE, at the constant flows of the interval.
  for (int v = 0; v < graph_.size(); ++v)
    if (std::visit([](const auto& c) { return c.is_source(); }, nodes_[v]))
      energy_.source_kwh += out_kw_[v] * dt / 3600.0;
  integrate_loads(dt, t);
  now_ = t;
}

// What the loads drew and missed over [now, t] (dt = t - now).
void Facility::integrate_loads(double dt, double t) {
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    if (energized_[load_node_[l]])
      (spec_.loads[l].it() ? energy_.it_kwh : energy_.cooling_kwh) +=
          draw_kw(static_cast<int>(l)) * dt / 3600.0;
  int it_down = 0;
  for (std::size_t l = 0; l < spec_.loads.size(); ++l) {
    LoadMetrics& m = load_metrics_[l];
    const double boot_done = load_node(static_cast<int>(l)).boot_done;
    if (!energized_[load_node_[l]]) {
      m.unpowered_s += dt;
      m.service_down_s += dt;
      m.unserved_kwh += spec_.loads[l].load_kw * dt / 3600.0;
      it_down += spec_.loads[l].it() ? 1 : 0;
    } else if (boot_done > now_) {
      m.service_down_s += std::min(dt, boot_done - now_);
    }
  }
  recorder_.book_it_downtime(now_, t,
                             it_loads_.empty() ? 0.0 : static_cast<double>(it_down) / it_loads_.size());
}

void Facility::process_due(double t) {
  for (auto& c : nodes_)
    std::visit([&](auto& k) { k.process(t); }, c);
  while (next_fault_ < faults_.size() && faults_[next_fault_].at_s <= t) {
    const ScheduledFault& f = faults_[next_fault_];
    std::visit([&](auto& c) { c.apply(f, t); }, nodes_[fault_node_[next_fault_++]]);
  }
  apply_thermal_states(t);
  for (std::size_t l = 0; l < spec_.loads.size(); ++l) {
    LoadNode& node = load_node(static_cast<int>(l));
    if (node.boot_done >= 0 && node.boot_done <= t) {
      node.boot_done = -1;
      if (on_load_booted)
        on_load_booted(static_cast<int>(l));
    }
  }
}

// Power drawn from every node's output: each load's draw, passed up through the chain in reverse
// topological order.
void Facility::compute_flows() {
  std::fill(out_kw_.begin(), out_kw_.end(), 0.0);
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    if (energized_[load_node_[l]])
      out_kw_[load_node_[l]] = draw_kw(static_cast<int>(l));
  const auto& topo = graph_.topological_order();
  for (auto it = topo.rbegin(); it != topo.rend(); ++it)
    if (energized_[*it])
      std::visit([&](const auto& c) { c.pass_draw(out_kw_[*it], around(*it), out_kw_); }, nodes_[*it]);
}

bool Facility::pumps_of_powered_rack(int load) const {
  for (std::size_t i = 0; i < loops_.size(); ++i)
    if (loop_pumps_[i] == load && energized_[load_node_[loop_rack_[i]]] && !load_node(loop_rack_[i]).shed)
      return true;
  return false;
}

// Relieves the first overloaded component (in topological order) by one step: a dual-corded load
// moved to its other cord, a UPS input dropped or a load shed. A component whose overload is
// refused instead (a genset plant without load shedding) is left to refuse_short_plants.
bool Facility::shed_for_capacity() {
  for (int v : graph_.topological_order()) {
    if (!energized_[v] || out_kw_[v] <= capacity_kw(v) * (1 + 1e-6) || // (1e-6: rounding of host wattages)
        std::visit([](const auto& c) { return c.overload_refuses(); }, nodes_[v]))
      continue;
    const DrawTree tree = draw_tree(v);
    if (move_dual_corded_off(v, tree) || shed_below(v, tree))
      return true;
  }
  return false;
}

// The nodes that draw their power through v as the chain stands: switches on v, UPS online from
// v, distribution fed by v, loads with a live cord from one of these.
Facility::DrawTree Facility::draw_tree(int v) const {
  const int n = graph_.size();
  DrawTree tree{std::vector<char>(n, 0), std::vector<int>(n, -1)};
  std::vector<int> queue{v};
  tree.through[v] = 1;
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const int u = queue[q];
    for (int w : graph_.fed(u)) {
      if (tree.through[w] || !energized_[w] ||
          !std::visit([&](const auto& c) { return c.draws_through(u, around(w)); }, nodes_[w]))
        continue;
      tree.through[w] = 1;
      tree.parent[w] = u;
      queue.push_back(w);
    }
  }
  return tree;
}

// A dual-corded load under v moves wholly to a cord that does not pass through v: nothing is lost.
bool Facility::move_dual_corded_off(int v, const DrawTree& tree) {
  for (int l : shed_order_[v]) {
    const int w = load_node_[l];
    const auto& in = graph_.feeders(w);
    if (!tree.through[w] || in.size() < 2)
      continue;
    LoadNode& node = load_node(l);
    const Surroundings s = around(w);
    for (std::size_t k = 0; k < in.size(); ++k) {
      if (!tree.through[in[k]] || !node.cord_live(k, s))
        continue;
      for (std::size_t j = 0; j < in.size(); ++j)
        if (j != k && node.cord_live(j, s) && !tree.through[in[j]]) {
          node.cut_cord(k);
          return true;
        }
    }
  }
  return false;
}

// Sheds the first load under v in shedding order; a rack's CDU pumps go only after their rack. A
// load behind a component that can carry on from storage (a UPS with charge left) is dropped at
// that component's input instead: its battery goes on carrying it, and whatever else it feeds.
bool Facility::shed_below(int v, const DrawTree& tree) {
  for (int l : shed_order_[v]) {
    const int w = load_node_[l];
    if (!tree.through[w] || load_node(l).shed || pumps_of_powered_rack(l))
      continue;
    for (int u = tree.parent[w]; u != v && u >= 0; u = tree.parent[u])
      if (std::visit([&](auto& c) { return c.shed_input(shedding_before_[u] != 0); }, nodes_[u]))
        return decisions_now_ = true;
    load_node(l).shed = decisions_now_ = true;
    return true;
  }
  return false;
}

// The chain's state at now, decided afresh: each pass decides switches, plant demand, energized
// states, flows and shedding; passes repeat until nothing changes. A genset plant that is short of
// the load it would take refuses it; the switches' decisions that assumed it are then undone and
// the chain settles again without it (at most once per plant).
void Facility::settle() {
  switches_at_settle_.clear();
  for (int v : switch_nodes_)
    switches_at_settle_.emplace_back(v, std::get<SwitchNode>(nodes_[v]).state());
  std::fill(refused_.begin(), refused_.end(), 0);
  decisions_now_ = false;
  while (true) {
    settle_chain();
    if (!refuse_short_plants())
      break;
    for (const auto& [v, state] : switches_at_settle_)
      std::get<SwitchNode>(nodes_[v]).restore(state);
  }
  count_new_sheds();
  notify_load_changes();
}

bool Facility::refuse_short_plants() {
  bool refused = false;
  for (int v : graph_.topological_order()) {
    if (!energized_[v] || !std::visit([](const auto& c) { return c.overload_refuses(); }, nodes_[v]))
      continue;
    if (out_kw_[v] > capacity_kw(v) * (1 + 1e-6)) {
      refused_[v] = 1;
      refused = decisions_now_ = true;
    }
  }
  return refused;
}

// Counts the decisions that are new since the last settle: a plant refusing its load, a load shed
// or a UPS input dropped.
void Facility::count_new_sheds() {
  // Nothing shed or refused now nor at the last settle: every state is 0 and stays 0.
  const bool before = decisions_before_;
  decisions_before_ = decisions_now_;
  if (!decisions_now_ && !before)
    return;
  long refusals = 0, sheds = 0;
  for (int v = 0; v < graph_.size(); ++v) {
    const bool shedding = std::visit([](const auto& c) { return c.shedding(); }, nodes_[v]);
    refusals += refused_[v] && !refused_before_[v] ? 1 : 0;
    sheds += shedding && !shedding_before_[v] ? 1 : 0;
    refused_before_[v] = refused_[v];
    shedding_before_[v] = shedding ? 1 : 0;
  }
  plant_refusals_ += refusals;
  capacity_sheds_ += sheds;
}

void Facility::settle_chain() {
  for (auto& c : nodes_)
    std::visit([](auto& k) { k.clear_shedding(); }, c);
  const int limit = static_cast<int>(spec_.loads.size()) + 8;
  for (int pass = 0; pass < limit; ++pass) {
    bool changed = decide_chain(wants_);
    compute_flows();
    if (shed_for_capacity())
      changed = true;
    if (!changed)
      break;
  }
}

// One pass in topological order: every node decides its output from its inputs and may ask a
// feeder to start; then the plants asked (or no longer asked) start or stop. True if any did.
bool Facility::decide_chain(std::vector<char>& wants) {
  std::fill(wants.begin(), wants.end(), 0);
  for (int v : graph_.topological_order()) {
    const Surroundings s = around(v);
    Component& c = nodes_[v];
    energized_[v] = std::visit([&](auto& k) { return k.decide(s); }, c) ? 1 : 0;
    const int slot = std::visit([&](const auto& k) { return k.demanded_feeder(s); }, c);
    if (slot >= 0)
      wants[s.feeders[slot]] = 1;
  }
  bool changed = false;
  for (int v = 0; v < graph_.size(); ++v)
    if (std::visit([&](auto& k) { return k.demand(wants[v] != 0, now_); }, nodes_[v]))
      changed = true;
  return changed;
}

// Loads that gained or lost power in this settle: metrics, boot timers and the callbacks.
void Facility::notify_load_changes() {
  bool restarting = false;
  for (std::size_t l = 0; l < spec_.loads.size(); ++l) {
    const bool powered = energized_[load_node_[l]] != 0;
    if (powered == (load_powered_[l] != 0))
      continue;
    load_powered_[l] = powered ? 1 : 0;
    const int load = static_cast<int>(l);
    LoadNode& node = load_node(load);
    if (!powered) {
      ++load_metrics_[l].power_losses;
      node.boot_done = -1;
    } else {
      node.boot_done = spec_.loads[l].boot_s > 0 ? now_ + spec_.loads[l].boot_s : -1;
    }
    if (on_load_power)
      on_load_power(load, powered);
    if (powered && spec_.loads[l].boot_s <= 0 && on_load_booted)
      on_load_booted(load);
    restarting = restarting || (powered && spec_.loads[l].rejects_heat() && node.boot_done > now_);
  }
  // A heat rejection unit that just got its power back draws nothing until it has restarted: the
  // flows above counted it running. (Its draw only drops, so no shedding decision changes.)
  if (restarting)
    compute_flows();
}

void Facility::advance_to(double t) {
  if (t < now_)
    throw std::logic_error("Facility::advance_to: time goes backwards");
  integrate(t);
  process_due(t);
  settle();
  after_settle();
  ++events_;
}

// After the chain has settled at now: the loops' inputs, the outage episode, the timeline and the
// next event.
void Facility::after_settle() {
  update_loops();
  track_episode();
  if (on_timeline) {
    emit_timeline();
    emit_water_timeline(false);
    emit_cooling_timeline(false);
  }
  compute_next();
}

void Facility::finish(double t) {
  integrate(t);
  // Batteries start full: what they still miss at the end was supplied by storage.
  energy_.storage_drawdown_kwh = 0;
  for (const auto& c : nodes_)
    energy_.storage_drawdown_kwh += std::visit([](const auto& k) { return k.storage_owed_kwh(); }, c);
  if (on_timeline) { // every component's state at the end, so plots span the whole run
    std::fill(last_state_.begin(), last_state_.end(), std::string());
    last_facility_key_.clear();
    emit_timeline();
    emit_cooling_timeline(true);
    emit_water_timeline(true);
  }
  recorder_.finish(now_);
}

void Facility::compute_next() {
  double t = never;
  const bool timeline = static_cast<bool>(on_timeline);
  for (int v = 0; v < graph_.size(); ++v)
    t = std::min(t,
                 std::visit([&](const auto& c) { return c.next_event_time(out_kw_[v], around(v), timeline); },
                            nodes_[v]));
  if (next_fault_ < faults_.size())
    t = std::min(t, faults_[next_fault_].at_s);
  t = std::min(t, now_ + next_cooling_event_in());
  // Late in a long run the clock's resolution is coarse (3e-5 s at 1.6e11 s): a battery a
  // rounding residue away from empty computes an "empty" time equal to now. Step one ulp instead,
  // so the residue drains and time always moves on.
  if (!(t > now_)) {
    t = std::nextafter(now_, never);
    // A handful of such steps drain a residue; many mean an event that is never consumed.
    if (++ulp_steps_ > 1000)
      throw std::logic_error("Facility: no progress at " + std::to_string(now_) +
                             " s (an event is never consumed)");
  } else {
    ulp_steps_ = 0;
  }
  next_ = t;
}
} // namespace aidcsim::power
