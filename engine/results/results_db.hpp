// Batch results in one SQLite file: a row per finished run and its metrics, each run written in
// one transaction (WAL journal), so a killed batch leaves only whole runs and a rerun resumes.
//
//   sweep(key TEXT PRIMARY KEY, value TEXT)           name, fingerprint, file, metric, axes,
//                                                     replications, seeds (common or per_point;
//                                                     absent: per_point), versions (JSON list of the
//                                                     `aidcsim --version` lines that wrote runs)
//   points(point INTEGER PRIMARY KEY, label TEXT, params TEXT)
//   runs(run_key TEXT PRIMARY KEY, point INTEGER, replication INTEGER, seed INTEGER, wall_s REAL)
//   metrics(run_key TEXT, name TEXT, value REAL, PRIMARY KEY (run_key, name))
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

struct sqlite3;

namespace aidcsim {

struct Sweep;

class ResultsDb {
public:
  enum class Mode { write, read_only };
  // Opens (or, to write, creates) the file; throws std::runtime_error with SQLite's message. To
  // write, it also takes an exclusive lock on "<path>.lock", so a second batch on the same file
  // is refused instead of repeating the same runs.
  explicit ResultsDb(const std::string& path, Mode mode = Mode::write);
  ~ResultsDb();
  ResultsDb(const ResultsDb&) = delete;
  ResultsDb& operator=(const ResultsDb&) = delete;

  // Records the sweep and this program's version (build_info.hpp) on first use. Throws
  // std::invalid_argument if the file holds another sweep, or runs of another version unless
  // `allow_version_change` (the file then lists both).
  void bind_sweep(const Sweep& sweep, bool allow_version_change = false);
  // The versions that wrote runs into this file, oldest first (empty for files from before).
  std::vector<std::string> versions();
  std::set<std::string> finished_runs();
  // One transaction: the run row and all its metrics, or nothing.
  void record_run(const std::string& run_key, int point, int replication, long long seed, double wall_s,
                  const std::map<std::string, double>& metrics);

  struct PointRow {
    int point;
    std::string label;
    std::string params; // JSON object: axis key -> value
  };
  std::vector<PointRow> points();
  // metric name -> values in replication order, for one point.
  std::map<std::string, std::vector<double>> metrics_of_point(int point);
  std::string sweep_value(const std::string& key);
  long run_count();

private:
  void exec(const char* sql);
  void resume_sweep(const Sweep& sweep, const std::string& fingerprint, bool allow_version_change);
  void rollback() noexcept; // of the open transaction, if SQLite has not rolled it back already
  void setup();
  sqlite3* db_ = nullptr;
  std::string path_;
  int lock_fd_ = -1;
};

} // namespace aidcsim
