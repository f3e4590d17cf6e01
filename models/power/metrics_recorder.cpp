#include "models/power/metrics_recorder.hpp"

#include "models/power/cooling_plant.hpp" // PowerChain::draw_kw

#include <algorithm>

namespace aidcsim::power {

void MetricsRecorder::refresh(const PowerChain& chain) {
  epoch_ = chain.load_states_epoch();
  each_.clear();
  it_down_ = 0;
  const auto& specs = chain.spec().loads;
  for (std::size_t l = 0; l < specs.size(); ++l) {
    const int load = static_cast<int>(l);
    const bool powered = chain.load_powered(load);
    it_down_ += specs[l].it() && !powered ? 1 : 0;
    if (!powered || !specs[l].it() || chain.boot_done(load) >= 0)
      each_.push_back(load);
  }
}

void MetricsRecorder::integrate_loads(const PowerChain& chain, double t) {
  const double now = chain.now(), dt = t - now;
  if (chain.load_states_epoch() != epoch_)
    refresh(chain);
  energy_.it_kwh += chain.steady_it_kw() * dt / 3600.0;
  const auto& specs = chain.spec().loads;
  for (const int load : each_) {
    LoadMetrics& m = loads_[load];
    if (!chain.load_powered(load)) {
      m.unpowered_s += dt;
      m.service_down_s += dt;
      m.unserved_kwh += specs[load].load_kw * dt / 3600.0;
      continue;
    }
    (specs[load].it() ? energy_.it_kwh : energy_.cooling_kwh) += chain.draw_kw(load) * dt / 3600.0;
    if (const double boot_done = chain.boot_done(load); boot_done > now)
      m.service_down_s += std::min(dt, boot_done - now);
  }
  const auto& it = chain.it_loads();
  outages_.book_it_downtime(now, t, it.empty() ? 0.0 : static_cast<double>(it_down_) / it.size());
}

void MetricsRecorder::count_power_losses(const std::vector<LoadChange>& changes) {
  for (const auto& c : changes)
    if (!c.powered)
      ++loads_[c.load].power_losses;
}

void MetricsRecorder::finish(const PowerChain& chain) {
  // Batteries start full: what they still miss at the end was supplied by storage.
  energy_.storage_drawdown_kwh = chain.storage_owed_kwh();
  outages_.finish(chain.now());
}

} // namespace aidcsim::power
