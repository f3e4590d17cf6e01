// Reads a scenario's `facility:` and `faults:` sections into the power chain's data
// (models/power/facility_spec.hpp), validating units, references, the graph (cycles, loads
// without a source, design load above capacity) and sizing genset plants from the design load.
// Include only from .cpp files (it pulls in yaml-cpp).
#pragma once

#include "engine/base/diagnostics.hpp"
#include "engine/input/facility_positions.hpp"
#include "engine/input/yaml_tree.hpp"
#include "models/power/facility.hpp"

#include <map>
#include <string>

namespace aidcsim {

class MapReader;

// Fills `facility` from the `facility:` map; problems go to the reader's diagnostics.
// `positions` holds where each id and field was written, for checks made later (when the platform
// is loaded).
// `platform_path`: the scenario's platform, for loads `from_platform: racks`.
void read_facility(const YamlNode& node, MapReader& parent, power::FacilitySpec& facility,
                   FacilityPositions& positions, const std::string& platform_path);

// Fills `facility.cooling_loops` from the `cooling:` map; `facility` must already be read.
void read_cooling(const YamlNode& node, MapReader& parent, power::FacilitySpec& facility);

// Fills `faults` from the `faults:` list; `facility` must already be read (names are checked).
// Where each item's `at` was written goes into `starts` (same order as `faults`), for warnings
// about faults after the run's end.
void read_faults(const YamlNode& node, MapReader& parent, const power::FacilitySpec& facility,
                 std::vector<power::ScheduledFault>& faults, std::vector<SourcePos>& starts);

} // namespace aidcsim
