// libFuzzer target: every input is read as a scenario, as a sweep and as a hardware catalog.
//
// Bad input must end in InputError, with its diagnostics; any other exception, a crash, a
// sanitizer report, a hang or a memory blow-up is a finding (tools/fuzz sets the limits). Only
// engine/input is linked: nothing here can start SimGrid or simulate.
//
// Each input is named as a file among the shipped ones, so that its relative paths (a scenario's
// platform, a sweep's base scenario) resolve as the seeds' do when tools/fuzz runs from the source
// folder: the readers then go on to read real platforms and base scenarios, not stop at "not found".
#include "engine/base/diagnostics.hpp"
#include "engine/input/catalog.hpp"
#include "engine/input/scenario.hpp"
#include "engine/input/sweep.hpp"
#include "engine/input/yaml_tree.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace {

// A large sweep is slow to read by design: each axis value and each point loads the base scenario
// (a point twice), and each run gets its seed. Near these bounds a valid sweep takes a second under
// the sanitizers, far past them more than libFuzzer's 10 s for a hang. Such inputs skip the sweep
// reader; the scenario and catalog readers still read them.
constexpr double max_sweep_values = 128;
constexpr double max_sweep_points = 64;
constexpr double max_sweep_runs = 20000;

bool small_sweep(const std::string& text) {
  aidcsim::YamlDocuments documents;
  try {
    documents = aidcsim::parse_yaml_documents(text);
  } catch (const YAML::Exception&) {
    return true; // the reader stops at the syntax error
  }
  const aidcsim::YamlNode root = documents.first.root();
  double values = 0, points = 1;
  for (const auto& axis : root["axes"]) { // nothing unless a map
    values += static_cast<double>(axis.second.size());
    points *= static_cast<double>(std::max<std::size_t>(1, axis.second.size()));
  }
  long long replications = 1;
  const std::string& r = root["replications"].Scalar();
  std::from_chars(r.data(), r.data() + r.size(), replications);
  return values <= max_sweep_values && points <= max_sweep_points &&
         points * static_cast<double>(std::max(1LL, replications)) <= max_sweep_runs;
}

// Runs one reader; an exception other than InputError aborts, which libFuzzer reports with the input.
template <class Read> void expect_input_errors_only(const char* reader, Read read) {
  try {
    read();
  } catch (const aidcsim::InputError&) {
    // The outcome for bad input.
  } catch (const std::exception& e) {
    std::fprintf(stderr, "input_fuzzer: the %s reader threw something other than InputError: %s\n", reader,
                 e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "input_fuzzer: the %s reader threw a non-standard exception\n", reader);
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  expect_input_errors_only("scenario",
                           [&] { aidcsim::load_scenario_text(text, "scenarios/power/fuzz-input.yaml"); });
  if (small_sweep(text))
    expect_input_errors_only("sweep",
                             [&] { aidcsim::load_sweep_text(text, "scenarios/sweeps/fuzz-input.yaml"); });
  expect_input_errors_only("catalog", [&] { aidcsim::load_catalog_text(text, "platforms/fuzz-input.yaml"); });
  return 0;
}
