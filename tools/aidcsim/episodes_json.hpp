// IT-loss episodes as JSON (models/power/episode_recorder.hpp): one episode with its chain, and
// totals by first cause or by component, for `aidcsim run` with or without --estimator.
#pragma once

#include "engine/sim/simulation.hpp"
#include "tools/aidcsim/run_json.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace aidcsim::cli {

// "UPS battery empty" -> "ups_battery_empty": a key a sweep's `metric:` can name.
std::string key_of(std::string_view name);
json episode_json(const power::Episode& e, const std::vector<std::string>& causes);
// A plain run's episodes: counts and downtime by first cause and component over its years.
json episodes_json(const EpisodeSummary& s, double years);
} // namespace aidcsim::cli
