// What one load went through over the run. The metrics recorder books power losses and unpowered
// time; the cooling plant adds the time a rack is shut down for heat while it has power.
#pragma once

namespace aidcsim::power {

struct LoadMetrics {
  double unpowered_s = 0;
  double service_down_s = 0; // unpowered plus booting after power returns, or shut down for heat
  double unserved_kwh = 0;
  long power_losses = 0;
};

} // namespace aidcsim::power
