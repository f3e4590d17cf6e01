// The facility timeline as CSV, streamed to disk while the run goes on.
//
// Rows go through a buffer into a temporary file next to the target, renamed over it only when
// the run has ended (readers never see half a timeline; a failed run leaves no file). The file
// opens before the run, so a folder that cannot be written fails at once, not after the
// simulation. Nothing is left out silently: a time window and a set of components choose what is
// written, and the run reports how many rows it made and how many the file holds.
//
// With a window [from, to], the file starts with every chosen component's state as it stood at
// `from` (its last row before, with time `from`), holds the rows inside, and ends with each
// component's state at `to` (its last row, with time `to`), so plots span the window.
#pragma once

#include "engine/base/staged_file.hpp"
#include "models/power/timeline_recorder.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace aidcsim {

struct TimelineFilter {
  double from_s = 0;
  double to_s = std::numeric_limits<double>::infinity();
  std::set<std::string, std::less<>> components; // component ids or kinds; empty: every component
  bool windowed() const { return from_s > 0 || to_s < std::numeric_limits<double>::infinity(); }
};

class TimelineWriter {
public:
  // Throws OutputError naming the path when the temporary file cannot be created. `preamble`
  // (provenance as "# key: value" lines) comes before the header.
  TimelineWriter(std::string path, TimelineFilter filter, const std::string& preamble = "");
  TimelineWriter(const TimelineWriter&) = delete;
  TimelineWriter& operator=(const TimelineWriter&) = delete;

  void add(const power::TimelineRow& row);
  // Closes the window, flushes and renames the file over the target; throws std::runtime_error
  // (naming the path and the system error) when any write failed.
  void commit();

  std::size_t rows() const { return rows_; }       // the run's rows, chosen or not
  std::size_t written() const { return written_; } // the rows in the file

private:
  // A row kept past the call that made it (its text views refer to the caller's storage).
  struct KeptRow {
    power::TimelineRow row;
    std::string component, kind, state;
    explicit KeptRow(const power::TimelineRow& r) { *this = r; }
    KeptRow& operator=(const power::TimelineRow& r);
  };

  bool chosen(const power::TimelineRow& row) const;
  void remember(const power::TimelineRow& row);
  void open_window();
  void close_window();
  void write_row(const power::TimelineRow& row, double time_s);
  void flush();

  TimelineFilter filter_;
  StagedFile file_;
  enum class Window { before, open, closed } window_ = Window::before;
  // Rows are formatted straight into this buffer (no copies through temporaries), written out when
  // full.
  std::unique_ptr<char[]> buffer_;
  std::size_t used_ = 0, capacity_ = 1 << 20;
  // Per numeric column, the last value written and its text: the rows of one event share their
  // time, and loads repeat, so most numbers are copied rather than formatted again.
  struct LastNumber {
    std::uint64_t bits = 0;
    std::uint8_t size = 0; // 0: none
    char text[40];
  };
  LastNumber last_time_, last_load_, last_soc_;
  std::size_t rows_ = 0, written_ = 0;
  // Per component (in order of first appearance), its last row: the state at the window's edges.
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<KeptRow> last_;
};

} // namespace aidcsim
