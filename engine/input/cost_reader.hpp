// Reads the scenario's `cost:` map (models/cost/cost_spec.hpp): the prices a design and its run are
// valued at. Every key is optional; absent ones keep the sourced defaults (default_costs.hpp).
#pragma once

#include "engine/input/yaml_reader.hpp"
#include "models/cost/cost_spec.hpp"

namespace aidcsim {

void read_cost(const YamlNode& node, MapReader& parent, cost::CostSpec& spec);

} // namespace aidcsim
