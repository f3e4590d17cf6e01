// Warnings about input that was accepted but probably not meant ("file:line:col: warning: ..."),
// on stderr unless -q.
#pragma once

#include "engine/base/diagnostics.hpp"

#include <vector>

namespace aidcsim::cli {

void print_warnings(const std::vector<Diagnostic>& warnings);

} // namespace aidcsim::cli
