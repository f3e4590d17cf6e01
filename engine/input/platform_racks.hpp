// The racks of a platform file and their hosts' full power, read from the XML text without
// starting SimGrid (the scenario loader needs them to expand `from_platform` racks and to size the
// power chain before any engine exists). Hosts name their rack in a "rack" property and their
// power in "wattage_per_state" ("idle:full, ..." per pstate, SimGrid's energy plugin format).
#pragma once

#include <string>
#include <vector>

namespace aidcsim {

struct PlatformRack {
  std::string name;
  int hosts = 0;
  double full_power_w = 0; // sum of the hosts' pstate-0 full power
};

// Racks in the order their first host appears. Throws std::runtime_error if the file cannot be
// read.
std::vector<PlatformRack> read_platform_racks(const std::string& path);

} // namespace aidcsim
