// The scenario's `power_dynamics:` section as the models use it: how a training job's
// accelerators draw power through its step and its states, what smooths it, and the limits the
// facility's sources are held to. Defaults and their sources: docs/MODELS.md.
#pragma once

#include "models/dynamics/load_acceptance.hpp"
#include "models/dynamics/smoothing_storage.hpp"
#include "models/dynamics/step_swing.hpp"

#include <limits>
#include <optional>

namespace aidcsim::dynamics {

// An accelerator's power in each of the job's states, as a share of the way from its idle to its
// busy power (the platform's wattage at full speed): 0 is idle, 1 is busy.
struct StatePower {
  double communication = 0; // collectives and pipeline bubble: "from full load to nearly idle"
  double checkpoint = 0;    // writing a checkpoint: the job waits on storage
};

// A limit a grid operator may set on what the facility draws from a utility feed.
struct GridLimits {
  double band_from_hz = 0, band_to_hz = 0;                        // the band of the swing limit
  double swing_limit_w = std::numeric_limits<double>::infinity(); // RMS of the swing in the band
  double ramp_limit_w_per_s = std::numeric_limits<double>::infinity();
  bool any() const { return std::isfinite(swing_limit_w) || std::isfinite(ramp_limit_w_per_s); }
};

struct PowerDynamicsSpec {
  StatePower state_power;
  PowerSmoothing smoothing;                    // in every accelerator (the driver)
  std::optional<StorageSpec> rack_storage;     // in every IT rack
  std::optional<StorageSpec> facility_storage; // at the utility connection
  GridLimits grid;
};

// Default round-trip efficiency of a battery store (docs/MODELS.md: NREL REopt defaults, rectifier
// 0.96 x inverter 0.96 x internal 0.975).
inline constexpr double default_storage_round_trip = 0.96 * 0.96 * 0.975;

} // namespace aidcsim::dynamics
