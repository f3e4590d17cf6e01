#include "tools/aidcsim/pareto_report.hpp"

#include "engine/base/csv_field.hpp"
#include "engine/base/statistics.hpp"
#include "engine/results/human_units.hpp"
#include "engine/results/pareto.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace aidcsim::cli {

using json = nlohmann::ordered_json;

namespace {

enum class Sense { higher, lower, nines };

struct ValueSpec {
  Sense sense = Sense::higher;
  std::string metric;
  std::string words() const {
    switch (sense) {
    case Sense::lower:
      return metric + " (lower is better)";
    case Sense::nines:
      return "nines of " + metric + ", -log10(1 - " + metric + ")";
    case Sense::higher:
      break;
    }
    return metric + " (higher is better)";
  }
};

ValueSpec parse_value(const std::string& text) {
  for (const auto& [prefix, sense] :
       {std::pair{"min:", Sense::lower}, std::pair{"max:", Sense::higher}, std::pair{"nines:", Sense::nines}})
    if (text.rfind(prefix, 0) == 0)
      return {sense, text.substr(std::string_view(prefix).size())};
  return {Sense::higher, text};
}

// An availability's nines; infinite for one that lost nothing.
double nines(double availability) {
  const double loss = 1 - availability;
  return loss > 0 ? -std::log10(loss) : std::numeric_limits<double>::infinity();
}

// The value as shown (the metric, or its nines) with its interval, and as the front ranks it
// (higher is better).
struct Interval {
  double mean = 0, low = 0, high = 0;
  bool spread = false;
};

Interval shown(const Summary& s, Sense sense) {
  const Interval v{s.mean, s.mean - s.ci95_half, s.mean + s.ci95_half, s.has_spread()};
  if (sense == Sense::nines)
    return {nines(v.mean), nines(v.low), nines(v.high), v.spread};
  return v;
}

double ranked(double shown_mean, Sense sense) {
  return sense == Sense::lower ? -shown_mean : shown_mean;
}

struct Point {
  int point = 0;
  std::string label;
  std::vector<double> costs, values;
  Summary cost, value;
  Interval shown;
  double ranked = 0;
};

std::vector<Point> read_points(ResultsDb& db, const std::string& cost_metric, const ValueSpec& value) {
  std::vector<Point> out;
  bool cost_seen = false, value_seen = false;
  for (const auto& row : db.points()) {
    const auto metrics = db.metrics_of_point(row.point);
    const auto c = metrics.find(cost_metric);
    const auto v = metrics.find(value.metric);
    cost_seen |= c != metrics.end();
    value_seen |= v != metrics.end();
    if (c == metrics.end() || v == metrics.end())
      continue; // a point without runs yet
    Point p{row.point, row.label, c->second, v->second, summarize(c->second), summarize(v->second), {}};
    if (value.sense == Sense::nines && !(p.value.mean >= 0 && p.value.mean <= 1))
      throw std::invalid_argument("--pareto: nines:" + value.metric +
                                  " needs an availability (a fraction from 0 to 1); its mean at point " +
                                  std::to_string(row.point) + " is " + std::to_string(p.value.mean));
    p.shown = shown(p.value, value.sense);
    p.ranked = ranked(p.shown.mean, value.sense);
    out.push_back(std::move(p));
  }
  if (!out.empty() || db.run_count() == 0)
    return out;
  throw std::invalid_argument("--pareto: '" + (cost_seen ? value.metric : cost_metric) +
                              "' is not a metric of these results (see `aidcsim report DB` for their names)");
}

// A number, or "inf" (the nines of an availability that lost nothing), as JSON has no infinity.
json number_json(double v) {
  if (std::isnan(v))
    return nullptr;
  return std::isfinite(v) ? json(v) : json(v > 0 ? "inf" : "-inf");
}

json interval_json(const Interval& i) {
  return {{"mean", number_json(i.mean)},
          {"ci95_low", i.spread ? number_json(i.low) : json(nullptr)},
          {"ci95_high", i.spread ? number_json(i.high) : json(nullptr)}};
}

json step_json(const Point& a, const Point& b, bool common_seeds) {
  const double dcost = b.cost.mean - a.cost.mean;
  const double dvalue = b.ranked - a.ranked;
  json s{{"from", a.point}, {"to", b.point}, {"cost", dcost}, {"gain", number_json(dvalue)}};
  s["cost_per_value"] = std::isfinite(dvalue) && dvalue > 0 ? json(dcost / dvalue) : json(nullptr);
  if (a.values.size() >= 2 && b.values.size() >= 2) {
    const Difference d = difference(a.values, b.values);
    const bool paired = common_seeds && d.paired.n > 0;
    const double half = paired ? d.paired.ci95_half : d.unpaired_ci95_half;
    s["metric_difference"] = {{"mean", d.mean},
                              {"ci95_low", d.mean - half},
                              {"ci95_high", d.mean + half},
                              {"paired", paired},
                              {"sd_paired", d.paired.n > 0 ? json(d.paired.sd) : json(nullptr)},
                              {"sd_independent", d.unpaired_sd}};
  }
  return s;
}

// A report number for people ("-" for none; thousands grouped from 1,000: dollars) or for CSV
// (empty for none; plain, nine digits).
std::string number_text(const json& v, bool csv) {
  if (v.is_null())
    return csv ? "" : "-";
  if (v.is_string())
    return v.get<std::string>();
  const double x = v.get<double>();
  if (!csv && std::fabs(x) >= 1e3)
    return with_thousands(x, 0); // "7,373,612"
  char buf[32];
  std::snprintf(buf, sizeof buf, csv ? "%.9g" : "%.6g", x);
  return buf;
}

std::string num(const json& v) {
  return number_text(v, false);
}

std::string csv_num(const json& v) {
  return number_text(v, true);
}

// Appended piece by piece: GCC 12 warns falsely on chains of "literal" + std::string.
std::string range(const json& i) {
  if (i["ci95_low"].is_null())
    return "(one run)";
  std::string out = "[";
  out += num(i["ci95_low"]);
  out += ", ";
  out += num(i["ci95_high"]);
  out += "]";
  return out;
}

void print_text(const json& j) {
  std::printf("Pareto front of %s (lower is better) against %s: %zu of %ld points\n",
              j["cost"].get<std::string>().c_str(), j["value_words"].get<std::string>().c_str(),
              j["front"].size(), j["points"].get<long>());
  std::printf("  %5s  %12s %29s  %12s %29s  %s\n", "point", "cost", "95% CI", "value", "95% CI", "label");
  for (const auto& p : j["front"])
    std::printf("  %5d  %12s %29s  %12s %29s  %s\n", p["point"].get<int>(), num(p["cost"]["mean"]).c_str(),
                range(p["cost"]).c_str(), num(p["value"]["mean"]).c_str(), range(p["value"]).c_str(),
                p["label"].get<std::string>().c_str());
  if (j["steps"].empty())
    return;
  std::printf("steps along the front (the difference of %s with its 95%% CI, %s)\n",
              j["value_metric"].get<std::string>().c_str(),
              j["common_seeds"].get<bool>() ? "paired over common seeds" : "independent seeds, Welch");
  std::printf("  %11s  %12s %12s %14s  %12s %29s  %s\n", "step", "+cost", "gain", "cost per unit",
              "difference", "95% CI", "sd of one run's difference: paired, independent");
  for (const auto& s : j["steps"]) {
    const std::string step =
        std::to_string(s["from"].get<int>()) + " -> " + std::to_string(s["to"].get<int>());
    const json& d = s.contains("metric_difference") ? s["metric_difference"] : json::object();
    std::printf("  %11s  %12s %12s %14s  %12s %29s  %s, %s\n", step.c_str(), num(s["cost"]).c_str(),
                num(s["gain"]).c_str(), num(s["cost_per_value"]).c_str(),
                d.empty() ? "-" : num(d["mean"]).c_str(), d.empty() ? "-" : range(d).c_str(),
                d.empty() ? "-" : num(d["sd_paired"]).c_str(),
                d.empty() ? "-" : num(d["sd_independent"]).c_str());
  }
}

void print_csv(const json& j) {
  std::printf("point,label,cost,cost_ci95_low,cost_ci95_high,value,value_ci95_low,value_ci95_high,step_cost,"
              "step_gain,cost_per_gain\n");
  const json& steps = j["steps"];
  for (std::size_t k = 0; k < j["front"].size(); ++k) {
    const json& p = j["front"][k];
    const json none = json::object({{"cost", nullptr}, {"gain", nullptr}, {"cost_per_value", nullptr}});
    const json& s = k > 0 ? steps[k - 1] : none;
    const std::string label = csv_field(p["label"].get<std::string>());
    std::printf("%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", p["point"].get<int>(), label.c_str(),
                csv_num(p["cost"]["mean"]).c_str(), csv_num(p["cost"]["ci95_low"]).c_str(),
                csv_num(p["cost"]["ci95_high"]).c_str(), csv_num(p["value"]["mean"]).c_str(),
                csv_num(p["value"]["ci95_low"]).c_str(), csv_num(p["value"]["ci95_high"]).c_str(),
                csv_num(s["cost"]).c_str(), csv_num(s["gain"]).c_str(), csv_num(s["cost_per_value"]).c_str());
  }
}

} // namespace

json pareto_report(ResultsDb& db, const std::string& cost_metric, const std::string& value_text,
                   ReportFormat format) {
  const ValueSpec value = parse_value(value_text);
  if (value.metric.empty())
    throw std::invalid_argument("--pareto: the value '" + value_text + "' names no metric");
  const std::vector<Point> points = read_points(db, cost_metric, value);
  std::vector<ParetoCandidate> candidates;
  for (const Point& p : points)
    candidates.push_back({p.cost.mean, p.ranked});
  const bool common_seeds = db.sweep_value("seeds") == "common";
  json j{{"cost", cost_metric},          {"value", value_text},
         {"value_metric", value.metric}, {"value_words", value.words()},
         {"common_seeds", common_seeds}, {"points", static_cast<long>(points.size())}};
  j["front"] = json::array();
  j["steps"] = json::array();
  const Point* previous = nullptr;
  for (const std::size_t i : pareto_front(candidates)) {
    const Point& p = points[i];
    j["front"].push_back({{"point", p.point},
                          {"label", p.label},
                          {"cost", interval_json(shown(p.cost, Sense::higher))},
                          {"value", interval_json(p.shown)}});
    if (previous != nullptr)
      j["steps"].push_back(step_json(*previous, p, common_seeds));
    previous = &p;
  }
  if (format == ReportFormat::text)
    print_text(j);
  else if (format == ReportFormat::csv)
    print_csv(j);
  return j;
}

} // namespace aidcsim::cli
