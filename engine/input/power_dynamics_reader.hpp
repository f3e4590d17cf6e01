// Reads the scenario's `power_dynamics:` map (models/dynamics/dynamics_spec.hpp) and a genset
// plant's `step_acceptance` (models/dynamics/load_acceptance.hpp).
#pragma once

#include "engine/input/yaml_reader.hpp"
#include "models/dynamics/dynamics_spec.hpp"

namespace aidcsim {

void read_power_dynamics(const YamlNode& node, MapReader& parent, dynamics::PowerDynamicsSpec& spec);

// `step_acceptance`: a preset word (high_bmep, single_step) or a map of steps, frequency_dip,
// recovery and beyond (trip or report). Absent: high_bmep; a plant trips on a step beyond it.
dynamics::LoadAcceptanceSpec read_step_acceptance(MapReader& r);

} // namespace aidcsim
