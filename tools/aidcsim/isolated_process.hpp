// Runs SimGrid work in a forked child process.
//
// SimGrid keeps one engine per process, and on some malformed platforms it aborts (SIGABRT from
// xbt_die) instead of throwing, e.g. on an energy profile that does not match the pstates.
// Running each simulation in a child lets `compare` measure several files and lets every
// command turn such an abort while loading into an input error (exit 2) instead of a crash.
#pragma once

#include <functional>
#include <string>

namespace aidcsim::cli {

struct ChildOutcome {
  enum class Kind {
    ok,                    // payload holds the child's result
    input_error,           // payload holds the formatted InputError diagnostics
    output_error,          // payload holds the OutputError's message (an output file it could not write)
    crashed_while_loading, // aborted (SIGABRT) before the platform was loaded: SimGrid rejected it
    killed_while_loading,  // died otherwise before loading finished (e.g. out of memory)
    crashed_after_loading,
    internal_error, // payload holds the exception text
  };
  Kind kind = Kind::internal_error;
  std::string payload;
  std::string how; // for crashes: "killed by signal 6", "exited with code 1"
};

// `body` runs in the child. It calls `mark_loaded()` once its platform is loaded, so a crash can
// be blamed on the input (before) or on the simulator (after), and returns its result text.
// An InputError it throws becomes Kind::input_error.
ChildOutcome run_in_child(const std::function<std::string(const std::function<void()>& mark_loaded)>& body);

// Writes all of `bytes` to a pipe or file descriptor, retrying short writes; stops on an error.
void write_all(int fd, const std::string& bytes);

} // namespace aidcsim::cli
