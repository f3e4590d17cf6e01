// The power chain's hooks for the importance sampler (failure_bias.hpp): they reach only the
// components that draw failures or store energy, lists made once when the chain is built.
#include "models/power/power_chain.hpp"

#include "models/power/cooling_plant.hpp" // PowerChain::draw_kw
#include "models/power/first_failure_bias.hpp"

#include <stdexcept>
#include <utility>

namespace aidcsim::power {
namespace {

// A node of the sampler's lists (drawing_nodes_), whose kind always draws failures. The check
// also tells the compiler so: it warned of a null `this` through the kinds that draw none.
template <class Node> FailureDraws& draws_of(Node& node) {
  FailureDraws* draws = std::visit([](auto& c) { return c.failure_draws(); }, node);
  if (draws == nullptr)
    throw std::logic_error("PowerChain: a drawing node without failure draws");
  return *draws;
}

} // namespace

// Steady: energized from a source with nothing wrong with it, through nothing that runs on its
// battery (a UPS on battery reports a fault that follows from its feeders: the cords below it stay
// live for minutes only). Secure: steady, and not from a backup plant running on its fuel, which
// fails while running at its own rate (a utility feed up, an on-site prime plant).
void PowerChain::mark_secure() {
  for (int v : graph_.topological_order()) {
    steady_[v] = secure_[v] = 0;
    if (!energized_[v])
      continue;
    const Surroundings s = around(v);
    if (s.feeders.empty()) { // a source
      const auto [fine, backup] = std::visit(
          [&](const auto& c) {
            OutageSigns signs;
            c.outage_signs(now_, s, signs);
            return std::pair{c.fault(s).empty(), signs.backup_running};
          },
          nodes_[v]);
      steady_[v] = fine ? 1 : 0;
      secure_[v] = fine && !backup ? 1 : 0;
      continue;
    }
    if (std::visit([&](const auto& c) { return c.fault(s).follows; }, nodes_[v]))
      continue; // a UPS on battery, or its battery empty
    for (int u : s.feeders) {
      steady_[v] = steady_[v] || steady_[u] ? 1 : 0;
      secure_[v] = secure_[v] || secure_[u] ? 1 : 0;
    }
  }
}

// The IT power with one way left, per node: the draw of every powered IT rack with at most one
// secure cord, passed up the chain as compute_flows passes every load's. Each component it flows
// through is a single point of failure for a rack now, or about to be:
// - one secure cord, the others dead or on batteries: up the secure cord alone (the battery-fed
//   ones go within minutes);
// - one secure cord, the others on a backup plant: up the secure cord, but weakly (weak_kw_): the
//   backup fails at its running rate, so the bias there follows that rate (set_failure_bias);
// - no secure cord: up every live cord; stranded_ when none is steady (batteries alone).
// Returns whether there is any.
bool PowerChain::compute_critical_flows() {
  std::fill(critical_kw_.begin(), critical_kw_.end(), 0.0);
  std::fill(weak_kw_.begin(), weak_kw_.end(), 0.0);
  mark_secure();
  bool any = false;
  stranded_ = weak_ = false;
  for (int l : it_loads_) {
    const int v = load_node_[l];
    if (!energized_[v])
      continue;
    const Surroundings s = around(v);
    int live = 0, steady = 0, secure = 0, secure_feeder = -1;
    for (std::size_t k = 0; k < s.feeders.size(); ++k) {
      if (!s.feeder_live(k))
        continue;
      ++live;
      steady += steady_[s.feeders[k]];
      if (secure_[s.feeders[k]]) {
        ++secure;
        secure_feeder = s.feeders[k];
      }
    }
    if (secure >= 2)
      continue;
    any = true;
    stranded_ = stranded_ || steady == 0;
    if (secure == 0 || live == 1)
      critical_kw_[v] = draw_kw(l);
    else if (steady == live) { // the others run on a backup plant
      weak_kw_[secure_feeder] += draw_kw(l);
      weak_ = true;
    } else
      critical_kw_[secure_feeder] += draw_kw(l);
  }
  if (!any)
    return false;
  const auto& topo = graph_.topological_order();
  for (auto it = topo.rbegin(); it != topo.rend(); ++it)
    if (energized_[*it])
      std::visit(
          [&](const auto& c) {
            c.pass_draw(critical_kw_[*it], around(*it), critical_kw_);
            c.pass_draw(weak_kw_[*it], around(*it), weak_kw_);
          },
          nodes_[*it]);
  return true;
}

// While degraded, failures are biased only where one failure takes a rack down: at the single
// points of failure of the racks with at most one secure cord (every component of a
// single-corded design's path; the surviving side of a 2N design whose other side is lost or on
// battery). Elsewhere they keep their own rates: biasing a side that the other still backs spends
// draws, and likelihood ratio, where IT cannot be lost (the failure distance of Carrasco,
// "Failure distance based simulation of repairable fault-tolerant systems", 1991). Where the
// other side runs on a backup plant, the surviving side is biased in proportion to the rate at
// which that plant fails running, not to the repair rate: a plant that bridges an hour's grid
// outage rarely fails in it, one that carries a transformer's weeks of repair often does.
// Per-demand failures (genset starts) are biased only while a rack runs on batteries alone, the
// one state in which a failed start takes IT down. A cooling load's own failures are never biased
// nor their repairs tilted: they reach IT only through the cooling plant, if at all, and would
// only add likelihood-ratio noise.
void PowerChain::set_failure_bias(const FailureBias& bias, double path_repair_per_s) {
  if (bias.first_failure_share > 0) {
    set_first_failure_bias(bias);
    return;
  }
  const bool biased = bias.mode_rate_per_s > 0 && compute_critical_flows();
  FailureBias natural = bias;
  natural.mode_rate_per_s = 0;
  natural.demand_probability = biased && stranded_ ? bias.demand_probability : 0.0;
  FailureBias critical = bias;
  critical.demand_probability = natural.demand_probability;
  FailureBias weak = critical;
  if (biased && weak_) {
    double running = 0;
    for (int v : drawing_nodes_)
      running += draws_of(nodes_[v]).running_failure_rate_per_s();
    weak.mode_rate_per_s = bias.mode_rate_per_s * std::min(1.0, running / path_repair_per_s);
  }
  const FailureBias untouched{}; // a cooling load's failures: off the power path, drawn as they are
  auto bias_of = [&](int v) -> const FailureBias& {
    if (node_load_[v] >= 0)
      return untouched;
    if (biased && critical_kw_[v] > 0)
      return critical;
    return biased && weak_kw_[v] > 0 ? weak : natural;
  };
  for (int v : drawing_nodes_)
    draws_of(nodes_[v]).set_failure_bias(bias_of(v), now_);
}

// The graph as the first-failure bias sees it (first_failure_bias.hpp): roles, the components'
// figures with everything up, the IT racks' shares of the IT draw.
std::vector<FirstFailureNode> PowerChain::first_failure_nodes() {
  std::vector<FirstFailureNode> nodes(nodes_.size());
  std::vector<char> it_node(nodes_.size(), 0);
  double it_kw = 0;
  for (int l : it_loads_) {
    it_node[load_node_[l]] = 1;
    it_kw += draw_kw(l);
  }
  for (int v = 0; v < size(); ++v) {
    FirstFailureNode& n = nodes[v];
    n.feeders = graph_.feeders(v);
    if (node_load_[v] >= 0)
      n.role = it_node[v] ? FirstFailureNode::Role::it_load : FirstFailureNode::Role::other_load;
    else if (std::holds_alternative<GensetNode>(nodes_[v]))
      n.role = FirstFailureNode::Role::backup_source;
    else if (n.feeders.empty())
      n.role = FirstFailureNode::Role::source;
    if (it_node[v])
      n.it_share = it_kw > 0 ? draw_kw(node_load_[v]) / it_kw : 1.0 / static_cast<double>(it_loads_.size());
  }
  for (int v : drawing_nodes_) {
    const FirstFailureFigures f = draws_of(nodes_[v]).first_failure_figures();
    FirstFailureNode& n = nodes[v];
    n.loss_rate_per_s = f.loss_rate_per_s;
    n.loss_repair_s = f.loss_repair_s;
    n.other_rate_per_s = f.other_rate_per_s;
    n.demand_failure = f.demand_failure;
    n.running_failure_per_s = f.running_failure_per_s;
  }
  return nodes;
}

// With everything up: each component's loss modes drawn at its factor, its other modes at the
// common one (first_failure_bias.hpp). The factors depend on the design alone: found once.
void PowerChain::set_first_failure_bias(const FailureBias& bias) {
  if (first_failure_share_ != bias.first_failure_share) {
    const std::vector<FirstFailureNode> nodes = first_failure_nodes();
    const FirstFailureFactors f = first_failure_factors(
        nodes, first_failure_risks(nodes, graph_.topological_order()), bias.first_failure_share);
    first_loss_factor_ = f.loss;
    first_other_factor_ = f.other;
    first_failure_share_ = bias.first_failure_share;
  }
  FailureBias b = bias;
  b.other_factor = first_other_factor_;
  for (int v : drawing_nodes_) {
    b.loss_factor = first_loss_factor_[v];
    draws_of(nodes_[v]).set_failure_bias(b, now_);
  }
}

int PowerChain::failure_rate_modes() const {
  int modes = 0;
  for (std::size_t i = 0; i < drawing_nodes_.size(); ++i)
    modes += node_load_[drawing_nodes_[i]] < 0 ? rate_modes_[i] : 0;
  return modes;
}

double PowerChain::log_likelihood_ratio() {
  double log_lr = 0;
  for (int v : drawing_nodes_)
    log_lr += draws_of(nodes_[v]).log_likelihood_ratio(now_);
  return log_lr;
}

double PowerChain::repair_rate_per_s(bool power_path_only) {
  double rate = 0;
  for (int v : drawing_nodes_)
    if (!power_path_only || node_load_[v] < 0)
      rate += draws_of(nodes_[v]).repair_rate_per_s();
  return rate;
}

double PowerChain::bias_rate_per_s(bool power_path_only) {
  double rate = 0;
  for (int v : drawing_nodes_)
    if (!power_path_only || node_load_[v] < 0)
      rate += draws_of(nodes_[v]).bias_rate_per_s(now_);
  return rate;
}

bool PowerChain::all_up() {
  if (repair_rate_per_s() > 0 || boots_pending_ > 0 || !it_powered())
    return false;
  const OutageSigns signs = outage_signs();
  if (signs.grid_down || !signs.all_normal || signs.backup_running || signs.on_battery)
    return false;
  for (int v : storage_nodes_)
    if (std::visit([](const auto& c) { return c.state_of_charge(); }, nodes_[v]) < 1.0)
      return false;
  return true;
}

} // namespace aidcsim::power
