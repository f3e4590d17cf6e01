#include "tools/aidcsim/batch_progress.hpp"

#include "engine/base/statistics.hpp"
#include "tools/aidcsim/logging.hpp"

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace aidcsim::cli {
namespace {

std::string duration_text(double s) {
  char buf[32];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%.0fs", s);
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%.0fm%02.0fs", std::floor(s / 60), s - 60 * std::floor(s / 60));
  else
    std::snprintf(buf, sizeof buf, "%.0fh%02.0fm", std::floor(s / 3600),
                  (s - 3600 * std::floor(s / 3600)) / 60);
  return buf;
}

} // namespace

BatchProgress::BatchProgress(std::size_t total, std::size_t already_done, std::string metric)
    : total_(total), done_(already_done), start_done_(already_done), metric_(std::move(metric)),
      start_(std::chrono::steady_clock::now()), tty_(isatty(STDERR_FILENO) != 0) {
  draw(true);
}

void BatchProgress::run_done(double metric_value, bool has_metric) {
  ++done_;
  if (has_metric)
    values_.push_back(metric_value);
  draw(false);
}

void BatchProgress::run_failed() {
  ++done_;
  ++failed_;
  draw(false);
}

void BatchProgress::draw(bool force) {
  if (!info_enabled()) // -q
    return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const std::size_t new_runs = done_ - start_done_;
  const double rate = elapsed > 0 ? static_cast<double>(new_runs) / elapsed : 0;
  const int decile = total_ > 0 ? static_cast<int>(10 * done_ / total_) : 10;
  if (!tty_ && !force && decile == last_decile_)
    return;
  last_decile_ = decile;
  constexpr int width = 24;
  const int filled = total_ > 0 ? static_cast<int>(width * done_ / total_) : width;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::string eta = "-";
  if (rate > 0 && done_ < total_)
    eta = duration_text(static_cast<double>(total_ - done_) / rate);
  std::string estimate;
  if (failed_ > 0)
    estimate += ", " + std::to_string(failed_) + " failed";
  if (values_.size() >= 2) { // pooled over the points done so far: a running check, not a result
    const Summary s = summarize(values_);
    char buf[160];
    std::snprintf(buf, sizeof buf, ", %s pooled %.6g +- %.2g", metric_.c_str(), s.mean, s.ci95_half);
    estimate += buf;
  }
  std::fprintf(stderr, "%s[%s] %zu/%zu runs, %.2f runs/s, ETA %s%s%s", tty_ ? "\r" : "", bar.c_str(), done_,
               total_, rate, eta.c_str(), estimate.c_str(), tty_ ? "\033[K" : "\n");
  std::fflush(stderr);
}

void BatchProgress::finish() {
  draw(true);
  if (tty_ && info_enabled())
    std::fprintf(stderr, "\n");
}

} // namespace aidcsim::cli
