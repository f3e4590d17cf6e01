// What built this program: the figures every result file records as its provenance, and
// `aidcsim --version` prints.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace aidcsim {

struct BuildInfo {
  std::string version;         // the project's version (CMakeLists.txt)
  std::string git_revision;    // `git describe --always --dirty` at build time, or "unknown"
  std::string build_type;      // Release, Debug, ...
  std::string simgrid_version; // of the libsimgrid the program was built against
};

const BuildInfo& build_info();

// "aidcsim 0.1.0 (git 0d548e8, Release build, SimGrid 3.32)"
std::string version_line();

// Provenance of a result: the build, and the scenario and platform it came from with the SHA-256
// of their bytes (what `sha256sum` prints). In a fixed order, for JSON, CSV comments and SQLite.
using Provenance = std::vector<std::pair<std::string, std::string>>;
Provenance make_provenance(const std::string& scenario_name, const std::string& scenario_file,
                           const std::string& platform_file);

// "# key: value" lines, for the top of a CSV file (readers skip lines starting with '#').
std::string csv_comment_lines(const Provenance& provenance);

} // namespace aidcsim
