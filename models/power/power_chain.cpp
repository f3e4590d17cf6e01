#include "models/power/power_chain.hpp"

#include "models/power/cooling_plant.hpp"

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
                                std::string(kind_name(graph.node(v).kind)));
  return v;
}
} // namespace

// The lists a node belongs to: switches, failure draws and their rate modes, storage, state.
void PowerChain::note_node(int v) {
  const Component& node = nodes_[v];
  if (std::holds_alternative<SwitchNode>(node))
    switch_nodes_.push_back(v);
  if (std::visit([](auto& c) { return c.failure_draws() != nullptr; }, nodes_[v])) {
    drawing_nodes_.push_back(v);
    int modes = 0;
    for (const FailureMode& m : std::visit([](const auto& c) { return c.failure_modes(); }, node))
      modes += m.basis == FailureMode::Basis::rate_per_s && m.value > 0 ? 1 : 0;
    rate_modes_.push_back(modes);
  }
  if (std::visit([](const auto& c) { return c.state_of_charge() >= 0; }, node))
    storage_nodes_.push_back(v);
  if (std::visit([](const auto& c) { return c.integrates(); }, node))
    integrating_nodes_.push_back(v);
  // A load without failures of its own has no event but its boot's end (boots_pending_), no sign
  // of an outage and no capacity: thousands of racks are left out of these scans.
  if (!std::holds_alternative<LoadNode>(node))
    supply_nodes_.push_back(v);
  if (std::visit([](const auto& c) { return c.is_source(); }, node))
    source_nodes_.push_back(v);
  const auto& feeders = graph_.feeders(v);
  single_cord_feeder_.push_back(std::holds_alternative<LoadNode>(node) && feeders.size() == 1 ? feeders[0]
                                                                                              : -1);
  if (!std::holds_alternative<LoadNode>(node) || std::get<LoadNode>(nodes_[v]).failure_draws() != nullptr)
    timed_nodes_.push_back(v);
}

PowerChain::PowerChain(const FacilitySpec& spec, const PowerGraph& graph, std::uint64_t seed,
                       std::vector<ScheduledFault> faults)
    : spec_(spec), graph_(graph) {
  const std::vector<double> design = graph.design_load_kw(spec);
  const int n = graph.size();
  for (int v = 0; v < n; ++v) {
    nodes_.push_back(make_component(spec_, graph, v, seed, design[v]));
    note_node(v);
  }
  load_node_.resize(spec_.loads.size());
  node_load_.assign(n, -1);
  for (int v = 0; v < n; ++v)
    if (graph.node(v).is_load()) {
      load_node_[graph.node(v).index] = v;
      node_load_[v] = graph.node(v).index;
    }
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    if (spec_.loads[l].it())
      it_loads_.push_back(static_cast<int>(l));
  for (const auto& c : spec_.cooling_loops)
    if (!c.pumps.empty())
      pumps_.emplace_back(graph_.node(graph_.index_of(c.pumps)).index,
                          graph_.node(graph_.index_of(c.rack)).index);
  schedule_faults(std::move(faults));
  order_shedding();
  energized_.assign(n, 0);
  refused_.assign(n, 0);
  wants_.assign(n, 0);
  shedding_before_.assign(n, 0);
  refused_before_.assign(n, 0);
  out_kw_.assign(n, 0.0);
  critical_kw_.assign(n, 0.0);
  weak_kw_.assign(n, 0.0);
  steady_.assign(n, 0);
  secure_.assign(n, 0);
  load_powered_.assign(spec_.loads.size(), 1);
  it_powered_ = compute_it_powered();
  for (const LoadSpec& l : spec_.loads)
    is_it_.push_back(l.it() ? 1 : 0);
}

// Faults a component holds itself (a feed's outages) go to it now; the others wait in time order.
void PowerChain::schedule_faults(std::vector<ScheduledFault> faults) {
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

double PowerChain::capacity_kw(int v) const {
  return std::visit([](const auto& c) { return c.capacity_kw(); }, nodes_[v]);
}

double PowerChain::min_ups_state_of_charge() const {
  double soc = 1.0;
  for (const auto& c : nodes_)
    if (const auto* u = std::get_if<UpsNode>(&c))
      soc = std::min(soc, u->min_state_of_charge());
  return soc;
}

std::vector<const GensetPlant*> PowerChain::plants() const {
  std::vector<const GensetPlant*> plants;
  for (const auto& c : nodes_)
    if (const auto* g = std::get_if<GensetNode>(&c))
      plants.push_back(&g->plant());
  return plants;
}

std::vector<const UtilityFeed*> PowerChain::feeds() const {
  std::vector<const UtilityFeed*> feeds;
  for (const auto& c : nodes_)
    if (const auto* u = std::get_if<UtilityNode>(&c))
      feeds.push_back(&u->feed());
  return feeds;
}

void PowerChain::integrate(double dt, CompensatedSum& source_kwh) {
  // Components' own state (batteries, fuel); a battery's recharge is source energy too.
  // Only the kinds with state: the others add 0, which leaves the compensated sum as it is.
  for (const int v : integrating_nodes_)
    source_kwh += std::visit([&](auto& c) { return c.integrate(dt, out_kw_[v], around(v)); }, nodes_[v]);
}

void PowerChain::add_source_energy(double dt, CompensatedSum& source_kwh) const {
  for (const int v : source_nodes_)
    source_kwh += out_kw_[v] * dt / 3600.0;
}

double PowerChain::bought_kw() const {
  double kw = 0;
  for (const int v : source_nodes_)
    if (!std::holds_alternative<GensetNode>(nodes_[v]))
      kw += out_kw_[v];
  return kw;
}

void PowerChain::process_due(double t) {
  for (auto& c : nodes_)
    std::visit([&](auto& k) { k.process(t); }, c);
  while (next_fault_ < faults_.size() && faults_[next_fault_].at_s <= t) {
    const ScheduledFault& f = faults_[next_fault_];
    std::visit([&](auto& c) { c.apply(f, t); }, nodes_[fault_node_[next_fault_++]]);
  }
}

const std::vector<int>& PowerChain::complete_boots(double t) {
  booted_.clear();
  for (std::size_t l = 0; l < spec_.loads.size() && boots_pending_ > 0; ++l) {
    const double done = load_node(static_cast<int>(l)).boot_done;
    if (done >= 0 && done <= t) {
      set_boot(static_cast<int>(l), -1);
      booted_.push_back(static_cast<int>(l));
    }
  }
  return booted_;
}

// Power drawn from every node's output: each load's draw, passed up through the chain in reverse
// topological order.
void PowerChain::compute_flows() {
  std::fill(out_kw_.begin(), out_kw_.end(), 0.0);
  double steady_kw = 0;
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    if (energized_[load_node_[l]]) {
      const double kw = draw_kw(static_cast<int>(l));
      out_kw_[load_node_[l]] = kw;
      if (is_it_[l] && (boots_pending_ == 0 || load_node(static_cast<int>(l)).boot_done < 0))
        steady_kw += kw;
    }
  steady_it_kw_ = steady_kw;
  const auto& topo = graph_.topological_order();
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    const int v = *it;
    if (!energized_[v])
      continue;
    // A load on one cord passes its draw to its feeder (LoadNode::pass_draw, without the dispatch):
    // the racks are most of the nodes.
    if (const int f = single_cord_feeder_[v]; f >= 0) {
      if (energized_[f] && !std::get<LoadNode>(nodes_[v]).cut(0))
        out_kw_[f] += out_kw_[v];
      continue;
    }
    std::visit([&](const auto& c) { c.pass_draw(out_kw_[v], around(v), out_kw_); }, nodes_[v]);
  }
}

void PowerChain::carried(const std::vector<double>& per_load, std::vector<double>& out) const {
  out.assign(out_kw_.size(), 0.0);
  for (std::size_t l = 0; l < spec_.loads.size() && l < per_load.size(); ++l)
    if (energized_[load_node_[l]])
      out[load_node_[l]] = per_load[l];
  const auto& topo = graph_.topological_order();
  for (auto it = topo.rbegin(); it != topo.rend(); ++it)
    if (energized_[*it])
      std::visit([&](const auto& c) { c.pass_draw(out[*it], around(*it), out); }, nodes_[*it]);
}

void PowerChain::carried(const std::vector<double>& a, const std::vector<double>& b,
                         std::vector<double>& out_a, std::vector<double>& out_b) const {
  out_a.assign(out_kw_.size(), 0.0);
  out_b.assign(out_kw_.size(), 0.0);
  for (std::size_t l = 0; l < spec_.loads.size() && l < a.size() && l < b.size(); ++l)
    if (energized_[load_node_[l]]) {
      out_a[load_node_[l]] = a[l];
      out_b[load_node_[l]] = b[l];
    }
  const auto& topo = graph_.topological_order();
  for (auto it = topo.rbegin(); it != topo.rend(); ++it)
    if (energized_[*it] && (out_a[*it] != 0 || out_b[*it] != 0))
      std::visit(
          [&](const auto& c) {
            const Surroundings s = around(*it);
            c.pass_draw(out_a[*it], s, out_a);
            c.pass_draw(out_b[*it], s, out_b);
          },
          nodes_[*it]);
}

// The chain's state at now, decided afresh: each pass decides switches, plant demand, energized
// states, flows and shedding; passes repeat until nothing changes. A genset plant that is short of
// the load it would take refuses it; the switches' decisions that assumed it are then undone and
// the chain settles again without it (at most once per plant).
void PowerChain::settle() {
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
  const long boots_before = load_states_epoch_;
  note_load_changes();
  if (load_states_epoch_ != boots_before) // racks that just started to boot leave the steady sum
    compute_flows();
  ++load_states_epoch_;
  it_powered_ = compute_it_powered();
  ++settles_;
}

bool PowerChain::reflow_loads() {
  if (decisions_before_)
    return false;
  compute_flows();
  for (const int v : supply_nodes_) // the tests shed_for_capacity and refuse_short_plants make
    if (energized_[v] && out_kw_[v] > capacity_kw(v) * (1 + 1e-6))
      return false;
  changes_.clear();
  return true;
}

void PowerChain::settle_chain() {
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
bool PowerChain::decide_chain(std::vector<char>& wants) {
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
  for (int v = 0; v < size(); ++v)
    if (std::visit([&](auto& k) { return k.demand(wants[v] != 0, now_); }, nodes_[v]))
      changed = true;
  return changed;
}

// Loads that gained or lost power in this settle: their boot timers, and the list the facility
// hands on (metrics, the workload's callbacks).
void PowerChain::note_load_changes() {
  changes_.clear();
  bool restarting = false;
  for (std::size_t l = 0; l < spec_.loads.size(); ++l) {
    const bool powered = energized_[load_node_[l]] != 0;
    if (powered == (load_powered_[l] != 0))
      continue;
    load_powered_[l] = powered ? 1 : 0;
    const double boot_done = powered && spec_.loads[l].boot_s > 0 ? now_ + spec_.loads[l].boot_s : -1;
    set_boot(static_cast<int>(l), boot_done);
    changes_.push_back({static_cast<int>(l), powered});
    restarting = restarting || (powered && spec_.loads[l].rejects_heat() && boot_done > now_);
  }
  // A heat rejection unit that just got its power back draws nothing until it has restarted: the
  // flows above counted it running. (Its draw only drops, so no shedding decision changes.)
  if (restarting)
    compute_flows();
}

double PowerChain::next_event_time() const {
  double t = never;
  for (const int v : timed_nodes_)
    t = std::min(
        t, std::visit([&](const auto& c) { return c.next_event_time(out_kw_[v], around(v)); }, nodes_[v]));
  if (boots_pending_ > 0)
    for (std::size_t l = 0; l < spec_.loads.size(); ++l)
      if (const double done = load_node(static_cast<int>(l)).boot_done; done >= 0)
        t = std::min(t, done);
  if (next_fault_ < faults_.size())
    t = std::min(t, faults_[next_fault_].at_s);
  return t;
}

bool PowerChain::compute_it_powered() const {
  bool ok = true;
  for (int l : it_loads_)
    ok = ok && energized_[load_node_[l]];
  return ok;
}

// What an outage episode sees of the chain after a settle (outage_recorder.hpp).
OutageSigns PowerChain::outage_signs() const {
  OutageSigns signs;
  for (const int v : supply_nodes_)
    std::visit([&](const auto& c) { c.outage_signs(out_kw_[v], around(v), signs); }, nodes_[v]);
  return signs;
}

// Batteries start full: what they still miss was supplied by storage.
double PowerChain::storage_owed_kwh() const {
  double kwh = 0;
  for (const auto& c : nodes_)
    kwh += std::visit([](const auto& k) { return k.storage_owed_kwh(); }, c);
  return kwh;
}

std::vector<ComponentReport> PowerChain::component_reports() const {
  std::vector<ComponentReport> reports;
  for (int v = 0; v < size(); ++v) {
    std::vector<Metric> metrics = std::visit([](const auto& c) { return c.metrics(); }, nodes_[v]);
    if (metrics.empty())
      continue;
    std::string kind(std::visit([](const auto& c) { return c.timeline_kind(); }, nodes_[v]));
    reports.push_back({graph_.node(v).id, std::move(kind), std::move(metrics)});
  }
  return reports;
}

} // namespace aidcsim::power
