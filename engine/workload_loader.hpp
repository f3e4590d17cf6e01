// Reads the scenario's `workload:` map into a WorkloadSpec (engine/workload_spec.hpp).
#pragma once

#include "engine/scenario.hpp"
#include "engine/yaml_reader.hpp"

namespace aidcsim {

void read_workload(const YAML::Node& node, MapReader& parent, WorkloadSpec& spec);

} // namespace aidcsim
