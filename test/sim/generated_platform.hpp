// A platform written by the generator into the temporary folder, for tests on clusters larger
// than the shipped ones.
#pragma once

#include "engine/input/catalog.hpp"
#include "tools/platform/generator.hpp"

#include <filesystem>
#include <string>

namespace aidcsim::test {

inline std::string generated_platform(const std::string& system, int pods, double oversubscription) {
  const auto catalog = load_catalog(std::string(AIDCSIM_SOURCE_DIR) + "/platforms/catalog.yaml");
  platform::GeneratorOptions o;
  o.system_id = system;
  o.pods = pods;
  o.oversubscription = oversubscription;
  const std::string path =
      (std::filesystem::temp_directory_path() / ("aidcsim-" + system + "-" + std::to_string(pods) + "-" +
                                                 std::to_string(static_cast<int>(oversubscription)) + ".xml"))
          .string();
  platform::generate_platform_file(catalog, o, path);
  return path;
}

} // namespace aidcsim::test
