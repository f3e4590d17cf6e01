// Typical failure figures of each component kind: what `failures: typical` (or the facility's
// `component_failures: typical`) gives a component that names no figures of its own. Each row is
// a row of docs/MODELS.md, "Component failure data", with its source; most are weak (secondary
// transcriptions of IEEE 493-2007 and IEEE 3006.8-2018 tables, vendor MTBFs) and say so there.
//
// Repair and replacement times are lognormal with sigma 1.3: the two mean/median pairs the sources
// give (IEEE 493-2007 Table 10-2, motor starters: mean 65.1 h, median 24.5 h; NREL 2020 standby
// diesel generators: 33.9 h, 14.7 h) put mean/median at 2.3-2.7, and exp(sigma^2 / 2) = 2.33 at
// sigma 1.3. A row's mean repair time is the source's MTTR; its median is that over 2.33.
#pragma once

#include "engine/base/units.hpp"
#include "models/power/facility_spec.hpp"

#include <cmath>

namespace aidcsim::power {

constexpr double typical_repair_sigma = 1.3;

// A Poisson failure process at `per_year`, repaired in a lognormal time of mean `mttr_h`.
inline Interruptions typical_interruptions(double per_year, double mttr_h) {
  Interruptions i;
  i.rate_per_s = per_year / units::seconds_per_year;
  const double median_s = mttr_h * 3600.0 / std::exp(typical_repair_sigma * typical_repair_sigma / 2);
  i.duration = faults::DurationDistribution::lognormal(median_s, typical_repair_sigma);
  i.given = true;
  return i;
}

// ATS: IEEE 3006.8-2018 Table 2, "Switch, automatic transfer", 0.03502 /y, MTTR 7.89 h (weak:
// secondary). STS: vendor-demonstrated MTBF over 22,000,000 h, 0.0004 /y (weak: vendor), its
// repair taken as the ATS's (no source).
inline Interruptions typical_switch_failures(SwitchKind kind) {
  return kind == SwitchKind::ats ? typical_interruptions(0.03502, 7.89) : typical_interruptions(0.0004, 7.89);
}

// A UPS power module: vendor MTBF of at least 170,000 h per module (0.0515 /y), repaired in
// IEEE 493-2007 Table 10-4's 26 h for inverters (both weak).
inline Interruptions typical_ups_module_failures() {
  return typical_interruptions(8760.0 / 170000.0, 26.0);
}

// Transformer (liquid-filled, over 500 kVA): 0.0062 /y, 341.7 h. Switchgear (LV drawout, 3000 A):
// 0.00949 /y, 7.3 h. PDU (a dry transformer, 300-750 kVA, with its panel): 0.020 /y, 48 h.
// Busway (a run of about 100 ft): 0.0024 /y, 35 h. Cable (a medium-voltage feeder of 1,000 ft):
// 0.0055 /y (EPRI, 19 US utilities: 2.89 failures per 100 conductor-miles a year), 15.7 h. All
// weak but the cable's rate (docs/MODELS.md).
inline Interruptions typical_distribution_failures(DistributionKind kind) {
  switch (kind) {
  case DistributionKind::transformer:
    return typical_interruptions(0.0062, 341.7);
  case DistributionKind::switchgear:
    return typical_interruptions(0.00949, 7.3);
  case DistributionKind::busway:
    return typical_interruptions(0.0024, 35.0);
  case DistributionKind::cable:
    return typical_interruptions(0.0055, 15.7);
  case DistributionKind::pdu:
    break;
  }
  return typical_interruptions(0.020, 48.0);
}

// Cooling units, from transcriptions of OREDA-2009 in a project's availability calculation (all
// weak): a centrifugal chiller as its motor-driven compressor (0.588 major failures and 0.249 trips
// a year, 12 h and 13 h to restore) and its heat exchanger (0.078 /y, 4.2 h): 0.915 /y, 11.6 h; a
// CDU as a chilled-water pump (0.347 and 0.079 /y, 18 h and 13 h): 0.426 /y, 17.1 h; a cooling
// tower (0.220 and 0.121 /y, 13 h and 9.9 h): 0.341 /y, 11.9 h. A CRAH as its fan: 9e-6 /h
// failure to run (FESHM 4240 Table 2, 0.079 /y), 16 h to repair (an IEEE 493 transcription). No
// figure for a dry cooler or another load: none.
inline Interruptions typical_load_failures(LoadKind kind) {
  switch (kind) {
  case LoadKind::chiller:
    return typical_interruptions(0.915, 11.6);
  case LoadKind::cdu:
    return typical_interruptions(0.426, 17.1);
  case LoadKind::cooling_tower:
    return typical_interruptions(0.341, 11.9);
  case LoadKind::crah:
    return typical_interruptions(9e-6 * 8760, 16.0);
  case LoadKind::rack:
  case LoadKind::dry_cooler:
  case LoadKind::other:
    break;
  }
  Interruptions none;
  none.given = true;
  return none;
}

// Diesel genset units: NREL REopt.jl's defaults since 2023 (src/outagesim/backup_reliability.jl):
// fail to start 0.0094 per demand, mean time to failure running 1100 h. (Its earlier 0.0066 and
// 637 h are what the shipped Tier scenarios give explicitly.)
constexpr double typical_genset_fail_to_start = 0.0094;
constexpr double typical_genset_fail_while_running_per_s = 1.0 / (1100.0 * 3600.0);
// A failed unit's repair while the plant runs: NREL/TP-5D00-76553 (2020), standby diesel
// generators, mean 33.9 h and median 14.7 h (weak: seen in a transcription), so lognormal with
// sigma sqrt(2 ln(33.9 / 14.7)) = 1.29.
inline faults::DurationDistribution typical_genset_unit_repair() {
  return faults::DurationDistribution::lognormal(14.7 * 3600.0, std::sqrt(2 * std::log(33.9 / 14.7)));
}

} // namespace aidcsim::power
