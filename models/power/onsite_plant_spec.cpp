#include "models/power/onsite_plant_spec.hpp"

namespace aidcsim::power {

// Sources and their strength: docs/MODELS.md, "On-site generation".
OnsiteDefaults onsite_defaults(OnsiteTechnology technology) {
  constexpr double minute = 60, hour = 3600;
  switch (technology) {
  case OnsiteTechnology::gas_turbine:
    // 8 min start to full load (top of 5-8 min; GE TP8102: 3 min hold at speed, warm-up, 2 min
    // ramp); 2 % failed starts (weak); a forced outage per 4,000 running hours repaired in a
    // median 24 h, so about 1 % forced unavailability (weak, inside DECC's 420 h/y unscheduled);
    // a 24 h borescope inspection every 4,000 h (interval: Volvo Aero; duration weak).
    return {4 * minute, 4 * minute, 0.02, 1.0 / (4000 * hour), 24 * hour, 1.0, 4000 * hour, 24 * hour};
  case OnsiteTechnology::gas_engine:
    // 2 min start to full load preheated (Wartsila); 1 % failed starts (weak); a forced outage per
    // 2,000 running hours repaired in a median 12 h (weak); a 12 h service every 2,000 h (weak).
    return {30, 90, 0.01, 1.0 / (2000 * hour), 12 * hour, 1.0, 2000 * hour, 12 * hour};
  }
  return {};
}

} // namespace aidcsim::power
