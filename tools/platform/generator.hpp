// Generates SimGrid platform XML from the hardware catalog.
//
// One scale-up system (an NVL72 rack, a CloudMatrix384 supernode) is a "pod" of chips:
//
//   chip i --[chip-scaleup]--> pod-scaleup-switch <--[chip-scaleup]-- chip j   (NVLink / UB domain)
//   chip i --[chip-nic]--[pod-uplink]--> pod-gateway                           (scale-out exit)
//
// Links are SPLITDUPLEX, so their bandwidth is the one-direction figure of the catalog. The
// scale-up path has two links and the scale-out detour four, so shortest-path routing keeps
// chip-to-chip traffic of a pod on its scale-up fabric. A platform of one pod is one zone. A
// cluster of K pods is an aggregated two-tier fat tree: pod gateways connect to a leaf switch
// group that serves as many pods as fit in (radix/2)^2 endpoints, leaf groups to one core with
// capacity equal to their pods' scale-out bandwidth divided by the oversubscription ratio.
#pragma once

#include "engine/input/catalog.hpp"

#include <ostream>
#include <string>

namespace aidcsim::platform {

struct GeneratorOptions {
  std::string system_id;         // key in Catalog::systems
  int pods = 1;                  // number of scale-up systems
  double oversubscription = 1.0; // leaf-to-core; 1 = non-blocking
};

// Largest platform the generator writes: SimGrid holds about 7.3 KB per accelerator (730 MB
// measured for 100,008 GPUs), so 262,144 accelerators stay under 2 GB in one process.
inline constexpr long long max_accelerators = 262144;

// Throws std::invalid_argument on an unknown system, pods < 1, too many accelerators or an
// oversubscription below 1; returns the system.
const SystemSpec& check_options(const Catalog& catalog, const GeneratorOptions& options);

// Pods that share one leaf group of the fabric.
int pods_per_leaf_group(const Catalog& catalog, const SystemSpec& system);

// Writes the platform; throws std::invalid_argument on bad options (see check_options).
void write_platform_xml(const Catalog& catalog, const GeneratorOptions& options, std::ostream& out);

// Same, to a file written atomically.
void generate_platform_file(const Catalog& catalog, const GeneratorOptions& options, const std::string& path);

} // namespace aidcsim::platform
