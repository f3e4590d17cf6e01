// Errors in user input, collected so that all errors of a file are reported at once.
//
// Each diagnostic names the place (file:line:col, 1-based), the key, the offending value and what
// is allowed. Loading functions add to a Diagnostics list and, when it is not empty at the end,
// throw InputError; the command line prints every message and exits with code 2.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace aidcsim {

struct SourcePos {
  std::string file;
  int line = 0;   // 1-based; 0 when unknown
  int column = 0; // 1-based; 0 when unknown
};

struct Diagnostic {
  SourcePos pos;
  std::string key;   // dotted path such as "workload.kind"; empty when not about one key
  std::string value; // offending value as written; empty when none
  std::string message;
  bool warning = false; // accepted, but probably not what was meant: "warning:" instead of "error:"

  // "file:line:col: error: key 'workload.kind' = 'ful_load': unknown kind; allowed: full_load"
  std::string format() const;
};

class Diagnostics {
public:
  void add(SourcePos pos, std::string key, std::string value, std::string message);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  // Orders messages by file, line and column (stable: same-place messages keep their order).
  void sort_by_position();
  // All messages, one per line.
  std::string format_all() const;

private:
  std::vector<Diagnostic> items_;
};

// Thrown when an input file (scenario, catalog, platform) has errors. Carries every diagnostic,
// sorted by position.
class InputError : public std::runtime_error {
public:
  explicit InputError(Diagnostics diagnostics);
  const Diagnostics& diagnostics() const { return diagnostics_; }

private:
  Diagnostics diagnostics_;
};

// Throws InputError with a single diagnostic.
[[noreturn]] void throw_input_error(SourcePos pos, std::string key, std::string value, std::string message);

} // namespace aidcsim
