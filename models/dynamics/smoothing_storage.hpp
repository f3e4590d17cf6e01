// Energy storage that smooths a periodic load: a battery in each rack's power shelves (NVIDIA
// GB300 NVL72) or one for the facility. It discharges when the load is above a level h and
// charges when it is below a level l, so the source sees the load held inside [l, h]:
//
//   discharged per period  D(h) = integral of max(0, p - h)
//   charged per period     D / eta = integral of max(0, l - p)    (eta: round-trip efficiency,
//                          all of the loss taken on charge)
//
// The store flattens as far as its limits allow: the lowest h such that p - h <= P_store at the
// peak, D(h) <= E_store (the charge swing of one period, at most D) and the charge level l it
// needs stays below h and within P_store of the trough. Both levels come from bisection on the
// monotone integrals (closed forms per segment, power_wave.hpp). A square wave of swing A, period T
// and duty 1/2 flattened whole cycles A T / 4 per period (the closed form; with duty d,
// A d (1 - d) T).
#pragma once

#include "models/dynamics/power_wave.hpp"

namespace aidcsim::dynamics {

struct StorageSpec {
  double power_w = 0;      // charge and discharge limit
  double energy_j = 0;     // usable energy
  double round_trip = 1.0; // efficiency of a charge and discharge
};

struct Smoothed {
  PowerWave source;             // what the source (grid, genset, plant) sees
  double discharged_j = 0;      // per period
  double loss_w = 0;            // mean power lost in the store, D (1 / eta - 1) / T
  double high_w = 0, low_w = 0; // the levels h and l
};

// Throws std::invalid_argument for negative limits or an efficiency outside (0, 1].
Smoothed smooth(const PowerWave& load, const StorageSpec& store);

} // namespace aidcsim::dynamics
