// Creating the SimGrid engine and loading a platform file, with SimGrid's parse errors turned
// into InputError (file:line). Include only from .cpp files that already use SimGrid.
#pragma once

#include <simgrid/s4u/Engine.hpp>

#include <memory>
#include <string>
#include <vector>

namespace aidcsim {

// Creates this process's engine with the energy plugin on and SimGrid's own logging limited to
// warnings, then loads and seals the platform. Throws InputError on a missing or malformed file.
// `config`: SimGrid settings for this engine, such as "network/optim:Full" (tests).
std::unique_ptr<simgrid::s4u::Engine> load_simgrid_platform(const std::string& path,
                                                            const std::vector<std::string>& config = {});

// The host the workload's driver actors run on, added to every loaded platform. It belongs to no
// rack and never turns off, so a rack's power loss does not end the actor that keeps the rack's
// hosts busy (full_load.hpp). No chip property (not an accelerator), no links, 0 W in every state.
inline constexpr const char* driver_host_name = "aidcsim-driver";
simgrid::s4u::Host* driver_host();

} // namespace aidcsim
