#include "engine/base/build_info.hpp"

#include "engine/base/sha256.hpp"

namespace aidcsim {

// Defined in the build folder's generated/git_revision.cpp (tools/git-revision.cmake), rewritten
// at every build whose revision changed.
extern const char* const git_revision_text;

const BuildInfo& build_info() {
  static const BuildInfo info{AIDCSIM_VERSION, git_revision_text, AIDCSIM_BUILD_TYPE,
                              AIDCSIM_SIMGRID_VERSION};
  return info;
}

std::string version_line() {
  const BuildInfo& b = build_info();
  return "aidcsim " + b.version + " (git " + b.git_revision + ", " + b.build_type + " build, SimGrid " +
         b.simgrid_version + ")";
}

Provenance make_provenance(const std::string& scenario_name, const std::string& scenario_file,
                           const std::string& platform_file) {
  const BuildInfo& b = build_info();
  Provenance p = {{"aidcsim_version", b.version},
                  {"git_revision", b.git_revision},
                  {"build_type", b.build_type},
                  {"simgrid_version", b.simgrid_version},
                  {"scenario_name", scenario_name},
                  {"scenario_file", scenario_file},
                  {"scenario_sha256", sha256_of_file(scenario_file).value_or("unreadable")}};
  if (!platform_file.empty()) {
    p.emplace_back("platform_file", platform_file);
    p.emplace_back("platform_sha256", sha256_of_file(platform_file).value_or("unreadable"));
  }
  return p;
}

std::string csv_comment_lines(const Provenance& provenance) {
  std::string lines;
  for (const auto& [key, value] : provenance) {
    std::string one_line = value;
    for (char& c : one_line)
      if (c == '\n' || c == '\r')
        c = ' ';
    lines += "# " + key + ": " + one_line + "\n";
  }
  return lines;
}

} // namespace aidcsim
