#include "tools/platform/generator.hpp"

#include "engine/base/atomic_file.hpp"
#include "engine/base/text_distance.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace aidcsim::platform {
namespace {

// Shortest text that reads back to the same double, so files are exact and reproducible.
std::string num(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string gbps(double bits_per_s) {
  return num(bits_per_s / 1e9) + "Gbps";
}
std::string seconds(double s) {
  return num(s) + "s";
}

struct Writer {
  std::ostream& out;
  void prop(const std::string& indent, const std::string& id, const std::string& value) {
    out << indent << "<prop id=\"" << id << "\" value=\"" << xml_escape(value) << "\"/>\n";
  }
  void link(const std::string& indent, const std::string& id, double bps, double latency_s) {
    out << indent << "<link id=\"" << id << "\" bandwidth=\"" << gbps(bps) << "\" latency=\""
        << seconds(latency_s) << "\" sharing_policy=\"SPLITDUPLEX\"/>\n";
  }
};

// Host power per pstate: "idle:full" pairs, the format of SimGrid's host energy plugin.
std::string wattage_per_state(const ChipSpec& chip, const DvfsSpec& dvfs) {
  std::string out;
  for (double f : dvfs.speed_fractions) {
    const double full =
        chip.power_idle_w + (chip.power_full_w - chip.power_idle_w) * std::pow(f, dvfs.power_exponent);
    if (!out.empty())
      out += ", ";
    out += num(chip.power_idle_w) + ":" + num(full);
  }
  return out;
}

std::string pstate_speeds(const ChipSpec& chip, const DvfsSpec& dvfs) {
  std::string out;
  for (double f : dvfs.speed_fractions) {
    if (!out.empty())
      out += ",";
    out += num(chip.bf16_flops * f / 1e12) + "Tf";
  }
  return out;
}

std::string host_name(const SystemSpec& sys, const std::string& pod, int i) {
  return pod + "-" + sys.chip_label + std::to_string(i);
}

// The links of one pod.
void write_pod_links(Writer& w, const Catalog& cat, const SystemSpec& sys, const std::string& pod,
                     const std::string& indent) {
  const ChipSpec& chip = cat.chip_of(sys);
  const int n = sys.chips();
  for (int i = 0; i < n; ++i) {
    const std::string host = host_name(sys, pod, i);
    // Half the chip-to-chip latency on each of the two links of the path.
    w.link(indent, host + "-scaleup", chip.scaleup_bandwidth_bps, chip.scaleup_latency_s / 2);
    w.link(indent, host + "-nic", chip.scaleout_bandwidth_bps, chip.scaleout_latency_s);
  }
  // The pod's cable bundle to the fabric: as wide as all its NICs, so never the bottleneck alone.
  w.link(indent, pod + "-uplink", chip.scaleout_bandwidth_bps * n, 0.0);
}

void write_pod_hosts(Writer& w, const Catalog& cat, const SystemSpec& sys, const std::string& pod,
                     const std::string& indent) {
  const ChipSpec& chip = cat.chip_of(sys);
  const std::string inner = indent + "  ";
  const std::string speeds = pstate_speeds(chip, cat.dvfs);
  const std::string watts = wattage_per_state(chip, cat.dvfs);
  const std::string hbm_capacity = num(chip.hbm_capacity_bytes / 1e9) + " GB";
  const std::string hbm_bandwidth = num(chip.hbm_bandwidth_bps / 8e12) + " TB/s";
  const int chips_per_rack = sys.trays_per_rack * sys.chips_per_tray;
  for (int i = 0; i < sys.chips(); ++i) {
    const std::string host = host_name(sys, pod, i);
    w.out << indent << "<host id=\"" << host << "\" speed=\"" << speeds << "\" pstate=\"0\">\n";
    w.prop(inner, "chip", chip.id);
    w.prop(inner, "pod", pod);
    w.prop(inner, "rack", pod + "-rack" + std::to_string(i / chips_per_rack));
    w.prop(inner, "tray", pod + "-tray" + std::to_string(i / sys.chips_per_tray));
    w.prop(inner, "hbm_capacity", hbm_capacity);
    w.prop(inner, "hbm_bandwidth", hbm_bandwidth);
    w.prop(inner, "scaleup_link", host + "-scaleup");
    w.prop(inner, "scaleout_link", host + "-nic");
    w.prop(inner, "wattage_per_state", watts);
    w.prop(inner, "wattage_off", "0");
    w.out << indent << "</host>\n";
  }
  w.out << indent << "<router id=\"" << pod << "-scaleup-switch\"/>\n";
  w.out << indent << "<router id=\"" << pod << "-gateway\"/>\n";
}

// Routes are declared to the scale-up switch first, then to the gateway (shortest-path routing
// never needs the order, the link counts decide; it only keeps files easy to read).
void write_pod_routes(Writer& w, const SystemSpec& sys, const std::string& pod, const std::string& indent) {
  for (int i = 0; i < sys.chips(); ++i) {
    const std::string host = host_name(sys, pod, i);
    w.out << indent << "<route src=\"" << host << "\" dst=\"" << pod << "-scaleup-switch\"><link_ctn id=\""
          << host << "-scaleup\" direction=\"UP\"/></route>\n";
  }
  for (int i = 0; i < sys.chips(); ++i) {
    const std::string host = host_name(sys, pod, i);
    w.out << indent << "<route src=\"" << host << "\" dst=\"" << pod << "-gateway\"><link_ctn id=\"" << host
          << "-nic\" direction=\"UP\"/><link_ctn id=\"" << pod << "-uplink\" direction=\"UP\"/></route>\n";
  }
}

void write_system_props(Writer& w, const SystemSpec& sys, const std::string& indent) {
  w.prop(indent, "system", sys.id);
  w.prop(indent, "system_name", sys.name);
  w.prop(indent, "compute_racks_per_system", std::to_string(sys.compute_racks));
  w.prop(indent, "network_racks_per_system", std::to_string(sys.network_racks));
}

} // namespace

int pods_per_leaf_group(const Catalog& cat, const SystemSpec& sys) {
  const int half = cat.fabric.switch_radix / 2;
  return std::max(1, half * half / sys.chips());
}

const SystemSpec& check_options(const Catalog& cat, const GeneratorOptions& opt) {
  const auto found = cat.systems.find(opt.system_id);
  if (found == cat.systems.end()) {
    const std::string guess = closest_match(opt.system_id, cat.system_ids());
    std::string known;
    for (const auto& id : cat.system_ids())
      known += (known.empty() ? "" : ", ") + id;
    throw std::invalid_argument("unknown system '" + opt.system_id + "' (catalog " + cat.path + " has: " +
                                known + ")" + (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
  }
  if (opt.pods < 1)
    throw std::invalid_argument("pods must be at least 1, got " + std::to_string(opt.pods));
  const long long chips = static_cast<long long>(opt.pods) * found->second.chips();
  if (chips > max_accelerators)
    throw std::invalid_argument(std::to_string(opt.pods) + " " + opt.system_id + " systems hold " +
                                std::to_string(chips) + " accelerators; at most " +
                                std::to_string(max_accelerators) +
                                " fit one platform (about 7.3 KB of memory each in SimGrid)");
  if (!(opt.oversubscription >= 1.0))
    throw std::invalid_argument("oversubscription must be at least 1 (1 = non-blocking)");
  return found->second;
}

void write_platform_xml(const Catalog& cat, const GeneratorOptions& opt, std::ostream& out) {
  const SystemSpec& sys = check_options(cat, opt);
  const ChipSpec& chip = cat.chip_of(sys);
  Writer w{out};

  out << "<?xml version='1.0'?>\n"
      << "<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
      << "<!-- Generated by `aidcsim platform generate --system " << sys.id << " --pods " << opt.pods
      << "` from the hardware catalog; do not edit by hand. -->\n"
      << "<platform version=\"4.1\">\n";
  if (opt.pods == 1) {
    // One system: the whole platform is its scale-up domain. DijkstraCache computes routes on
    // demand, so loading costs O(chips).
    const std::string pod = sys.id + "-0";
    out << "<zone id=\"" << pod << "\" routing=\"DijkstraCache\">\n";
    w.prop("  ", "aidcsim_kind", "scaleup_domain");
    write_system_props(w, sys, "  ");
    write_pod_hosts(w, cat, sys, pod, "  ");
    write_pod_links(w, cat, sys, pod, "  ");
    write_pod_routes(w, sys, pod, "  ");
    out << "</zone>\n</platform>\n";
    return;
  }

  // A cluster: one zone per leaf group (its pods plus the leaf switch), one zone for the core.
  // Zones are few on purpose: SimGrid 3.32 checks each new host's name against every zone
  // (NetZoneImpl::get_host_by_name_or_null), so a zone per pod made 1,389 pods load in 35 s.
  // The links all sit in the root's first child zone, where SimGrid's link lookups by name,
  // which also walk the zones in order, find them first. The XML parser accepts links in a zone
  // of zones only after its child zones, too late for the routes that use them.
  const int per_leaf = pods_per_leaf_group(cat, sys);
  const int leaves = (opt.pods + per_leaf - 1) / per_leaf;
  const double pod_bps = chip.scaleout_bandwidth_bps * sys.chips();
  const double switch_latency = cat.fabric.switch_latency_s;
  auto pod_name = [&](int p) { return sys.id + "-" + std::to_string(p); };
  auto leaf_name = [](int l) { return "leaf" + std::to_string(l); };

  out << "<zone id=\"cluster\" routing=\"DijkstraCache\">\n";
  w.prop("  ", "aidcsim_kind", "cluster");
  write_system_props(w, sys, "  ");
  w.prop("  ", "pods", std::to_string(opt.pods));
  w.prop("  ", "pods_per_leaf_group", std::to_string(per_leaf));
  w.prop("  ", "oversubscription", num(opt.oversubscription));

  out << "  <zone id=\"cluster-links\" routing=\"Full\">\n";
  w.prop("    ", "aidcsim_kind", "links");
  for (int p = 0; p < opt.pods; ++p) {
    write_pod_links(w, cat, sys, pod_name(p), "    ");
    w.link("    ", pod_name(p) + "-leaf", pod_bps, switch_latency);
  }
  for (int l = 0; l < leaves; ++l) {
    const int pods_here = std::min(per_leaf, opt.pods - l * per_leaf);
    w.link("    ", leaf_name(l) + "-core", pod_bps * pods_here / opt.oversubscription, switch_latency);
  }
  out << "  </zone>\n";

  for (int l = 0; l < leaves; ++l) {
    const int first = l * per_leaf;
    const int last = std::min(opt.pods, first + per_leaf);
    out << "  <zone id=\"" << leaf_name(l) << "\" routing=\"DijkstraCache\">\n";
    w.prop("    ", "aidcsim_kind", "leaf_group");
    for (int p = first; p < last; ++p)
      write_pod_hosts(w, cat, sys, pod_name(p), "    ");
    out << "    <router id=\"" << leaf_name(l) << "-switch\"/>\n";
    for (int p = first; p < last; ++p)
      write_pod_routes(w, sys, pod_name(p), "    ");
    for (int p = first; p < last; ++p)
      out << "    <route src=\"" << pod_name(p) << "-gateway\" dst=\"" << leaf_name(l)
          << "-switch\"><link_ctn id=\"" << pod_name(p) << "-leaf\" direction=\"UP\"/></route>\n";
    out << "  </zone>\n";
  }
  out << "  <zone id=\"core\" routing=\"Full\">\n";
  w.prop("    ", "aidcsim_kind", "core");
  out << "    <router id=\"core-switch\"/>\n";
  out << "  </zone>\n";
  for (int l = 0; l < leaves; ++l)
    out << "  <zoneRoute src=\"" << leaf_name(l) << "\" dst=\"core\" gw_src=\"" << leaf_name(l)
        << "-switch\" gw_dst=\"core-switch\"><link_ctn id=\"" << leaf_name(l)
        << "-core\" direction=\"UP\"/></zoneRoute>\n";
  out << "</zone>\n</platform>\n";
}

void generate_platform_file(const Catalog& cat, const GeneratorOptions& opt, const std::string& path) {
  check_options(cat, opt); // before any file or folder is created
  write_file_atomically(path, [&](std::ostream& out) { write_platform_xml(cat, opt, out); });
}

} // namespace aidcsim::platform
