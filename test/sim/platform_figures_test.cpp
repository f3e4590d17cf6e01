// Platform figures measured by SimGrid from the committed XML files, against the founding
// document's seed table (../shared/reference/seed-figures.md): every figure within 2%.
// Each TEST runs in its own process (gtest_discover_tests): SimGrid has one engine per process.
#include "engine/diagnostics.hpp"
#include "engine/platform_figures.hpp"

#include <gtest/gtest.h>

namespace {

const std::string source = AIDCSIM_SOURCE_DIR;

void expect_within_2_percent(double measured, double published, const char* what) {
  EXPECT_NEAR(measured, published, 0.02 * published)
      << what << ": measured " << measured << ", published " << published;
}

} // namespace

TEST(PlatformFigures, Nvl72MatchesTheSeedTable) {
  const auto f = aidcsim::measure_platform(source + "/platforms/gb200-nvl72.xml");
  EXPECT_EQ(f.accelerators, 72u);
  EXPECT_EQ(f.scaleup_domains, 1u);
  expect_within_2_percent(f.bf16_pflops(), 180, "BF16 PFLOPS");
  expect_within_2_percent(f.hbm_tb(), 13.8, "HBM TB");
  expect_within_2_percent(f.hbm_tbps(), 576, "HBM TB/s");
  expect_within_2_percent(f.scaleup_gbps(), 518400, "scale-up Gb/s");
  expect_within_2_percent(f.scaleout_gbps(), 28800, "scale-out Gb/s");
  expect_within_2_percent(f.power_full_w, 145000, "system power W");
  expect_within_2_percent(f.w_per_tflop(), 0.81, "W per TFLOP");
  // Idle is the NVIDIA DPS tray ratio, 1,000 W of 6,667 W.
  EXPECT_NEAR(f.power_idle_w / f.power_full_w, 0.15, 0.001);
}

TEST(PlatformFigures, CloudMatrix384MatchesTheSeedTable) {
  const auto f = aidcsim::measure_platform(source + "/platforms/cloudmatrix384.xml");
  EXPECT_EQ(f.accelerators, 384u);
  EXPECT_EQ(f.scaleup_domains, 1u);
  expect_within_2_percent(f.bf16_pflops(), 300, "BF16 PFLOPS");
  expect_within_2_percent(f.hbm_tb(), 49.2, "HBM TB");
  expect_within_2_percent(f.hbm_tbps(), 1229, "HBM TB/s");
  expect_within_2_percent(f.scaleup_gbps(), 1075200, "scale-up Gb/s");
  expect_within_2_percent(f.scaleout_gbps(), 153600, "scale-out Gb/s");
  expect_within_2_percent(f.power_full_w, 599821, "system power W");
  expect_within_2_percent(f.w_per_tflop(), 2.0, "W per TFLOP");
}

TEST(PlatformFigures, MalformedXmlIsAnInputErrorWithFileAndLine) {
  const std::string path = source + "/test/data/bad/malformed-platform.xml";
  try {
    aidcsim::measure_platform(path);
    FAIL() << "malformed platform accepted";
  } catch (const aidcsim::InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const auto& d = e.diagnostics().items()[0];
    EXPECT_EQ(d.pos.file, path);
    EXPECT_EQ(d.pos.line, 6); // the </zone> that closes an unclosed <host>
    EXPECT_NE(d.message.find("</host>' expected"), std::string::npos) << d.message;
  }
}

TEST(PlatformFigures, MissingFileIsAnInputError) {
  EXPECT_THROW(aidcsim::measure_platform(source + "/platforms/no-such.xml"), aidcsim::InputError);
}

TEST(PlatformFigures, PlatformWithoutAcceleratorsIsAnInputError) {
  try {
    aidcsim::measure_platform(source + "/test/data/bad/no-accelerators.xml");
    FAIL() << "platform without accelerators accepted";
  } catch (const aidcsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no accelerator hosts"), std::string::npos) << e.what();
  }
}
