#include "tools/aidcsim/warnings.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

namespace aidcsim::cli {

void print_warnings(const std::vector<Diagnostic>& warnings) {
  if (!spdlog::should_log(spdlog::level::warn)) // --log-level error or off
    return;
  for (const auto& w : warnings)
    std::cerr << w.format() << "\n";
}

} // namespace aidcsim::cli
