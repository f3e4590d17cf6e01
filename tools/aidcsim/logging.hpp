// The command's log: spdlog to stderr, so that stdout holds results only (a table, JSON, CSV).
//
//   -q, --quiet            warnings and errors only (no progress line, no summary lines)
//   (default)              info: what a run did ("batch: 16 runs ..."), and progress on a terminal
//   -v / -vv               debug / trace: what the command is doing and how long it took
//   --log-level LEVEL      trace, debug, info, warning, error or off; overrides -v and -q
//
// Info lines print as they are; other levels carry their name ("warning: ...", "debug: ...").
#pragma once

#include <string>

namespace aidcsim::cli {

struct LogArgs {
  int verbose = 0; // how many times -v was given
  bool quiet = false;
  std::string level; // --log-level; empty: from -v and -q
};

// Sets up the default logger. False (after a message on stderr) for an unknown --log-level.
bool setup_logging(const LogArgs& args);

// Info messages are shown: summary lines and progress.
bool info_enabled();

// A progress line belongs on the terminal only: stderr is a terminal and info is shown.
bool progress_enabled();

} // namespace aidcsim::cli
