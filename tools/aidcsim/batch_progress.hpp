// The batch's progress line on stderr: runs done of total, rate, time left, and the running mean
// and 95% half-width of the sweep's main metric. On a terminal it redraws one line; in a log
// (CI) it prints a line at every tenth of the way.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace aidcsim::cli {

class BatchProgress {
public:
  BatchProgress(std::size_t total, std::size_t already_done, std::string metric);
  void run_done(double metric_value, bool has_metric);
  void run_failed();
  void finish();

private:
  void draw(bool force);
  std::size_t total_, done_, start_done_, failed_ = 0;
  std::string metric_;
  std::vector<double> values_;
  std::chrono::steady_clock::time_point start_;
  bool tty_;
  int last_decile_ = -1;
};

} // namespace aidcsim::cli
