// The power chain's hooks for the importance sampler (failure_bias.hpp): they reach only the
// components that draw failures or store energy, lists made once when the chain is built.
#include "models/power/power_chain.hpp"

#include "models/power/cooling_plant.hpp" // PowerChain::draw_kw

namespace aidcsim::power {

// The IT power with one way left, per node: the draw of every powered IT rack with a single live
// cord, passed up the chain as compute_flows passes every load's. Each component it flows through
// is a single point of failure for a rack now. Returns whether there is any.
bool PowerChain::compute_critical_flows() {
  std::fill(critical_kw_.begin(), critical_kw_.end(), 0.0);
  bool any = false;
  for (int l : it_loads_) {
    const int v = load_node_[l];
    if (!energized_[v])
      continue;
    const Surroundings s = around(v);
    int live = 0;
    for (std::size_t k = 0; k < s.feeders.size(); ++k)
      live += s.feeder_live(k) ? 1 : 0;
    if (live == 1) {
      critical_kw_[v] = draw_kw(l);
      any = true;
    }
  }
  if (!any)
    return false;
  const auto& topo = graph_.topological_order();
  for (auto it = topo.rbegin(); it != topo.rend(); ++it)
    if (energized_[*it])
      std::visit([&](const auto& c) { c.pass_draw(critical_kw_[*it], around(*it), critical_kw_); },
                 nodes_[*it]);
  return true;
}

// While degraded, failures are biased only where one failure takes a rack down: at the single
// points of failure of the racks with one live cord (every component of a single-corded design's
// path; the surviving side of a 2N design that has lost one). Elsewhere they keep their own rates:
// biasing a side that the other still backs spends draws, and likelihood ratio, where IT cannot be
// lost (the failure distance of Carrasco, "Failure distance based simulation of repairable
// fault-tolerant systems", 1991). Per-demand failures (genset starts) are biased in every state.
// A cooling load's own failures are never biased nor their repairs tilted: they reach IT only
// through the cooling plant, if at all, and would only add likelihood-ratio noise.
void PowerChain::set_failure_bias(const FailureBias& bias) {
  const FailureBias natural{0, bias.demand_probability, bias.duration_shift};
  const FailureBias untouched{}; // a cooling load's failures: off the power path, drawn as they are
  const bool biased = bias.mode_rate_per_s > 0 && compute_critical_flows();
  for (int v : drawing_nodes_) {
    const FailureBias& b = node_load_[v] >= 0 ? untouched : biased && critical_kw_[v] > 0 ? bias : natural;
    std::visit([&](auto& c) { c.failure_draws()->set_failure_bias(b, now_); }, nodes_[v]);
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
    log_lr += std::visit([&](auto& c) { return c.failure_draws()->log_likelihood_ratio(now_); }, nodes_[v]);
  return log_lr;
}

double PowerChain::repair_rate_per_s(bool power_path_only) {
  double rate = 0;
  for (int v : drawing_nodes_)
    if (!power_path_only || node_load_[v] < 0)
      rate += std::visit([](auto& c) { return c.failure_draws()->repair_rate_per_s(); }, nodes_[v]);
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
