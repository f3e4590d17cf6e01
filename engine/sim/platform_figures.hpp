// The headline figures of a platform (accelerators, BF16 PFLOPS, HBM, bandwidths, power), read
// back from a SimGrid platform file as SimGrid loads it: nothing is taken from the catalog.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace aidcsim {

struct PlatformFigures {
  std::string file;
  std::size_t accelerators = 0;    // hosts with a "chip" property
  std::size_t scaleup_domains = 0; // distinct "pod" host properties
  double bf16_flops = 0;           // sum of host speeds at pstate 0
  double hbm_bytes = 0;
  double hbm_bps = 0;      // bits/s
  double scaleup_bps = 0;  // one direction, sum over chips of their scale-up link
  double scaleout_bps = 0; // one direction, sum over chips of their NIC link
  double power_full_w = 0; // energy plugin: full-load watts at pstate 0, summed
  double power_idle_w = 0;

  double bf16_pflops() const { return bf16_flops / 1e15; }
  double hbm_tb() const { return hbm_bytes / 1e12; }
  double hbm_tbps() const { return hbm_bps / 8e12; } // terabytes per second
  double scaleup_gbps() const { return scaleup_bps / 1e9; }
  double scaleout_gbps() const { return scaleout_bps / 1e9; }
  double w_per_tflop() const { return bf16_flops > 0 ? power_full_w / (bf16_flops / 1e12) : 0.0; }
};

// Loads the platform into this process's SimGrid engine and measures it. SimGrid keeps one
// engine per process: call once per process (the command line forks a child per file).
// Throws InputError (file:line) for a missing or malformed platform.
// `on_loaded` is called once SimGrid has loaded the file, before the figures are read.
PlatformFigures measure_platform(const std::string& path, const std::function<void()>& on_loaded = {});

} // namespace aidcsim
