// The hardware catalog (platforms/catalog.yaml): accelerator chips, the scale-up systems built
// from them, the throttle states used for power capping, and the scale-out switch used to join
// systems into clusters. Every number in the file carries its source; see docs/MODELS.md.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace aidcsim {

struct ChipSpec {
  std::string id;                   // catalog key, e.g. "gb200"
  std::string name;                 // human-readable name
  double bf16_flops = 0;            // dense BF16, FLOP/s
  double hbm_capacity_bytes = 0;    // bytes
  double hbm_bandwidth_bps = 0;     // bits/s
  double scaleup_bandwidth_bps = 0; // one direction, bits/s
  double scaleout_bandwidth_bps = 0;
  double scaleup_latency_s = 0;  // chip to chip through the scale-up switch
  double scaleout_latency_s = 0; // NIC to first switch
  double power_full_w = 0;       // all-in per chip (its share of CPUs, switches, fans) at full load
  double power_idle_w = 0;       // all-in per chip when idle
};

struct SystemSpec {
  std::string id;         // catalog key, e.g. "nvl72"
  std::string name;       // human-readable name
  std::string chip;       // key into Catalog::chips
  std::string chip_label; // host name stem: "gpu" or "npu"
  int compute_racks = 0;
  int trays_per_rack = 0; // compute trays (NVL72) or servers (CM384) per compute rack
  int chips_per_tray = 0;
  int network_racks = 0;
  int chips() const { return compute_racks * trays_per_rack * chips_per_tray; }
};

// Throttled performance states: host pstate i runs at speed_fractions[i] of full speed and draws
// idle + (full - idle) * fraction^power_exponent at full load.
struct DvfsSpec {
  std::vector<double> speed_fractions;
  double power_exponent = 0;
};

// The switch that joins scale-up systems into a cluster (two-tier fat tree).
struct FabricSpec {
  int switch_radix = 0;        // ports per switch
  double switch_latency_s = 0; // port to port
};

struct Catalog {
  std::string path;
  std::map<std::string, ChipSpec> chips;
  std::map<std::string, SystemSpec> systems;
  DvfsSpec dvfs;
  FabricSpec fabric;

  const SystemSpec& system(const std::string& id) const; // throws std::out_of_range
  const ChipSpec& chip_of(const SystemSpec& system) const;
  std::vector<std::string> system_ids() const;
};

// Loads and validates a catalog file; throws InputError listing every problem.
Catalog load_catalog(const std::string& path);
// The same for `text` read from a file named `path`.
Catalog load_catalog_text(const std::string& text, const std::string& path);

} // namespace aidcsim
