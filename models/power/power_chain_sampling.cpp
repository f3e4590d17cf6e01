// The power chain's hooks for the importance sampler (failure_bias.hpp): they reach only the
// components that draw failures or store energy, lists made once when the chain is built.
#include "models/power/power_chain.hpp"

namespace aidcsim::power {

void PowerChain::set_failure_bias(const FailureBias& bias) {
  for (int v : drawing_nodes_)
    std::visit([&](auto& c) { c.failure_draws()->set_failure_bias(bias, now_); }, nodes_[v]);
}

double PowerChain::log_likelihood_ratio() {
  double log_lr = 0;
  for (int v : drawing_nodes_)
    log_lr += std::visit([&](auto& c) { return c.failure_draws()->log_likelihood_ratio(now_); }, nodes_[v]);
  return log_lr;
}

double PowerChain::repair_rate_per_s() {
  double rate = 0;
  for (int v : drawing_nodes_)
    rate += std::visit([](auto& c) { return c.failure_draws()->repair_rate_per_s(); }, nodes_[v]);
  return rate;
}

int PowerChain::failure_rate_modes() const {
  int modes = 0;
  for (int v : drawing_nodes_)
    for (const FailureMode& m : std::visit([](const auto& c) { return c.failure_modes(); }, nodes_[v]))
      modes += m.basis == FailureMode::Basis::rate_per_s && m.value > 0 ? 1 : 0;
  return modes;
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
