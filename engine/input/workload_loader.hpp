// Reads the scenario's `workload:` map into a WorkloadSpec (engine/input/workload_spec.hpp).
#pragma once

#include "engine/input/scenario.hpp"
#include "engine/input/yaml_reader.hpp"

namespace aidcsim {

void read_workload(const YamlNode& node, MapReader& parent, WorkloadSpec& spec);

} // namespace aidcsim
