// Work that needs its own SimGrid engine, each in a forked child (one engine per process):
// measuring a platform's figures and running a scenario. On failure they print the error and
// set `code` (2: bad input, 1: internal error).
#pragma once

#include "engine/sim/simulation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace aidcsim::cli {

std::optional<nlohmann::ordered_json> measure_in_child(const std::string& platform_file, int& code);
std::optional<nlohmann::ordered_json> run_scenario_in_child(const Scenario& scenario, RunOptions options,
                                                            const char* who, int& code);

} // namespace aidcsim::cli
