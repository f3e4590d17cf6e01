// `aidcsim report results.sqlite [--csv | --json]`: per sweep point and metric, the number of
// runs, mean, standard deviation and 95% confidence interval (Student t). Rows are ordered by
// point and metric name, so the same results give the same bytes.
#include "engine/base/statistics.hpp"
#include "engine/results/results_db.hpp"
#include "tools/aidcsim/commands.hpp"
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

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos)
    return s;
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
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
    if (!args.metrics.empty()) {
      std::set<std::string> known;
      for (const auto& p : db.points())
        for (const auto& [name, _] : db.metrics_of_point(p.point))
          known.insert(name);
      for (const auto& m : args.metrics)
        if (!known.empty() && known.count(m) == 0) {
          std::string list;
          for (const auto& k : known)
            list += (list.empty() ? "" : ", ") + k;
          std::cerr << "aidcsim report: --metric '" << m << "': not in the results; they have: " << list
                    << "\n";
          return exit_bad_input;
        }
    }
    json out;
    out["sweep"] = db.sweep_value("name");
    out["points"] = json::array();
    if (args.csv)
      std::printf("point,params,metric,n,mean,sd,ci95_low,ci95_high\n");
    else if (!args.json)
      std::printf("sweep: %s (%ld runs)\n", db.sweep_value("name").c_str(), db.run_count());
    for (const auto& p : db.points()) {
      const auto metrics = db.metrics_of_point(p.point);
      json jp;
      jp["point"] = p.point;
      jp["params"] = json::parse(p.params);
      jp["metrics"] = json::object();
      if (!args.csv && !args.json)
        std::printf("\npoint %d: %s\n  %-40s %6s %14s %14s %30s\n", p.point, p.label.c_str(), "metric", "n",
                    "mean", "sd", "95% confidence interval");
      for (const auto& [name, values] : metrics) {
        if (!args.metrics.empty() &&
            std::find(args.metrics.begin(), args.metrics.end(), name) == args.metrics.end())
          continue;
        const Summary s = summarize(values);
        const bool spread = s.has_spread(); // one run: no sd, no interval
        if (args.csv) {
          std::printf("%d,%s,%s,%zu,%s,%s,%s,%s\n", p.point, csv_field(p.label).c_str(), name.c_str(), s.n,
                      number(s.mean).c_str(), spread ? number(s.sd).c_str() : "",
                      spread ? number(s.mean - s.ci95_half).c_str() : "",
                      spread ? number(s.mean + s.ci95_half).c_str() : "");
        } else if (!args.json && spread) {
          std::printf("  %-40s %6zu %14.6g %14.6g   [%12.6g, %12.6g]\n", name.c_str(), s.n, s.mean, s.sd,
                      s.mean - s.ci95_half, s.mean + s.ci95_half);
        } else if (!args.json) {
          std::printf("  %-40s %6zu %14.6g %14s   %30s\n", name.c_str(), s.n, s.mean, "-", "- (one run)");
        }
        jp["metrics"][name] = {{"n", s.n},
                               {"mean", s.mean},
                               {"sd", spread ? json(s.sd) : json(nullptr)},
                               {"ci95_low", spread ? json(s.mean - s.ci95_half) : json(nullptr)},
                               {"ci95_high", spread ? json(s.mean + s.ci95_half) : json(nullptr)}};
      }
      out["points"].push_back(jp);
    }
    if (args.json)
      std::cout << dump(out, 2) << "\n";
    return exit_ok;
  } catch (const std::exception& e) {
    std::cerr << args.db << ": error: " << e.what() << "\n";
    return exit_bad_input;
  }
}

} // namespace aidcsim::cli
