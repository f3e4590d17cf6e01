// `aidcsim report DB --pareto COST VALUE`: the sweep's points no other beats on both COST (a
// metric, lower is better) and VALUE (higher is better; `min:M` for a metric where lower is
// better, `nines:M` for the nines of an availability M, -log10(1 - M)), with their intervals, and
// each step along the front: what it costs, what it buys, the cost per unit bought and the
// difference of VALUE's metric with its interval (paired over common seeds when the sweep has them).
#pragma once

#include "engine/results/results_db.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace aidcsim::cli {

enum class ReportFormat { text, csv, json };

// Prints the front; returns the JSON (printed by the caller for --json). Throws
// std::invalid_argument for a metric the results do not hold or a value that is not understood.
nlohmann::ordered_json pareto_report(ResultsDb& db, const std::string& cost_metric, const std::string& value,
                                     ReportFormat format);

} // namespace aidcsim::cli
