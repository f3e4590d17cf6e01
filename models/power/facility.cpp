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
int fault_target(const PowerGraph& graph, const ScheduledFault& f) {
  const int v = graph.index_of(f.component);
  if (v < 0)
    throw std::invalid_argument("Facility: a scheduled fault names '" + f.component +
                                "', which is not a component of the facility");
  const NodeKind kind = graph.node(v).kind;
  const bool fits =
      f.kind == ScheduledFault::Kind::utility_loss ? kind == NodeKind::utility
      : f.kind == ScheduledFault::Kind::genset_fail_to_start
          ? kind == NodeKind::genset_plant
          : kind == NodeKind::ups || kind == NodeKind::distribution || kind == NodeKind::transfer_switch;
  if (!fits)
    throw std::invalid_argument("Facility: a scheduled fault cannot strike '" + f.component + "', a " +
                                std::string(node_kind_name(kind)));
  return v;
}
} // namespace

Facility::Facility(const FacilitySpec& spec, const PowerGraph& graph, std::uint64_t seed,
                   std::vector<ScheduledFault> faults)
    : spec_(spec), graph_(graph) {
  const std::vector<double> design = graph.design_load_kw(spec);
  for (const auto& u : spec_.utilities)
    feeds_.emplace_back(u, RandomStream(seed, "utility/" + u.id));
  for (const auto& g : spec_.gensets)
    plants_.emplace_back(g, design[graph.index_of(g.id)], RandomStream(seed, "genset/" + g.id));
  for (const auto& s : spec_.switches) {
    switches_.emplace_back(s);
    switch_failures_.emplace_back(1, s.failures, RandomStream(seed, "switch/" + s.id));
  }
  for (const auto& u : spec_.ups)
    ups_.emplace_back(u, RandomStream(seed, "ups/" + u.id));
  for (const auto& d : spec_.distribution)
    distribution_.emplace_back(1, d.failures, RandomStream(seed, "distribution/" + d.id));

  std::stable_sort(faults.begin(), faults.end(),
                   [](const ScheduledFault& a, const ScheduledFault& b) { return a.at_s < b.at_s; });
  for (const auto& f : faults) {
    const int v = fault_target(graph, f);
    if (f.kind == ScheduledFault::Kind::utility_loss) {
      feeds_[graph.node(v).index].schedule_outage(f.at_s, f.duration_s);
    } else {
      faults_.push_back(f);
      fault_node_.push_back(v);
    }
  }

  const int n = graph.size();
  load_node_.resize(spec_.loads.size());
  for (int v = 0; v < n; ++v)
    if (graph.node(v).kind == NodeKind::load)
      load_node_[graph.node(v).index] = v;
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    if (spec_.loads[l].it())
      it_loads_.push_back(static_cast<int>(l));

  // For every node, the loads below it in the order they are shed: lowest priority first, then
  // the largest (fewest loads dropped), then declaration order.
  shed_order_.assign(n, {});
  for (int v = 0; v < n; ++v) {
    std::vector<char> seen(n, 0);
    std::vector<int> queue{v};
    seen[v] = 1;
    for (std::size_t q = 0; q < queue.size(); ++q)
      for (int w : graph.fed(queue[q]))
        if (!seen[w]) {
          seen[w] = 1;
          queue.push_back(w);
          if (graph.node(w).kind == NodeKind::load)
            shed_order_[v].push_back(graph.node(w).index);
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

  init_cooling();
  battery_owed_kwh_.assign(ups_.size(), 0.0);
  last_loop_state_.assign(loops_.size(), "");
  energized_.assign(n, 0);
  shed_.assign(spec_.loads.size(), 0);
  shed_before_.assign(spec_.loads.size(), 0);
  input_cut_.assign(ups_.size(), 0);
  input_cut_before_.assign(ups_.size(), 0);
  refused_.assign(plants_.size(), 0);
  refused_before_.assign(plants_.size(), 0);
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    cut_.emplace_back(spec_.loads[l].fed_by.size(), 0);
  out_kw_.assign(n, 0.0);
  boot_done_.assign(spec_.loads.size(), -1.0);
  load_powered_.assign(spec_.loads.size(), 1);
  load_metrics_.assign(spec_.loads.size(), {});
  last_state_.assign(n, "");
  last_load_kw_.assign(n, -1.0);
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
  const GraphNode& node = graph_.node(v);
  switch (node.kind) {
  case NodeKind::genset_plant:
    return plants_[node.index].capacity_kw();
  case NodeKind::ups:
    return ups_[node.index].capacity_kw();
  case NodeKind::distribution:
    return spec_.distribution[node.index].rating_kw > 0 ? spec_.distribution[node.index].rating_kw : never;
  default:
    return never;
  }
}

void Facility::integrate(double t) {
  const double dt = t - now_;
  if (dt <= 0)
    return;
  for (int v = 0; v < graph_.size(); ++v) {
    const GraphNode& node = graph_.node(v);
    if (node.kind == NodeKind::ups) {
      UpsSystem& u = ups_[node.index];
      const bool input_ok = ups_input_ok(v);
      const double soc_before = u.battery().state_of_charge();
      u.integrate(dt, input_ok, out_kw_[v]);
      // Energy accounting follows the energy, not the state of charge (Peukert makes them differ):
      // what the battery gave is owed, and the charger's draw (not in the flows) repays it, in
      // proportion to the charge it restores, through the UPS's efficiency.
      double& owed = battery_owed_kwh_[node.index];
      if (!input_ok) {
        owed += out_kw_[v] * dt / 3600.0 / spec_.ups[node.index].efficiency;
      } else if (const double charged = u.battery().state_of_charge() - soc_before; charged > 0) {
        const double repaid = owed * std::min(1.0, charged / (1.0 - soc_before));
        energy_.source_kwh += repaid;
        owed -= repaid;
      }
      min_soc_ = std::min(min_soc_, u.battery().state_of_charge());
    } else if (node.kind == NodeKind::genset_plant) {
      plants_[node.index].integrate(dt, out_kw_[v]);
    }
  }
  integrate_cooling(dt);
  // Energy for PUE, at the constant flows of the interval.
  for (int v = 0; v < graph_.size(); ++v) {
    const NodeKind kind = graph_.node(v).kind;
    if (kind == NodeKind::utility || kind == NodeKind::genset_plant)
      energy_.source_kwh += out_kw_[v] * dt / 3600.0;
  }
  for (std::size_t l = 0; l < spec_.loads.size(); ++l)
    if (energized_[load_node_[l]])
      (spec_.loads[l].it() ? energy_.it_kwh : energy_.cooling_kwh) +=
          draw_kw(static_cast<int>(l)) * dt / 3600.0;
  int it_down = 0;
  for (std::size_t l = 0; l < spec_.loads.size(); ++l) {
    LoadMetrics& m = load_metrics_[l];
    if (!energized_[load_node_[l]]) {
      m.unpowered_s += dt;
      m.service_down_s += dt;
      m.unserved_kwh += spec_.loads[l].load_kw * dt / 3600.0;
      it_down += spec_.loads[l].it() ? 1 : 0;
    } else if (boot_done_[l] > now_) {
      m.service_down_s += std::min(dt, boot_done_[l] - now_);
    }
  }
  book_it_downtime(now_, t, it_loads_.empty() ? 0.0 : static_cast<double>(it_down) / it_loads_.size());
  now_ = t;
}

// Books IT downtime (the fraction of IT loads down, over [from, to]) into yearly samples,
// splitting the interval at year boundaries.
void Facility::book_it_downtime(double from, double to, double fraction) {
  while (true) {
    const long year = static_cast<long>(from / units::seconds_per_year);
    while (current_year_ < year) {
      yearly_.add(current_year_min_);
      current_year_min_ = 0;
      ++current_year_;
    }
    const double year_end = static_cast<double>(year + 1) * units::seconds_per_year;
    const double until = std::min(to, year_end);
    if (fraction > 0)
      current_year_min_ += fraction * (until - from) / 60.0;
    if (to <= year_end)
      return;
    from = year_end;
  }
}

void Facility::process_due(double t) {
  for (auto& f : feeds_)
    f.process(t);
  for (auto& p : plants_)
    p.process(t);
  for (auto& u : ups_)
    u.process(t);
  for (auto& d : distribution_)
    d.process(t);
  for (auto& s : switch_failures_)
    s.process(t);
  while (next_fault_ < faults_.size() && faults_[next_fault_].at_s <= t) {
    const GraphNode& node = graph_.node(fault_node_[next_fault_]);
    const ScheduledFault& f = faults_[next_fault_++];
    if (f.kind == ScheduledFault::Kind::genset_fail_to_start) {
      plants_[node.index].force_units_fail_to_start(f.count > 0 ? f.count : plants_[node.index].spec().units);
    } else if (node.kind == NodeKind::ups) {
      ups_[node.index].force_down(f.count > 0 ? f.count : spec_.ups[node.index].modules, t + f.duration_s);
    } else if (node.kind == NodeKind::distribution) {
      distribution_[node.index].force_down(1, t + f.duration_s);
    } else if (node.kind == NodeKind::transfer_switch) {
      switch_failures_[node.index].force_down(1, t + f.duration_s);
    }
  }
  apply_thermal_states(t);
  for (std::size_t l = 0; l < boot_done_.size(); ++l)
    if (boot_done_[l] >= 0 && boot_done_[l] <= t) {
      boot_done_[l] = -1;
      if (on_load_booted)
        on_load_booted(static_cast<int>(l));
    }
}

void Facility::compute_flows() {
  std::fill(out_kw_.begin(), out_kw_.end(), 0.0);
  const auto& topo = graph_.topological_order();
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    const int v = *it;
    if (!energized_[v])
      continue;
    const GraphNode& node = graph_.node(v);
    const auto& in = graph_.feeders(v);
    switch (node.kind) {
    case NodeKind::load: {
      int live = 0;
      for (std::size_t k = 0; k < in.size(); ++k)
        live += cord_live(node.index, k) ? 1 : 0;
      const double share = draw_kw(node.index) / live; // dual-corded: split evenly
      for (std::size_t k = 0; k < in.size(); ++k)
        if (cord_live(node.index, k))
          out_kw_[in[k]] += share;
      break;
    }
    case NodeKind::ups:
      if (ups_input_ok(v))
        out_kw_[in[0]] += out_kw_[v] / spec_.ups[node.index].efficiency;
      break;
    case NodeKind::distribution:
      out_kw_[in[0]] += out_kw_[v];
      break;
    case NodeKind::transfer_switch:
      out_kw_[switches_[node.index].position() == TransferSwitch::Position::normal ? in[0] : in[1]] +=
          out_kw_[v];
      break;
    case NodeKind::utility:
    case NodeKind::genset_plant:
      break;
    }
  }
}

bool Facility::pumps_of_powered_rack(int load) const {
  for (std::size_t i = 0; i < loops_.size(); ++i)
    if (loop_pumps_[i] == load && energized_[load_node_[loop_rack_[i]]] && !shed_[loop_rack_[i]])
      return true;
  return false;
}

bool Facility::cord_live(int load, std::size_t cord) const {
  return energized_[graph_.feeders(load_node_[load])[cord]] && !cut_[load][cord];
}

bool Facility::ups_input_ok(int v) const {
  return energized_[graph_.feeders(v)[0]] && !input_cut_[graph_.node(v).index];
}

// Whether an overload of this node is relieved by shedding what it feeds. A genset plant without
// load shedding instead refuses the load (refuse_short_plants).
bool Facility::sheds_for_capacity(int v) const {
  const GraphNode& node = graph_.node(v);
  return node.kind != NodeKind::genset_plant ||
         spec_.gensets[node.index].load_shedding == GensetPlantSpec::LoadShedding::priority;
}

bool Facility::shed_for_capacity() {
  const int n = graph_.size();
  for (int v : graph_.topological_order()) {
    if (!energized_[v] || out_kw_[v] <= capacity_kw(v) * (1 + 1e-6) || !sheds_for_capacity(v))
      continue; // (the 1e-6: rounding of host wattages)
    // The nodes that draw their power through v as the chain stands: switches on v, UPS online
    // from v, distribution fed by v, loads with a live cord from one of these.
    std::vector<char> through(n, 0);
    std::vector<int> parent(n, -1); // the node w draws through, on one path from v
    std::vector<int> queue{v};
    through[v] = 1;
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const int u = queue[q];
      for (int w : graph_.fed(u)) {
        if (through[w] || !energized_[w])
          continue;
        const GraphNode& node = graph_.node(w);
        const auto& in = graph_.feeders(w);
        bool draws = false;
        switch (node.kind) {
        case NodeKind::transfer_switch:
          draws = in[switches_[node.index].position() == TransferSwitch::Position::normal ? 0 : 1] == u;
          break;
        case NodeKind::load:
          for (std::size_t k = 0; k < in.size(); ++k)
            draws = draws || (in[k] == u && cord_live(node.index, k));
          break;
        case NodeKind::ups:
          draws = !input_cut_[node.index]; // its one feeder is u, and it is energized
          break;
        case NodeKind::distribution:
        case NodeKind::utility:
        case NodeKind::genset_plant:
          draws = true; // one feeder, u, energized (sources have none)
          break;
        }
        if (draws) {
          through[w] = 1;
          parent[w] = u;
          queue.push_back(w);
        }
      }
    }
    // First move dual-corded loads wholly to a cord that does not pass through v: nothing is lost.
    for (int l : shed_order_[v]) {
      const auto& in = graph_.feeders(load_node_[l]);
      if (!through[load_node_[l]] || in.size() < 2)
        continue;
      for (std::size_t k = 0; k < in.size(); ++k) {
        if (!through[in[k]] || !cord_live(l, k))
          continue;
        for (std::size_t j = 0; j < in.size(); ++j)
          if (j != k && cord_live(l, j) && !through[in[j]]) {
            cut_[l][k] = 1;
            return true;
          }
      }
    }
    // Then shed whole loads, in shedding order; a rack's CDU pumps go only after their rack. A
    // load behind a UPS with charge left is dropped at that UPS's input, not at the load: its
    // battery goes on carrying it (and whatever else it feeds) until empty. An input dropped
    // before stays dropped once the battery is empty: restoring it would recharge the battery
    // from the overloaded source and put the load back on a few seconds of charge at the next
    // event, again and again.
    for (int l : shed_order_[v])
      if (through[load_node_[l]] && !shed_[l] && !pumps_of_powered_rack(l)) {
        for (int u = parent[load_node_[l]]; u != v && u >= 0; u = parent[u]) {
          const GraphNode& node = graph_.node(u);
          if (node.kind == NodeKind::ups &&
              (ups_[node.index].output_ok(false) || input_cut_before_[node.index])) {
            input_cut_[node.index] = 1;
            return true;
          }
        }
        shed_[l] = 1;
        return true;
      }
  }
  return false;
}

// The chain's state at now, decided afresh: each pass decides switches, plant demand, energized
// states, flows and shedding; passes repeat until nothing changes. A genset plant that is short of
// the load it would take refuses it; the switches' decisions that assumed it are then undone and
// the chain settles again without it (at most once per plant).
void Facility::settle() {
  switches_at_settle_.resize(switches_.size());
  for (std::size_t s = 0; s < switches_.size(); ++s)
    switches_at_settle_[s] = switches_[s].state();
  std::fill(refused_.begin(), refused_.end(), 0);
  while (true) {
    settle_chain();
    if (!refuse_short_plants())
      break;
    for (std::size_t s = 0; s < switches_.size(); ++s)
      switches_[s].restore(switches_at_settle_[s]);
  }
  count_new_sheds();
  notify_load_changes();
}

bool Facility::refuse_short_plants() {
  bool refused = false;
  for (int v : graph_.topological_order()) {
    const GraphNode& node = graph_.node(v);
    if (node.kind != NodeKind::genset_plant || !energized_[v] || sheds_for_capacity(v))
      continue;
    if (out_kw_[v] > plants_[node.index].capacity_kw() * (1 + 1e-6)) {
      refused_[node.index] = 1;
      refused = true;
    }
  }
  return refused;
}

// Counts the decisions that are new since the last settle: a plant refusing its load, a load shed
// or a UPS input dropped.
void Facility::count_new_sheds() {
  const auto count = [](const std::vector<char>& now, std::vector<char>& before) {
    long fresh = 0;
    for (std::size_t i = 0; i < now.size(); ++i)
      fresh += now[i] && !before[i] ? 1 : 0;
    before = now;
    return fresh;
  };
  plant_refusals_ += count(refused_, refused_before_);
  capacity_sheds_ += count(shed_, shed_before_) + count(input_cut_, input_cut_before_);
}

void Facility::settle_chain() {
  std::fill(shed_.begin(), shed_.end(), 0);
  std::fill(input_cut_.begin(), input_cut_.end(), 0);
  for (auto& cords : cut_)
    std::fill(cords.begin(), cords.end(), 0);
  std::vector<char> wants(plants_.size(), 0);
  const int limit = static_cast<int>(spec_.loads.size()) + 8;
  for (int pass = 0; pass < limit; ++pass) {
    std::fill(wants.begin(), wants.end(), 0);
    for (int v : graph_.topological_order()) {
      const GraphNode& node = graph_.node(v);
      const auto& in = graph_.feeders(v);
      bool e = false;
      switch (node.kind) {
      case NodeKind::utility:
        e = feeds_[node.index].up();
        break;
      case NodeKind::genset_plant:
        e = plants_[node.index].energized() && !refused_[node.index];
        break;
      case NodeKind::transfer_switch: {
        TransferSwitch& sw = switches_[node.index];
        const bool n_ok = energized_[in[0]] != 0;
        const bool a_ok = energized_[in[1]] != 0;
        if (switch_failures_[node.index].failed() == 0) // a failed switch is stuck where it is
          sw.update(now_, n_ok, a_ok);
        e = sw.energized(n_ok, a_ok);
        if (graph_.node(in[1]).kind == NodeKind::genset_plant && sw.wants_alternate(n_ok))
          wants[graph_.node(in[1]).index] = 1;
        break;
      }
      case NodeKind::ups:
        e = ups_[node.index].output_ok(ups_input_ok(v));
        break;
      case NodeKind::distribution:
        e = distribution_[node.index].failed() == 0 && energized_[in[0]];
        break;
      case NodeKind::load:
        if (!shed_[node.index])
          for (std::size_t k = 0; k < in.size(); ++k)
            e = e || cord_live(node.index, k);
        break;
      }
      energized_[v] = e ? 1 : 0;
    }
    bool changed = false;
    for (std::size_t p = 0; p < plants_.size(); ++p)
      if ((wants[p] != 0) != plants_[p].demanded()) {
        plants_[p].set_demand(wants[p] != 0, now_);
        plants_[p].process(now_);
        changed = true;
      }
    compute_flows();
    if (shed_for_capacity())
      changed = true;
    if (!changed)
      break;
  }
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
    if (!powered) {
      ++load_metrics_[l].power_losses;
      boot_done_[l] = -1;
    } else {
      boot_done_[l] = spec_.loads[l].boot_s > 0 ? now_ + spec_.loads[l].boot_s : -1;
    }
    if (on_load_power)
      on_load_power(load, powered);
    if (powered && spec_.loads[l].boot_s <= 0 && on_load_booted)
      on_load_booted(load);
    restarting = restarting || (powered && spec_.loads[l].rejects_heat() && boot_done_[l] > now_);
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
  close_episode();
  // Batteries start full: what they still miss at the end was supplied by storage.
  energy_.storage_drawdown_kwh = 0;
  for (double owed : battery_owed_kwh_)
    energy_.storage_drawdown_kwh += owed;
  if (on_timeline) { // every component's state at the end, so plots span the whole run
    std::fill(last_state_.begin(), last_state_.end(), std::string());
    last_facility_key_.clear();
    emit_timeline();
    emit_cooling_timeline(true);
    emit_water_timeline(true);
  }
  const long full_years = static_cast<long>(now_ / units::seconds_per_year + 1e-9);
  while (current_year_ < full_years) {
    yearly_.add(current_year_min_);
    current_year_min_ = 0;
    ++current_year_;
  }
}

void Facility::compute_next() {
  double t = never;
  for (const auto& f : feeds_)
    t = std::min(t, f.next_event_time());
  for (std::size_t s = 0; s < switches_.size(); ++s)
    if (switch_failures_[s].failed() == 0) // a failed switch does nothing until repaired
      t = std::min(t, switches_[s].next_event_time());
  for (const auto& d : distribution_)
    t = std::min(t, d.next_event_time());
  for (const auto& s : switch_failures_)
    t = std::min(t, s.next_event_time());
  for (int v = 0; v < graph_.size(); ++v) {
    const GraphNode& node = graph_.node(v);
    if (node.kind == NodeKind::genset_plant)
      t = std::min(t, plants_[node.index].next_event_time(now_, out_kw_[v]));
    else if (node.kind == NodeKind::ups)
      t = std::min(t, ups_[node.index].next_event_time(now_, ups_input_ok(v), out_kw_[v],
                                                       static_cast<bool>(on_timeline)));
  }
  if (next_fault_ < faults_.size())
    t = std::min(t, faults_[next_fault_].at_s);
  t = std::min(t, now_ + next_cooling_event_in());
  for (double b : boot_done_)
    if (b >= 0)
      t = std::min(t, b);
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
