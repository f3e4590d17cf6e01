#include "engine/results/results_db.hpp"

#include "engine/base/build_info.hpp"
#include "engine/input/sweep.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/file.h>
#include <unistd.h>

namespace aidcsim {
namespace {

// A prepared statement, finalized on scope exit.
class Statement {
public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(error_text());
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, long long v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
      return true;
    if (rc == SQLITE_DONE)
      return false;
    throw std::runtime_error(error_text());
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int col) {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  long long integer(int col) { return sqlite3_column_int64(stmt_, col); }
  double real(int col) { return sqlite3_column_double(stmt_, col); }

private:
  // "results database 'x.sqlite': disk I/O error": the file, then SQLite's words.
  std::string error_text() const {
    const char* file = sqlite3_db_filename(db_, "main");
    return "results database '" + std::string(file ? file : "?") + "': " + sqlite3_errmsg(db_);
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

} // namespace

ResultsDb::ResultsDb(const std::string& path, Mode mode) : path_(path) {
  if (mode == Mode::write) {
    lock_fd_ = ::open((path + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0)
      throw std::runtime_error("cannot create '" + path + ".lock': " + std::strerror(errno));
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(lock_fd_);
      throw std::runtime_error("another batch is writing '" + path + "' (it holds '" + path +
                               ".lock'); wait for it or use another file");
    }
  }
  const int flags = mode == Mode::write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    if (lock_fd_ >= 0)
      ::close(lock_fd_);
    throw std::runtime_error("cannot open results database '" + path + "': " + why);
  }
  sqlite3_busy_timeout(db_, 10000);
  if (mode == Mode::read_only)
    return;
  try {
    // SQLite opens a file it may not write read-only without a word; a batch would find out only
    // at its first result, after that run was computed.
    if (sqlite3_db_readonly(db_, "main") == 1)
      throw std::runtime_error("results database '" + path +
                               "' cannot be written (read-only file or folder)");
    setup();
  } catch (...) {
    sqlite3_close(db_);
    ::close(lock_fd_);
    throw;
  }
}

void ResultsDb::setup() {
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("CREATE TABLE IF NOT EXISTS sweep(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  exec("CREATE TABLE IF NOT EXISTS points(point INTEGER PRIMARY KEY, label TEXT NOT NULL, params TEXT NOT "
       "NULL)");
  exec(
      "CREATE TABLE IF NOT EXISTS runs(run_key TEXT PRIMARY KEY, point INTEGER NOT NULL, replication INTEGER "
      "NOT NULL, seed INTEGER NOT NULL, wall_s REAL NOT NULL)");
  exec("CREATE TABLE IF NOT EXISTS metrics(run_key TEXT NOT NULL REFERENCES runs(run_key), name TEXT NOT "
       "NULL, "
       "value REAL NOT NULL, PRIMARY KEY (run_key, name))");
}

ResultsDb::~ResultsDb() {
  if (lock_fd_ >= 0) {
    // The write-ahead log folded back into the file: a finished batch leaves one self-contained
    // file, which `report` can read where it cannot create the log's index (read-only media). A
    // resumed batch turns the log on again. Errors leave the log in place, which is still valid.
    sqlite3_exec(db_, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE", nullptr, nullptr,
                 nullptr);
  }
  sqlite3_close(db_);
  if (lock_fd_ >= 0)
    ::close(lock_fd_); // releases the lock
}

void ResultsDb::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error("results database '" + path_ + "': " + why);
  }
}

void ResultsDb::rollback() noexcept {
  // SQLite rolls back by itself on some errors (a full disk, I/O errors); a ROLLBACK then fails
  // with "no transaction is active" and its message would hide the real one.
  if (sqlite3_get_autocommit(db_) == 0)
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

std::string ResultsDb::sweep_value(const std::string& key) {
  Statement q(db_, "SELECT value FROM sweep WHERE key = ?");
  q.bind(1, key);
  return q.step() ? q.text(0) : "";
}

void ResultsDb::bind_sweep(const Sweep& sweep, bool allow_version_change) {
  exec("BEGIN IMMEDIATE");
  const std::string existing = sweep_value("fingerprint");
  if (!existing.empty()) {
    try {
      resume_sweep(sweep, existing, allow_version_change);
    } catch (...) {
      rollback();
      throw;
    }
    exec("COMMIT");
    return;
  }
  try {
    Statement put(db_, "INSERT INTO sweep(key, value) VALUES (?, ?)");
    nlohmann::ordered_json axes = nlohmann::ordered_json::array();
    for (const auto& a : sweep.axes)
      axes.push_back({{"key", a.key}, {"values", a.values}});
    const std::pair<const char*, std::string> rows[] = {
        {"name", sweep.name},
        {"fingerprint", sweep.fingerprint},
        {"file", sweep.file},
        {"metric", sweep.metric},
        {"axes", axes.dump()},
        {"replications", std::to_string(sweep.replications)},
        {"seeds", sweep.common_seeds ? "common" : "per_point"},
        {"versions", nlohmann::json::array({version_line()}).dump()},
    };
    for (const auto& [k, v] : rows) {
      put.bind(1, std::string(k)).bind(2, v).step();
      put.reset();
    }
    Statement point(db_, "INSERT INTO points(point, label, params) VALUES (?, ?, ?)");
    for (const auto& p : sweep.points) {
      nlohmann::ordered_json params = nlohmann::ordered_json::object();
      for (const auto& o : p.overrides)
        params[o.key] = o.yaml_value;
      point.bind(1, static_cast<long long>(p.index)).bind(2, p.label).bind(3, params.dump()).step();
      point.reset();
    }
    exec("COMMIT");
  } catch (...) {
    rollback();
    throw;
  }
}

// The file holds this sweep already: resume it, if the program that wrote its runs is this one (or
// the user allowed another, which the file then records).
void ResultsDb::resume_sweep(const Sweep& sweep, const std::string& fingerprint, bool allow_version_change) {
  if (fingerprint != sweep.fingerprint)
    throw std::invalid_argument(
        "results database '" + path_ + "' holds another sweep ('" + sweep_value("name") +
        "'), or this sweep's base scenario or platform changed since; use a new file");
  const std::string recorded = sweep_value("versions");
  // Files from before versions were recorded resume as from an unknown version.
  nlohmann::json versions = recorded.empty() ? nlohmann::json::array({"an unrecorded version"})
                                             : nlohmann::json::parse(recorded, nullptr, false);
  if (!versions.is_array() || versions.empty())
    versions = nlohmann::json::array({"an unrecorded version"});
  const std::string now = version_line();
  if (versions.back() == now)
    return;
  if (!allow_version_change)
    throw std::invalid_argument("results database '" + path_ + "' was written by " +
                                versions.back().get<std::string>() + "; this is " + now +
                                ": results of two versions would mix. Use a new file, or give "
                                "--allow-version-change to resume anyway (the file records both)");
  versions.push_back(now);
  Statement put(db_, "INSERT OR REPLACE INTO sweep(key, value) VALUES ('versions', ?)");
  put.bind(1, versions.dump()).step();
}

std::vector<std::string> ResultsDb::versions() {
  std::vector<std::string> out;
  const nlohmann::json v = nlohmann::json::parse(sweep_value("versions"), nullptr, false);
  if (v.is_array())
    for (const auto& line : v)
      if (line.is_string())
        out.push_back(line.get<std::string>());
  return out;
}

std::set<std::string> ResultsDb::finished_runs() {
  std::set<std::string> keys;
  Statement q(db_, "SELECT run_key FROM runs");
  while (q.step())
    keys.insert(q.text(0));
  return keys;
}

void ResultsDb::record_run(const std::string& run_key, int point, int replication, long long seed,
                           double wall_s, const std::map<std::string, double>& metrics) {
  exec("BEGIN IMMEDIATE");
  try {
    Statement run(db_, "INSERT INTO runs(run_key, point, replication, seed, wall_s) VALUES (?, ?, ?, ?, ?)");
    run.bind(1, run_key).bind(2, static_cast<long long>(point)).bind(3, static_cast<long long>(replication));
    run.bind(4, seed).bind(5, wall_s).step();
    Statement m(db_, "INSERT INTO metrics(run_key, name, value) VALUES (?, ?, ?)");
    for (const auto& [name, value] : metrics) {
      m.bind(1, run_key).bind(2, name).bind(3, value).step();
      m.reset();
    }
    exec("COMMIT");
  } catch (...) {
    rollback();
    throw;
  }
}

std::vector<ResultsDb::PointRow> ResultsDb::points() {
  std::vector<PointRow> out;
  Statement q(db_, "SELECT point, label, params FROM points ORDER BY point");
  while (q.step())
    out.push_back({static_cast<int>(q.integer(0)), q.text(1), q.text(2)});
  return out;
}

std::map<std::string, std::vector<double>> ResultsDb::metrics_of_point(int point) {
  std::map<std::string, std::vector<double>> out;
  Statement q(db_,
              "SELECT m.name, m.value FROM metrics m JOIN runs r ON r.run_key = m.run_key WHERE r.point = ? "
              "ORDER BY m.name, r.replication");
  q.bind(1, static_cast<long long>(point));
  while (q.step())
    out[q.text(0)].push_back(q.real(1));
  return out;
}

long ResultsDb::run_count() {
  Statement q(db_, "SELECT COUNT(*) FROM runs");
  q.step();
  return static_cast<long>(q.integer(0));
}

} // namespace aidcsim
