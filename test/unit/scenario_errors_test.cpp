// Bad scenario files: each must give exit-code-2 errors that name file:line:col, the key, the value
// and what is allowed, all errors of a file at once. Fixtures are in test/data/bad/.
#include "engine/base/diagnostics.hpp"
#include "engine/base/units.hpp"
#include "engine/input/scenario.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

struct Expected {
  int line;
  int column;
  std::string key;
  std::string value;
  std::string fragment; // part of the message that says what is wrong or allowed
};

struct Case {
  std::string file;
  std::vector<Expected> errors;
};

// Test names show the fixture file, not the bytes of the parameter.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.file;
}

std::string fixture(const std::string& name) {
  // Facility fixtures live in their own folder; their names start with "facility/".
  if (name.rfind("facility/", 0) == 0)
    return std::string(AIDCSIM_SOURCE_DIR) + "/test/data/bad-facility/" + name.substr(9);
  if (name.rfind("workload/", 0) == 0)
    return std::string(AIDCSIM_SOURCE_DIR) + "/test/data/bad-workload/" + name.substr(9);
  return std::string(AIDCSIM_SOURCE_DIR) + "/test/data/bad/" + name;
}

std::vector<aidcsim::Diagnostic> errors_of(const std::string& file) {
  try {
    aidcsim::load_scenario(file);
  } catch (const aidcsim::InputError& e) {
    return e.diagnostics().items();
  }
  ADD_FAILURE() << file << " loaded without error";
  return {};
}

class BadScenario : public ::testing::TestWithParam<Case> {};

TEST_P(BadScenario, ReportsEveryErrorWithPositionKeyValueAndAllowed) {
  const Case& c = GetParam();
  const std::string path = fixture(c.file);
  const auto diags = errors_of(path);
  ASSERT_EQ(diags.size(), c.errors.size()) << [&] {
    std::string all;
    for (const auto& d : diags)
      all += d.format() + "\n";
    return all;
  }();
  for (std::size_t i = 0; i < diags.size(); ++i) {
    const auto& d = diags[i];
    const auto& e = c.errors[i];
    EXPECT_EQ(d.pos.file, path);
    EXPECT_EQ(d.pos.line, e.line) << d.format();
    EXPECT_EQ(d.pos.column, e.column) << d.format();
    EXPECT_EQ(d.key, e.key) << d.format();
    EXPECT_EQ(d.value, e.value) << d.format();
    EXPECT_NE(d.message.find(e.fragment), std::string::npos) << d.format() << "\n  lacks: " << e.fragment;
    // The formatted line starts with file:line:col, as editors and CI logs expect.
    EXPECT_EQ(d.format().rfind(
                  path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": error: ", 0),
              0u)
        << d.format();
  }
}

const std::string units_allowed = "allowed: ns, us, ms, s, min, h, d, y";

std::string test_name(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.file.substr(0, info.param.file.find('.'));
  for (char& ch : name)
    if (ch == '-' || ch == '/')
      ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, BadScenario,
    ::testing::Values(
        Case{"unknown-key.yaml",
             {{2, 1, "duration", "", "required key is missing; expected a duration"},
              {4, 1, "duraton", "", "unknown key (did you mean 'duration'?)"}}},
        Case{"missing-unit.yaml",
             {{4, 11, "duration", "10", "has no unit; a duration needs one of: ns, us"}}},
        Case{"unknown-unit.yaml",
             {{4, 11, "duration", "10 parsecs", "unknown unit 'parsecs' for a duration; " + units_allowed}}},
        Case{"wrong-dimension.yaml",
             {{4, 11, "duration", "145 kW",
               "'kW' is a unit of a power, but a duration is expected; " + units_allowed}}},
        Case{"zero-duration.yaml", {{4, 11, "duration", "0 h", "must be greater than zero"}}},
        Case{"negative-duration.yaml", {{4, 11, "duration", "-2 h", "must be greater than zero"}}},
        Case{"too-long.yaml", {{4, 11, "duration", "2000000 y", "longer than the 1000000 y"}}},
        Case{"missing-platform-file.yaml",
             {{3, 11, "platform", "../../../platforms/no-such-platform.xml", "platform file not found"}}},
        Case{"platform-not-xml.yaml",
             {{3, 11, "platform", "../../../platforms/catalog.yaml",
               "expected a SimGrid platform file ending in .xml"}}},
        Case{"malformed-yaml.yaml", {{5, 9, "", "", "YAML syntax error: end of sequence flow not found"}}},
        Case{"workload-not-map.yaml",
             {{5, 11, "workload", "full_load", "expected a map of keys, found a scalar"}}},
        Case{"unknown-workload-kind.yaml",
             {{6, 9, "workload.kind", "ful_load",
               "expected one of: full_load, idle, training, inference (did you mean 'full_load'?)"}}},
        Case{"unknown-workload-key.yaml",
             {{7, 3, "workload.lod", "", "unknown key; allowed keys here: it_power, kind"}}},
        Case{"seed-not-integer.yaml",
             {{5, 7, "seed", "1.5", "not a whole number; expected a whole number from 0"}}},
        Case{"seed-negative.yaml", {{5, 7, "seed", "-3", "out of range; expected a whole number from 0"}}},
        Case{"duplicate-key.yaml", {{5, 1, "duration", "", "duplicate key"}}},
        Case{"missing-required.yaml",
             {{2, 1, "platform", "",
               "required key is missing; expected the path of a SimGrid platform .xml file"},
              {2, 1, "workload", "",
               "required key is missing; expected a map with a 'kind' (full_load, idle, training or "
               "inference)"}}},
        Case{"empty.yaml", {{1, 1, "", "", "file is empty; expected a YAML map of keys"}}},
        Case{"top-level-list.yaml", {{1, 1, "", "", "top level is a list; expected a YAML map of keys"}}},
        Case{"key-without-value.yaml", {{4, 1, "duration", "", "key has no value; expected a duration"}}},
        Case{"name-is-map.yaml", {{2, 7, "name", "<map>", "expected a text value, found a map"}}},
        Case{"alias-duration.yaml",
             {{4, 1, "duration", "bad input fixture", "does not start with a number; expected a duration"}}},
        Case{"two-documents.yaml",
             {{8, 1, "", "", "a second YAML document ('---'); a file holds exactly one"}}},
        Case{"too-short.yaml",
             {{4, 11, "duration", "1e-300 s", "shorter than the 1 us a scenario must run"}}},
        Case{"cost-errors.yaml",
             {{7, 17, "cost.energy_price", "0.08 USD/kW",
               "'USD/kW' is a unit of a price per power, but a price per energy is expected; allowed: "
               "USD/kWh"},
              {8, 19, "cost.downtime_value", "tokens",
               "tokens value the downtime of a training job; the workload (full_load) runs none"},
              {9, 25, "cost.accelerators.gb200", "40 kW",
               "'kW' is a unit of a power, but an amount of money is expected; allowed: USD, kUSD"},
              {11, 21, "cost.items.genset.price", "800 USD/kWh",
               "'USD/kWh' is a unit of a price per energy, but a price per power is expected"},
              {12, 5, "cost.items.gensets", "", "unknown key (did you mean 'genset'?)"},
              {13, 52, "cost.items.ups_battery.maintenance", "150 %", "must be from 0 % to 100 %"}}},
        Case{"many-errors.yaml",
             {{3, 11, "platform", "../../../platforms/no-such-platform.xml", "platform file not found"},
              {4, 11, "duration", "10 parsecs", "unknown unit 'parsecs'"},
              {5, 7, "seed", "-1", "out of range"},
              {7, 9, "workload.kind", "ful_load", "did you mean 'full_load'?"},
              {8, 3, "workload.extra", "", "unknown key"}}}),
    test_name);

INSTANTIATE_TEST_SUITE_P(
    Facility, BadScenario,
    ::testing::Values(
        Case{"facility/undefined-reference.yaml",
             {{12, 15, "facility.ups.fed_by", "gird", "no component with this id (did you mean 'grid'?)"}}},
        Case{"facility/cycle.yaml",
             {{11, 27, "facility.pdu-a.fed_by", "", "the power chain has a cycle: pdu-a -> pdu-b -> pdu-a"}}},
        Case{"facility/ups-too-small.yaml",
             {{13, 15, "facility.ups.rating", "0.1 MW", "below the 0.145 MW design load through this UPS"}}},
        Case{"facility/gensets-too-small.yaml",
             {{11, 45, "facility.gen.sizing", "2 units",
               "2 units of 0.05 MW are below the 0.145 MW design load"}}},
        Case{"facility/bad-sizing.yaml",
             {{11, 44, "facility.gensets[0].sizing", "N+2",
               "expected N, N+1, 2N, a percentage of at least 100 %"}}},
        Case{"facility/gensets-without-switch.yaml",
             {{14, 15, "facility.ups.fed_by", "gen",
               "'gen' (genset plant) runs only when started: it connects as a transfer switch's alternate"}}},
        Case{"facility/duplicate-id.yaml",
             {{9, 7, "facility.grid.id", "grid", "a second component with this id"},
              {11, 26, "facility.grid.fed_by", "grid", "a component cannot feed itself"}}},
        Case{"facility/common-cause-bad.yaml",
             {{10, 79, "facility.utility[0].outages.common_cause", "",
               "unknown key; allowed keys here: duration, rate"},
              {18, 101, "facility.ups[0].module_failures.common_cause", "150 %",
               "a probability must be at most 1 (100 %)"}}},
        Case{"facility/failures-bad-word.yaml",
             {{9, 23, "facility.component_failures", "usual", "expected one of: none, typical"},
              {13, 52, "facility.distribution[0].failures", "typcal",
               "expected 'typical', 'none' or a map with 'rate' and 'repair'"},
              {15, 67, "facility.loads[0].failures", "typical", "an IT rack's failures are the workload's"}}},
        Case{"facility/bad-outage-rate.yaml",
             {{11, 15, "facility.utility[0].outages.rate", "2 y",
               "'y' is a unit of a duration, but a rate is expected"},
              {12, 34, "facility.utility[0].outages.duration.distribution", "weibull",
               "expected one of: exponential, lognormal, empirical, fixed"}}},
        Case{"facility/unknown-fault-target.yaml",
             {{13, 29, "faults[0].utility_loss", "grdi",
               "no utility feed with this id; the facility has: grid"},
              {14, 5, "faults[1].at", "", "a fault needs one of: utility_loss, sag_train"}}},
        Case{"facility/genset-as-normal.yaml",
             {{13, 25, "facility.ats.normal", "gen",
               "'gen' (genset plant) runs only when started: it connects as a transfer switch's alternate"}}},
        Case{"facility/duplicate-cord.yaml",
             {{13, 26, "facility.rack.fed_by", "ups", "'ups' already feeds this component"}}},
        Case{"facility/huge-rate.yaml",
             {{10, 23, "facility.utility[0].outages.rate", "1e15 /y", "at most 1 /min"}}},
        Case{"facility/fault-too-many-units.yaml",
             {{17, 49, "faults[0].units", "3", "the plant has 1 units"}}},
        Case{"facility/duplicate-platform-rack.yaml",
             {{12, 63, "facility.psu-b.platform_rack", "nvl72-0-rack0",
               "already the platform rack of load 'psu-a'"}}},
        Case{"facility/battery-both.yaml",
             {{14, 16, "facility.ups[0].battery.runtime", "",
               "give exactly one of 'runtime' (at rated load) or"}}},
        Case{
            "facility/water-loop-bad.yaml",
            {{12, 56, "facility.loads[0].capacity", "1 MW", "only a chiller, dry_cooler or cooling_tower"},
             {12, 71, "facility.loads[0].restart", "5 min", "a rack has 'boot', not 'restart'"},
             {13, 82, "facility.loads[1].boot", "1 min", "a chiller has 'restart', not 'boot'"},
             {15, 19, "cooling.facility_water", "", "capacity (100 kW) is below the IT design heat (145 kW)"},
             {15, 55, "cooling.facility_water.tank", "5 kWh", "but a volume is expected; allowed: L, m3"},
             {17, 7, "cooling.loops[0].rack", "", "names its rack ('rack: id') or racks"},
             {18, 31, "cooling.loops[1].medium", "oil", "expected one of: water, air"},
             {18, 52, "cooling.loops[1].facility_water", "25 C", "its temperature is computed"}}},
        Case{"workload/training-keys.yaml",
             {{10, 27, "workload.job.parallelism.tensor", "0", "out of range"},
              {13, 24, "workload.job.kernel_efficiency", "120 %", "at most 100 %"},
              {14, 17, "workload.job.checkpoint.write", "", "required key is missing"},
              {15, 14, "workload.job.restart.load", "", "required key is missing"},
              {18, 20, "workload.failures.classes.faulty_gpus", "", "did you mean 'faulty_gpu'?"}}},
        Case{"workload/power-dynamics-keys.yaml",
             {{14, 24, "power_dynamics.communication_power", "120 %", "must be from 0 % to 100 %"},
              {15, 43, "power_dynamics.smoothing.ramp_up", "2 kW", "a power, but a ramp rate is expected"},
              {15, 49, "power_dynamics.smoothing.ramp_dwn", "", "did you mean 'ramp_down'?"},
              {16, 17, "power_dynamics.rack_storage.energy", "", "required key is missing"},
              {17, 36, "power_dynamics.grid_limits.band", "1 Hz", "must lie above its lower one (20 Hz)"}}},
        Case{"workload/power-dynamics-no-job.yaml",
             {{7, 3, "power_dynamics", "", "the workload (full_load) runs no job"}}},
        Case{"facility/capacity-without-water-loop.yaml",
             {{12, 60, "facility.chiller.capacity", "", "needs the facility water loop modelled"}}},
        Case{"facility/storage-bad.yaml",
             {{9, 7, "facility.storage[0].energy", "", "required key is missing"},
              {9, 59, "facility.storage[0].round_trip", "120 %", "at most 100 %"},
              {9, 79, "facility.storage[0].shave_above", "10 L", "but a power is expected"}}},
        Case{"facility/step-acceptance-bad.yaml",
             {{9, 76, "facility.gensets[0].step_acceptance.steps", "60 %", "adding up to at least 100 %"},
              {9, 98, "facility.gensets[0].step_acceptance.beyond", "explode",
               "expected one of: trip, report"}}}),
    test_name);

} // namespace

TEST(BadScenarioFile, MissingFileIsReported) {
  const auto diags = errors_of(fixture("no-such-scenario.yaml"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("file not found"), std::string::npos);
}

TEST(GoodScenario, DefaultScenarioLoads) {
  const auto s = aidcsim::load_scenario(std::string(AIDCSIM_SOURCE_DIR) + "/scenarios/default.yaml");
  EXPECT_EQ(s.duration_s, 3600.0);
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.workload.kind, "full_load");
  EXPECT_NE(s.platform_path.find("platforms/gb200-nvl72.xml"), std::string::npos);
}

// A file's text reads as the file does, its relative paths resolved from the folder of the name
// given (the fuzzer reads its inputs so).
TEST(GoodScenario, TextReadsAsItsFile) {
  const std::string path = std::string(AIDCSIM_SOURCE_DIR) + "/scenarios/default.yaml";
  std::ifstream in(path);
  const std::string text(std::istreambuf_iterator<char>(in), {});
  const auto from_file = aidcsim::load_scenario(path);
  const auto from_text = aidcsim::load_scenario_text(text, path);
  EXPECT_EQ(from_text.file, path);
  EXPECT_EQ(from_text.name, from_file.name);
  EXPECT_EQ(from_text.platform_path, from_file.platform_path);
  EXPECT_EQ(from_text.duration_s, from_file.duration_s);
}

TEST(BadScenarioFile, TextErrorsNameTheGivenFile) {
  try {
    aidcsim::load_scenario_text("name: x\nduration: 1 parsec\n", "somewhere/s.yaml");
    FAIL() << "expected an InputError";
  } catch (const aidcsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("somewhere/s.yaml:2:11: error: key 'duration' = '1 parsec'"),
              std::string::npos)
        << e.what();
  }
}

// `component_failures: typical` gives each component without figures its kind's row of
// docs/MODELS.md ("Component failure data"); `none` and figures of its own win.
TEST(GoodScenario, TypicalFailuresFillEveryKind) {
  const auto s =
      aidcsim::load_scenario(std::string(AIDCSIM_SOURCE_DIR) + "/test/data/facility/typical-failures.yaml");
  const auto& f = s.facility;
  const double y = aidcsim::units::seconds_per_year;
  EXPECT_TRUE(f.typical_failures);
  EXPECT_DOUBLE_EQ(f.gensets[0].fail_to_start, 0.0094);
  EXPECT_DOUBLE_EQ(f.gensets[0].fail_while_running_per_s * 3600 * 1100, 1.0);
  EXPECT_DOUBLE_EQ(f.switches[0].failures.rate_per_s * y, 0.03502);
  EXPECT_NEAR(f.switches[0].failures.duration.mean_s() / 3600, 7.89, 1e-9);
  EXPECT_DOUBLE_EQ(f.ups[0].module_failures.rate_per_s * y, 8760.0 / 170000.0);
  EXPECT_NEAR(f.ups[0].module_failures.duration.mean_s() / 3600, 26.0, 1e-9);
  const std::vector<std::pair<double, double>> distribution = {
      {0.0062, 341.7}, {0.5, 2.0}, {0.0024, 35.0}, {0.0055, 15.7}, {0.0, 0.0}}; // xfmr board bus feeder pdu
  ASSERT_EQ(f.distribution.size(), distribution.size());
  for (std::size_t i = 0; i < distribution.size(); ++i) {
    EXPECT_NEAR(f.distribution[i].failures.rate_per_s * y, distribution[i].first, 1e-12) << i;
    EXPECT_NEAR(f.distribution[i].failures.duration.mean_s() / 3600, distribution[i].second, 1e-9) << i;
  }
  const std::vector<std::pair<double, double>> loads = {
      {0, 0}, {0.915, 11.6}, {0.426, 17.1}, {0, 0}}; // rack chiller cdu crah
  ASSERT_EQ(f.loads.size(), loads.size());
  for (std::size_t i = 0; i < loads.size(); ++i) {
    EXPECT_NEAR(f.loads[i].failures.rate_per_s * y, loads[i].first, 1e-12) << i;
    if (loads[i].first > 0) {
      EXPECT_NEAR(f.loads[i].failures.duration.mean_s() / 3600, loads[i].second, 1e-9) << i;
    }
  }
}
