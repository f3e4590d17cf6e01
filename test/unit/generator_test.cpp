// The platform generator, checked on its XML text (no SimGrid engine here; the sim tests load
// the files and measure them).
#include "engine/input/catalog.hpp"
#include "tools/platform/generator.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

const aidcsim::Catalog& catalog() {
  static const aidcsim::Catalog cat =
      aidcsim::load_catalog(std::string(AIDCSIM_SOURCE_DIR) + "/platforms/catalog.yaml");
  return cat;
}

std::string generate(const std::string& system, int pods) {
  std::ostringstream out;
  aidcsim::platform::write_platform_xml(catalog(), {system, pods, 1.0}, out);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
    ++n;
  return n;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

TEST(Generator, Nvl72HasSeventyTwoGpusInEighteenTrays) {
  const std::string xml = generate("nvl72", 1);
  EXPECT_EQ(count(xml, "<host "), 72u);
  EXPECT_EQ(count(xml, "<prop id=\"tray\" value=\"nvl72-0-tray17\"/>"), 4u);
  EXPECT_EQ(count(xml, "tray18"), 0u);
  EXPECT_EQ(count(xml, "<prop id=\"rack\" value=\"nvl72-0-rack0\"/>"), 72u);
  // Full speed plus two throttled pstates, with power for each.
  EXPECT_EQ(count(xml, "speed=\"2500Tf,1875Tf,1250Tf\""), 72u);
  EXPECT_EQ(count(xml, "value=\"302.0833:2013.8889, 302.0833:"), 72u);
  EXPECT_EQ(count(xml, "<link "), 2u * 72u + 1u); // scale-up + NIC per GPU, one uplink bundle
  EXPECT_EQ(count(xml, "bandwidth=\"7200Gbps\""), 72u);
  EXPECT_EQ(count(xml, "bandwidth=\"400Gbps\""), 72u);
  EXPECT_EQ(count(xml, "bandwidth=\"28800Gbps\""), 1u);
}

TEST(Generator, CloudMatrixHasTwelveComputeRacksOfThirtyTwo) {
  const std::string xml = generate("cm384", 1);
  EXPECT_EQ(count(xml, "<host "), 384u);
  EXPECT_EQ(count(xml, "<prop id=\"rack\" value=\"cm384-0-rack11\"/>"), 32u);
  EXPECT_EQ(count(xml, "rack12"), 0u);
  EXPECT_EQ(count(xml, "<prop id=\"tray\" value=\"cm384-0-tray47\"/>"), 8u);
  EXPECT_EQ(count(xml, "<prop id=\"network_racks_per_system\" value=\"4\"/>"), 1u);
  EXPECT_EQ(count(xml, "bandwidth=\"2800Gbps\""), 384u);
}

TEST(Generator, ClusterGroupsPodsUnderLeafSwitches) {
  // Radix 64: a leaf group serves (64/2)^2 = 1024 endpoints, i.e. 14 NVL72 racks.
  EXPECT_EQ(aidcsim::platform::pods_per_leaf_group(catalog(), catalog().system("nvl72")), 14);
  EXPECT_EQ(aidcsim::platform::pods_per_leaf_group(catalog(), catalog().system("cm384")), 2);
  const std::string xml = generate("nvl72", 30);
  EXPECT_EQ(count(xml, "<host "), 30u * 72u);
  EXPECT_EQ(count(xml, "<zone id=\"leaf"), 3u); // 14 + 14 + 2 pods
  EXPECT_EQ(count(xml, "<zoneRoute "), 3u);
  // Leaf-to-core capacity equals the pods' scale-out bandwidth (non-blocking): 14 x 28,800 Gb/s.
  EXPECT_EQ(count(xml, "<link id=\"leaf0-core\" bandwidth=\"403200Gbps\""), 1u);
  EXPECT_EQ(count(xml, "<link id=\"leaf2-core\" bandwidth=\"57600Gbps\""), 1u);
}

TEST(Generator, OversubscriptionNarrowsLeafUplinks) {
  std::ostringstream out;
  aidcsim::platform::write_platform_xml(catalog(), {"nvl72", 14, 2.0}, out);
  EXPECT_EQ(count(out.str(), "<link id=\"leaf0-core\" bandwidth=\"201600Gbps\""), 1u);
}

TEST(Generator, OutputIsDeterministic) {
  EXPECT_EQ(generate("cm384", 3), generate("cm384", 3));
}

TEST(Generator, CommittedPlatformsAreTheGeneratorsOutput) {
  // platforms/*.xml are generated files; they must not drift from the catalog.
  EXPECT_EQ(read(std::string(AIDCSIM_SOURCE_DIR) + "/platforms/gb200-nvl72.xml"), generate("nvl72", 1));
  EXPECT_EQ(read(std::string(AIDCSIM_SOURCE_DIR) + "/platforms/cloudmatrix384.xml"), generate("cm384", 1));
  EXPECT_EQ(read(std::string(AIDCSIM_SOURCE_DIR) + "/platforms/gb200-nvl72-x8.xml"), generate("nvl72", 8));
}

TEST(Generator, BadOptionsAreRejectedWithASuggestion) {
  std::ostringstream out;
  try {
    aidcsim::platform::write_platform_xml(catalog(), {"nvl27", 1, 1.0}, out);
    FAIL() << "unknown system accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'nvl72'?"), std::string::npos) << e.what();
  }
  EXPECT_THROW(aidcsim::platform::write_platform_xml(catalog(), {"nvl72", 0, 1.0}, out),
               std::invalid_argument);
  EXPECT_THROW(aidcsim::platform::write_platform_xml(catalog(), {"nvl72", 2, 0.5}, out),
               std::invalid_argument);
}
