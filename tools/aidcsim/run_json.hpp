// A run's results as JSON: what `aidcsim run --json` prints, metrics.json holds and the batch
// stores (flattened to metric name -> value).
#pragma once

#include "engine/sim/simulation.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace aidcsim::cli {

using json = nlohmann::ordered_json;

json to_json(const RunResult& r);
// Serialises with invalid UTF-8 replaced, so a Latin-1 name never aborts a run.
std::string dump(const json& j, int indent);
// Every number of a run's JSON, by dotted name ("it_energy_kwh", "it_downtime_min_per_year",
// "outage_episodes.it_lost"); facility figures keep their bare names.
std::map<std::string, double> flatten_metrics(const json& run);

} // namespace aidcsim::cli
