#include "engine/base/diagnostics.hpp"
#include "engine/input/catalog.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace {

const std::string catalog_path = std::string(AIDCSIM_SOURCE_DIR) + "/platforms/catalog.yaml";

// Writes a catalog variant to a temporary file and returns the load errors.
std::vector<aidcsim::Diagnostic> errors_of_text(const std::string& text) {
  // One file per process: CTest runs each test in a process of its own, in parallel.
  const std::string path = ::testing::TempDir() + "catalog_test_" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(path) << text;
  try {
    aidcsim::load_catalog(path);
  } catch (const aidcsim::InputError& e) {
    return e.diagnostics().items();
  }
  return {};
}

std::string read_catalog() {
  std::ifstream in(catalog_path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos)
    text.replace(at, from.size(), to);
  return text;
}

} // namespace

TEST(Catalog, TextReadsAsItsFile) {
  const auto from_file = aidcsim::load_catalog(catalog_path);
  const auto from_text = aidcsim::load_catalog_text(read_catalog(), catalog_path);
  EXPECT_EQ(from_text.path, catalog_path);
  EXPECT_EQ(from_text.system_ids(), from_file.system_ids());
  EXPECT_EQ(from_text.chips.at("gb200").bf16_flops, from_file.chips.at("gb200").bf16_flops);
}

TEST(Catalog, ChipFiguresMatchTheFoundingDocument) {
  const auto cat = aidcsim::load_catalog(catalog_path);
  const auto& gb200 = cat.chips.at("gb200");
  EXPECT_DOUBLE_EQ(gb200.bf16_flops, 2500e12);
  EXPECT_DOUBLE_EQ(gb200.hbm_capacity_bytes, 192e9);
  EXPECT_DOUBLE_EQ(gb200.hbm_bandwidth_bps, 8e12 * 8);
  EXPECT_DOUBLE_EQ(gb200.scaleup_bandwidth_bps, 7200e9);
  EXPECT_DOUBLE_EQ(gb200.scaleout_bandwidth_bps, 400e9);
  EXPECT_NEAR(gb200.power_full_w * 72, 145000.0, 0.01); // seed-figures: 145,000 W per NVL72
  EXPECT_NEAR(gb200.power_idle_w / gb200.power_full_w, 1000.0 / 6667.0, 1e-3); // DPS tray idle/max

  const auto& ascend = cat.chips.at("ascend910c");
  EXPECT_DOUBLE_EQ(ascend.bf16_flops, 780e12);
  EXPECT_DOUBLE_EQ(ascend.hbm_capacity_bytes, 128e9);
  EXPECT_DOUBLE_EQ(ascend.scaleup_bandwidth_bps, 2800e9);
  EXPECT_NEAR(ascend.power_full_w * 384, 599821.0, 0.05); // seed-figures: 599,821 W per CM384
}

TEST(Catalog, SystemsHaveTheirPublishedShape) {
  const auto cat = aidcsim::load_catalog(catalog_path);
  const auto& nvl72 = cat.system("nvl72");
  EXPECT_EQ(nvl72.chips(), 72);
  EXPECT_EQ(nvl72.trays_per_rack, 18);
  EXPECT_EQ(cat.chip_of(nvl72).id, "gb200");
  const auto& cm384 = cat.system("cm384");
  EXPECT_EQ(cm384.chips(), 384);
  EXPECT_EQ(cm384.compute_racks + cm384.network_racks, 16);
  ASSERT_EQ(cat.dvfs.speed_fractions.size(), 3u);
  EXPECT_DOUBLE_EQ(cat.dvfs.speed_fractions[0], 1.0);
  EXPECT_EQ(cat.fabric.switch_radix, 64);
}

TEST(Catalog, ValueWithoutSourceIsRejected) {
  const auto errors = errors_of_text(replaced(
      read_catalog(),
      R"(bf16_dense:         {value: 2500 TFLOPS, source: "seed-figures, Accelerators (per chip): BF16 dense"})",
      "bf16_dense:         {value: 2500 TFLOPS}"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "chips.gb200.bf16_dense.source");
  EXPECT_NE(errors[0].message.find("required key is missing"), std::string::npos);
}

TEST(Catalog, NegativeOrZeroCapacityIsRejected) {
  auto text = replaced(read_catalog(), "{value: 192 GB,", "{value: -192 GB,");
  text = replaced(
      text,
      "{value: 400 Gb/s, source: \"seed-figures, Accelerators (per chip): scale-out, one direction (one",
      "{value: 0 Gb/s, source: \"seed-figures, Accelerators (per chip): scale-out, one direction (one");
  const auto errors = errors_of_text(text);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].key, "chips.gb200.hbm_capacity.value");
  EXPECT_EQ(errors[0].value, "-192 GB");
  EXPECT_NE(errors[0].message.find("greater than zero"), std::string::npos);
  EXPECT_EQ(errors[1].key, "chips.gb200.scaleout_bandwidth.value");
}

TEST(Catalog, ChipGivenAsAListIsRejected) {
  const auto errors = errors_of_text(replaced(read_catalog(), "chip: gb200", "chip: [gb200]"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "systems.nvl72.chip");
  EXPECT_NE(errors[0].message.find("expected a chip name from 'chips', found a list"), std::string::npos);
}

TEST(Catalog, SystemNamingAnUnknownChipGetsASuggestion) {
  const auto errors = errors_of_text(replaced(read_catalog(), "chip: ascend910c", "chip: ascend910"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "systems.cm384.chip");
  EXPECT_NE(errors[0].message.find("did you mean 'ascend910c'?"), std::string::npos);
}

TEST(Catalog, IdleAboveFullIsRejected) {
  const auto errors = errors_of_text(replaced(read_catalog(), "{value: 302.0833 W,", "{value: 3020.833 W,"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "chips.gb200.power_idle.value");
  EXPECT_EQ(errors[0].value, "3020.833 W");
  EXPECT_EQ(errors[0].pos.line, 19);   // the power_idle line of platforms/catalog.yaml
  EXPECT_EQ(errors[0].pos.column, 33); // the value after "{value: "
}

TEST(Catalog, ThrottleStatesMustDecreaseFromFullSpeed) {
  const auto errors = errors_of_text(replaced(read_catalog(), "[1.0, 0.75, 0.5]", "[1.0, 0.5, 0.75]"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "dvfs.speed_fractions.value[2]");
}
