#include "engine/sim/simgrid_platform.hpp"

#include "engine/base/diagnostics.hpp"
#include "engine/base/text_distance.hpp"

#include <simgrid/Exception.hpp>
#include <simgrid/plugins/energy.h>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/NetZone.hpp>

#include <filesystem>
#include <iterator>
#include <regex>
#include <sstream>

namespace aidcsim {

namespace {

std::vector<std::string>& user_arguments() {
  static std::vector<std::string> args;
  return args;
}

// SimGrid's "Bad config key: x\nExisting config keys:\n  key: (type)default\n..." as its first line and
// the closest key it knows.
std::string config_hint(const std::string& what) {
  std::istringstream lines(what);
  std::string first, line;
  std::getline(lines, first);
  std::vector<std::string> keys;
  while (std::getline(lines, line))
    if (line.size() > 2 && line[0] == ' ' && line.find(':') != std::string::npos)
      keys.push_back(line.substr(2, line.find(':') - 2));
  const std::string bad = first.substr(first.rfind(' ') + 1);
  const std::string near = closest_match(bad, keys);
  return first + (near.empty() ? "" : "; did you mean '" + near + "'?");
}

// Before the platform is sealed (NetZoneImpl::create_host refuses a sealed zone), and with its
// power profile set before sealing fires the energy plugin's creation callback, which reads it.
void add_driver_host(simgrid::s4u::Engine& engine, const std::string& path) {
  if (simgrid::s4u::Host::by_name_or_null(driver_host_name) != nullptr)
    throw_input_error(SourcePos{path, 0, 0}, "host", driver_host_name,
                      "this host name is reserved for aidcsim's workload driver");
  engine.get_netzone_root()
      ->create_host(driver_host_name, 1e9)
      ->set_property("wattage_per_state", "0:0")
      ->set_property("wattage_off", "0")
      ->seal();
}

} // namespace

void set_simgrid_arguments(const std::vector<std::string>& args) {
  user_arguments() = args;
}

simgrid::s4u::Host* driver_host() {
  return simgrid::s4u::Host::by_name(driver_host_name);
}

std::unique_ptr<simgrid::s4u::Engine> load_simgrid_platform(const std::string& path,
                                                            const std::vector<std::string>& config) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw_input_error(SourcePos{path, 0, 0}, "", "", "platform file not found or not a regular file");

  // SimGrid reads its options from argv; the first two keep its info messages off our output, the
  // user's own --log= and --cfg= come after them and win.
  std::vector<std::string> words = {"aidcsim", "--log=root.thresh:warning", "--log=root.fmt:[%c/%p]%e%m%n"};
#ifdef AIDCSIM_SANITIZED
  // Built with the sanitizers (make test-asan), actors run as threads, whose stacks
  // AddressSanitizer follows. It does not follow SimGrid's default contexts, stacks in heap blocks:
  // an exception thrown on one leaves stale poison behind, and LeakSanitizer's scan faults on the
  // guard page of each. Results do not change: SimGrid schedules actors the same way with either.
  words.emplace_back("--cfg=contexts/factory:thread");
#endif
  words.insert(words.end(), user_arguments().begin(), user_arguments().end());
  std::vector<char*> argv;
  for (std::string& w : words)
    argv.push_back(w.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(words.size());
  std::unique_ptr<simgrid::s4u::Engine> engine;
  try {
    engine = std::make_unique<simgrid::s4u::Engine>(&argc, argv.data());
  } catch (const std::exception& e) { // a --cfg= SimGrid does not know
    throw_input_error(SourcePos{"command line", 0, 0}, "--cfg", "", "SimGrid: " + config_hint(e.what()));
  }
  for (const std::string& c : config)
    simgrid::s4u::Engine::set_config(c);
  sg_host_energy_plugin_init();
  try {
    engine->load_platform(path);
    add_driver_host(*engine, path);
    engine->seal_platform();
  } catch (const InputError&) {
    throw;
  } catch (const simgrid::ParseError& e) {
    // "Parse error at FILE:LINE: message"
    static const std::regex shape(R"(Parse error at (.*):(\d+): ([\s\S]*))");
    std::smatch m;
    const std::string what = e.what();
    if (std::regex_match(what, m, shape))
      throw_input_error(SourcePos{path, std::stoi(m[2]), 0}, "", "", "invalid platform: " + m[3].str());
    throw_input_error(SourcePos{path, 0, 0}, "", "", "invalid platform: " + what);
  } catch (const std::exception& e) {
    throw_input_error(SourcePos{path, 0, 0}, "", "", std::string("invalid platform: ") + e.what());
  }
  // SimGrid accepts accelerators that later crash a run (no power profile: the energy plugin
  // aborts at the first query; zero or negative speed: an internal assertion). Reject them here.
  Diagnostics diags;
  for (const simgrid::s4u::Host* h : engine->get_all_hosts()) {
    if (h->get_property("chip") == nullptr)
      continue;
    if (h->get_property("wattage_per_state") == nullptr)
      diags.add(SourcePos{path, 0, 0}, "wattage_per_state", "",
                "accelerator host '" + h->get_name() +
                    "' has no power profile; expected 'idle:full' per pstate");
    for (unsigned long p = 0; p < h->get_pstate_count(); ++p)
      if (!(h->get_pstate_speed(p) > 0))
        diags.add(SourcePos{path, 0, 0}, "speed", std::to_string(h->get_pstate_speed(p)),
                  "accelerator host '" + h->get_name() + "' pstate " + std::to_string(p) +
                      ": speed must be greater than zero");
  }
  if (!diags.empty())
    throw InputError(std::move(diags));
  return engine;
}

} // namespace aidcsim
