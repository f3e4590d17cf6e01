// `aidcsim report results.sqlite [--csv | --json]`: per sweep point and metric, the number of
// runs, mean, standard deviation and 95% confidence interval (Student t). Rows are ordered by
// point and metric name, so the same results give the same bytes. `--pareto COST VALUE`: the
// sweep's Pareto front instead (pareto_report.hpp).
#include "engine/base/csv_field.hpp"
#include "engine/base/statistics.hpp"
#include "engine/results/results_db.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/pareto_report.hpp"
#include "tools/aidcsim/run_json.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

namespace aidcsim::cli {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// A --metric the results do not hold: the message, or empty when all are known (or none asked).
std::string unknown_metric(ResultsDb& db, const std::vector<std::string>& asked) {
  if (asked.empty())
    return "";
  std::set<std::string> known;
  for (const auto& p : db.points())
    for (const auto& [name, _] : db.metrics_of_point(p.point))
      known.insert(name);
  for (const auto& m : asked)
    if (!known.empty() && known.count(m) == 0) {
      std::string list;
      for (const auto& k : known)
        list += (list.empty() ? "" : ", ") + k;
      return "aidcsim report: --metric '" + m + "': not in the results; they have: " + list;
    }
  return "";
}

// One metric of one point: a CSV row or a text line (as asked), and its JSON.
json report_metric(const ReportArgs& args, int point, const std::string& label, const std::string& name,
                   const std::vector<double>& values) {
  const Summary s = summarize(values);
  const bool spread = s.has_spread(); // one run: no sd, no interval
  if (args.csv)
    std::printf("%d,%s,%s,%zu,%s,%s,%s,%s\n", point, csv_field(label).c_str(), name.c_str(), s.n,
                number(s.mean).c_str(), spread ? number(s.sd).c_str() : "",
                spread ? number(s.mean - s.ci95_half).c_str() : "",
                spread ? number(s.mean + s.ci95_half).c_str() : "");
  else if (!args.json && spread)
    std::printf("  %-40s %6zu %14.6g %14.6g   [%12.6g, %12.6g]\n", name.c_str(), s.n, s.mean, s.sd,
                s.mean - s.ci95_half, s.mean + s.ci95_half);
  else if (!args.json)
    std::printf("  %-40s %6zu %14.6g %14s   %30s\n", name.c_str(), s.n, s.mean, "-", "- (one run)");
  return {{"n", s.n},
          {"mean", s.mean},
          {"sd", spread ? json(s.sd) : json(nullptr)},
          {"ci95_low", spread ? json(s.mean - s.ci95_half) : json(nullptr)},
          {"ci95_high", spread ? json(s.mean + s.ci95_half) : json(nullptr)}};
}

json report_points(const ReportArgs& args, ResultsDb& db) {
  json points = json::array();
  for (const auto& p : db.points()) {
    json jp;
    jp["point"] = p.point;
    jp["params"] = json::parse(p.params);
    jp["metrics"] = json::object();
    if (!args.csv && !args.json)
      std::printf("\npoint %d: %s\n  %-40s %6s %14s %14s %30s\n", p.point, p.label.c_str(), "metric", "n",
                  "mean", "sd", "95% confidence interval");
    for (const auto& [name, values] : db.metrics_of_point(p.point))
      if (args.metrics.empty() ||
          std::find(args.metrics.begin(), args.metrics.end(), name) != args.metrics.end())
        jp["metrics"][name] = report_metric(args, p.point, p.label, name, values);
    points.push_back(jp);
  }
  return points;
}

} // namespace

int report_command(const ReportArgs& args) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(args.db, ec)) {
    std::cerr << args.db << ": error: results database not found\n";
    return exit_bad_input;
  }
  try {
    ResultsDb db(args.db, ResultsDb::Mode::read_only); // a report never writes
    if (db.sweep_value("fingerprint").empty()) {
      std::cerr << args.db << ": error: not an aidcsim results database (no sweep recorded)\n";
      return exit_bad_input;
    }
    if (const std::string problem = unknown_metric(db, args.metrics); !problem.empty()) {
      std::cerr << problem << "\n";
      return exit_bad_input;
    }
    if (!args.pareto.empty()) {
      if (!args.metrics.empty()) {
        std::cerr << "aidcsim report: --pareto names its own two metrics; leave out --metric\n";
        return exit_bad_input;
      }
      const ReportFormat format = args.csv    ? ReportFormat::csv
                                  : args.json ? ReportFormat::json
                                              : ReportFormat::text;
      const json front = pareto_report(db, args.pareto[0], args.pareto[1], format);
      if (args.json)
        std::cout << dump(json{{"sweep", db.sweep_value("name")}, {"pareto", front}}, 2) << "\n";
      return exit_ok;
    }
    json out;
    out["sweep"] = db.sweep_value("name");
    const std::vector<std::string> versions = db.versions();
    out["versions"] = versions;
    if (args.csv) {
      std::printf("point,params,metric,n,mean,sd,ci95_low,ci95_high\n");
    } else if (!args.json) {
      std::printf("sweep: %s (%ld runs)\n", db.sweep_value("name").c_str(), db.run_count());
      for (const auto& v : versions)
        std::printf("%s %s\n", versions.size() > 1 ? "runs by (mixed versions):" : "runs by", v.c_str());
    }
    out["points"] = report_points(args, db);
    if (args.json)
      std::cout << dump(out, 2) << "\n";
    return exit_ok;
  } catch (const std::exception& e) {
    std::cerr << args.db << ": error: " << e.what() << "\n";
    return exit_bad_input;
  }
}

} // namespace aidcsim::cli
