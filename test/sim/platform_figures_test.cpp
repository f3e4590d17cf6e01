// Platform figures measured by SimGrid from the committed XML files, against the founding
// document's seed table (../shared/reference/seed-figures.md): every figure within 2%.
// Each TEST runs in its own process (gtest_discover_tests): SimGrid has one engine per process.
#include "engine/base/diagnostics.hpp"
#include "engine/sim/platform_figures.hpp"

#include <gtest/gtest.h>

namespace {

const std::string source = AIDCSIM_SOURCE_DIR;

// One column of the founding document's "Scale-up systems" table.
struct SeedColumn {
  std::string platform;
  std::size_t accelerators;
  double bf16_pflops, hbm_tb, hbm_tbps, scaleup_gbps, scaleout_gbps, power_w, w_per_tflop;
};

void PrintTo(const SeedColumn& c, std::ostream* os) {
  *os << c.platform;
}

class SeedTable : public ::testing::TestWithParam<SeedColumn> {};

void expect_within_2_percent(double measured, double published, const char* what) {
  EXPECT_NEAR(measured, published, 0.02 * published)
      << what << ": measured " << measured << ", published " << published;
}

} // namespace

TEST_P(SeedTable, EveryFigureWithinTwoPercent) {
  const SeedColumn& seed = GetParam();
  const auto f = aidcsim::measure_platform(source + "/platforms/" + seed.platform);
  EXPECT_EQ(f.accelerators, seed.accelerators);
  EXPECT_EQ(f.scaleup_domains, 1u);
  expect_within_2_percent(f.bf16_pflops(), seed.bf16_pflops, "BF16 PFLOPS");
  expect_within_2_percent(f.hbm_tb(), seed.hbm_tb, "HBM TB");
  expect_within_2_percent(f.hbm_tbps(), seed.hbm_tbps, "HBM TB/s");
  expect_within_2_percent(f.scaleup_gbps(), seed.scaleup_gbps, "scale-up Gb/s");
  expect_within_2_percent(f.scaleout_gbps(), seed.scaleout_gbps, "scale-out Gb/s");
  expect_within_2_percent(f.power_full_w, seed.power_w, "system power W");
  expect_within_2_percent(f.w_per_tflop(), seed.w_per_tflop, "W per TFLOP");
  // Idle is the NVIDIA DPS tray ratio, 1,000 W of 6,667 W (docs/MODELS.md).
  EXPECT_NEAR(f.power_idle_w / f.power_full_w, 0.15, 0.001);
}

INSTANTIATE_TEST_SUITE_P(
    FoundingDocument, SeedTable,
    ::testing::Values(SeedColumn{"gb200-nvl72.xml", 72, 180, 13.8, 576, 518400, 28800, 145000, 0.81},
                      SeedColumn{"cloudmatrix384.xml", 384, 300, 49.2, 1229, 1075200, 153600, 599821, 2.0}),
    [](const ::testing::TestParamInfo<SeedColumn>& info) {
      return info.param.accelerators == 72 ? std::string("nvl72") : std::string("cm384");
    });

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
