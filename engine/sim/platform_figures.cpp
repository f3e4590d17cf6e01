#include "engine/sim/platform_figures.hpp"

#include "engine/base/diagnostics.hpp"
#include "engine/base/units.hpp"
#include "engine/sim/simgrid_platform.hpp"

#include <simgrid/plugins/energy.h>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <set>

namespace aidcsim {
namespace {

namespace sg4 = simgrid::s4u;

std::string property(const sg4::Host* host, const std::string& path, const char* key) {
  const char* v = host->get_property(key);
  if (v == nullptr)
    throw_input_error(SourcePos{path, 0, 0}, key, "",
                      "accelerator host '" + host->get_name() + "' lacks this property");
  return v;
}

double quantity_property(const sg4::Host* host, const std::string& path, const char* key,
                         units::Dimension dim) {
  const std::string text = property(host, path, key);
  const units::ParseResult r = units::parse(text, dim);
  if (!r.value)
    throw_input_error(SourcePos{path, 0, 0}, key, text, "on host '" + host->get_name() + "': " + r.error);
  return *r.value;
}

// One-direction bandwidth (bits/s) of the split-duplex link a host property names.
double link_bandwidth_bps(const sg4::Engine& e, const sg4::Host* host, const std::string& path,
                          const char* key) {
  const std::string name = property(host, path, key);
  const sg4::SplitDuplexLink* link = nullptr;
  try {
    link = e.split_duplex_link_by_name(name);
  } catch (const std::exception&) {
    link = nullptr;
  }
  if (link == nullptr)
    throw_input_error(SourcePos{path, 0, 0}, key, name,
                      "host '" + host->get_name() +
                          "' names a link that is not a SPLITDUPLEX link of the platform");
  return link->get_link_up()->get_bandwidth() * 8.0; // SimGrid keeps bytes per second
}

} // namespace

PlatformFigures measure_platform(const std::string& path, const std::function<void()>& on_loaded) {
  auto engine = load_simgrid_platform(path);
  if (on_loaded)
    on_loaded();
  PlatformFigures f;
  f.file = path;
  std::set<std::string> pods;
  for (sg4::Host* h : engine->get_all_hosts()) {
    if (h->get_property("chip") == nullptr)
      continue; // not an accelerator (none are generated today, but hand-written files may have them)
    ++f.accelerators;
    pods.insert(property(h, path, "pod"));
    f.bf16_flops += h->get_pstate_speed(0);
    f.hbm_bytes += quantity_property(h, path, "hbm_capacity", units::Dimension::data_size);
    f.hbm_bps += quantity_property(h, path, "hbm_bandwidth", units::Dimension::data_rate);
    f.scaleup_bps += link_bandwidth_bps(*engine, h, path, "scaleup_link");
    f.scaleout_bps += link_bandwidth_bps(*engine, h, path, "scaleout_link");
    f.power_full_w += sg_host_get_wattmax_at(h, 0);
    f.power_idle_w += sg_host_get_wattmin_at(h, 0);
  }
  f.scaleup_domains = pods.size();
  if (f.accelerators == 0)
    throw_input_error(SourcePos{path, 0, 0}, "", "",
                      "no accelerator hosts (hosts with a 'chip' property); generate platforms with "
                      "`aidcsim platform generate`");
  return f;
}

} // namespace aidcsim
