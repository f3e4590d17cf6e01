// Reads the scenario's `policies:` map (models/workload/battery_policy.hpp).
#pragma once

#include "engine/input/yaml_reader.hpp"
#include "models/workload/battery_policy.hpp"

namespace aidcsim {

// Each policy is `true`, `false` or a map {after: <time on battery before it acts>}.
void read_policies(const YamlNode& node, MapReader& parent, workload::BatteryPolicySpec& spec);

} // namespace aidcsim
