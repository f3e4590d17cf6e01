#include "engine/input/catalog.hpp"
#include "engine/input/file_kind.hpp"

#include "engine/base/text_distance.hpp"
#include "engine/input/yaml_reader.hpp"

#include <stdexcept>

namespace aidcsim {
namespace {

using units::Dimension;

ChipSpec read_chip(const std::string& id, const YamlNode& node, const std::string& file, Diagnostics& diags) {
  MapReader r(node, "chips." + id, file, diags);
  r.set_pattern("chips.<chip>");
  ChipSpec c;
  c.id = id;
  if (!r.is_map())
    return c;
  c.name = r.string("name", Need::required).value_or("");
  c.bf16_flops = r.sourced_quantity("bf16_dense", Dimension::compute_rate, Need::required).value_or(0);
  c.hbm_capacity_bytes = r.sourced_quantity("hbm_capacity", Dimension::data_size, Need::required).value_or(0);
  c.hbm_bandwidth_bps = r.sourced_quantity("hbm_bandwidth", Dimension::data_rate, Need::required).value_or(0);
  c.scaleup_bandwidth_bps =
      r.sourced_quantity("scaleup_bandwidth", Dimension::data_rate, Need::required).value_or(0);
  c.scaleout_bandwidth_bps =
      r.sourced_quantity("scaleout_bandwidth", Dimension::data_rate, Need::required).value_or(0);
  c.scaleup_latency_s = r.sourced_quantity("scaleup_latency", Dimension::time, Need::required).value_or(0);
  c.scaleout_latency_s = r.sourced_quantity("scaleout_latency", Dimension::time, Need::required).value_or(0);
  c.power_full_w = r.sourced_quantity("power_full", Dimension::power, Need::required).value_or(0);
  c.power_idle_w =
      r.sourced_quantity("power_idle", Dimension::power, Need::required, Range::non_negative).value_or(0);
  r.finish();
  if (c.power_idle_w > c.power_full_w && c.power_full_w > 0)
    diags.add(position_of(node["power_idle"]["value"], file), "chips." + id + ".power_idle.value",
              node["power_idle"]["value"].Scalar(),
              "idle power is above full-load power; it must be at most power_full");
  return c;
}

SystemSpec read_system(const std::string& id, const YamlNode& node, const std::string& file,
                       Diagnostics& diags, const std::map<std::string, ChipSpec>& chips) {
  MapReader r(node, "systems." + id, file, diags);
  r.set_pattern("systems.<system>");
  SystemSpec s;
  s.id = id;
  if (!r.is_map())
    return s;
  s.name = r.string("name", Need::required).value_or("");
  const YamlNode chip_node = r.node("chip", Need::required, "a chip name from 'chips'");
  if (chip_node.IsDefined() && !chip_node.IsScalar()) {
    diags.add(r.pos(chip_node), r.path("chip"), "", "expected a chip name from 'chips', found a list or map");
  } else if (chip_node.IsDefined()) {
    s.chip = chip_node.Scalar();
    if (chips.count(s.chip) == 0) {
      std::vector<std::string> names;
      for (const auto& [k, _] : chips)
        names.push_back(k);
      const std::string guess = closest_match(s.chip, names);
      diags.add(r.pos(chip_node), r.path("chip"), s.chip,
                "no such chip in 'chips'" +
                    (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)"));
    }
  }
  s.chip_label = r.one_of("chip_label", {"gpu", "npu"}, Need::required).value_or("chip");
  // Limits keep generated platforms within what one SimGrid process can hold.
  s.compute_racks = static_cast<int>(r.sourced_integer("compute_racks", Need::required, 1, 64).value_or(0));
  s.trays_per_rack = static_cast<int>(r.sourced_integer("trays_per_rack", Need::required, 1, 64).value_or(0));
  s.chips_per_tray = static_cast<int>(r.sourced_integer("chips_per_tray", Need::required, 1, 64).value_or(0));
  s.network_racks = static_cast<int>(r.sourced_integer("network_racks", Need::required, 0, 64).value_or(0));
  r.finish();
  return s;
}

DvfsSpec read_dvfs(const YamlNode& node, const std::string& file, Diagnostics& diags) {
  MapReader r(node, "dvfs", file, diags);
  DvfsSpec d;
  if (!r.is_map())
    return d;
  const YamlNode fractions = r.node("speed_fractions", Need::required);
  if (fractions.IsDefined()) {
    MapReader entry(fractions, "dvfs.speed_fractions", file, diags);
    const YamlNode list = entry.node("value", Need::required, "a list of fractions, from 1.0 down");
    entry.string("source", Need::required);
    entry.finish();
    if (list.IsDefined() && !list.IsSequence()) {
      diags.add(position_of(list, file), "dvfs.speed_fractions.value", "",
                "expected a list of fractions such as [1.0, 0.75, 0.5]");
    } else if (list.IsDefined()) {
      double previous = 2.0;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string key = "dvfs.speed_fractions.value[" + std::to_string(i) + "]";
        const auto f = entry.scalar_quantity(list[i], key, Dimension::ratio, Range::positive);
        if (!f)
          continue;
        if (*f > 1.0 || !(*f < previous) || (i == 0 && *f != 1.0))
          diags.add(position_of(list[i], file), key, list[i].Scalar(),
                    "fractions must start at 1.0 (full speed) and decrease, each in (0, 1]");
        previous = *f;
        d.speed_fractions.push_back(*f);
      }
      if (d.speed_fractions.size() < 3)
        diags.add(position_of(list, file), "dvfs.speed_fractions.value", "",
                  "need full speed plus at least two throttled states (3 or more fractions)");
    }
  }
  const YamlNode exponent = r.node("power_exponent", Need::required);
  if (exponent.IsDefined()) {
    MapReader entry(exponent, "dvfs.power_exponent", file, diags);
    d.power_exponent = entry.quantity("value", Dimension::ratio, Need::required).value_or(0);
    entry.string("source", Need::required);
    entry.finish();
  }
  r.finish();
  return d;
}

FabricSpec read_fabric(const YamlNode& node, const std::string& file, Diagnostics& diags) {
  MapReader r(node, "fabric", file, diags);
  FabricSpec f;
  if (!r.is_map())
    return f;
  f.switch_radix = static_cast<int>(r.sourced_integer("switch_radix", Need::required, 4, 4096).value_or(0));
  f.switch_latency_s = r.sourced_quantity("switch_latency", Dimension::time, Need::required).value_or(0);
  r.finish();
  if (f.switch_radix % 2 != 0)
    diags.add(position_of(node["switch_radix"]["value"], file), "fabric.switch_radix.value",
              std::to_string(f.switch_radix),
              "a fat-tree switch splits its ports half down, half up: the radix must be even");
  return f;
}

// The catalog of a loaded document; `diags` holds what loading it found.
Catalog read_catalog(const YamlDocument& document, const std::string& path, Diagnostics& diags) {
  const SchemaScope scope("catalog");
  Catalog cat;
  cat.path = path;
  const YamlNode root = document.root();
  if (!diags.empty())
    throw InputError(std::move(diags));
  require_file_kind(root, path, FileKind::catalog);

  MapReader top(root, "", path, diags);
  const YamlNode chips = top.node("chips", Need::required);
  if (chips.IsDefined()) {
    MapReader chip_map(chips, "chips", path, diags);
    if (KeySchema* schema = KeySchema::active())
      schema->key("chips.<chip>", Need::required, true, "a map: a chip's figures, under its id");
    if (chip_map.is_map())
      for (auto it = chips.begin(); it != chips.end(); ++it)
        cat.chips[it->first.Scalar()] = read_chip(it->first.Scalar(), it->second, path, diags);
  }
  const YamlNode systems = top.node("systems", Need::required);
  if (systems.IsDefined()) {
    MapReader system_map(systems, "systems", path, diags);
    if (KeySchema* schema = KeySchema::active())
      schema->key("systems.<system>", Need::required, true, "a map: a system's shape, under its id");
    if (system_map.is_map())
      for (auto it = systems.begin(); it != systems.end(); ++it)
        cat.systems[it->first.Scalar()] = read_system(it->first.Scalar(), it->second, path, diags, cat.chips);
  }
  cat.dvfs = read_dvfs(top.node("dvfs", Need::required), path, diags);
  cat.fabric = read_fabric(top.node("fabric", Need::required), path, diags);
  top.finish();
  if (!diags.empty())
    throw InputError(std::move(diags));
  return cat;
}

} // namespace

const SystemSpec& Catalog::system(const std::string& id) const {
  return systems.at(id);
}

const ChipSpec& Catalog::chip_of(const SystemSpec& s) const {
  return chips.at(s.chip);
}

std::vector<std::string> Catalog::system_ids() const {
  std::vector<std::string> ids;
  for (const auto& [k, _] : systems)
    ids.push_back(k);
  return ids;
}

Catalog load_catalog(const std::string& path) {
  Diagnostics diags;
  const YamlDocument document = load_yaml_file(path, diags);
  return read_catalog(document, path, diags);
}

Catalog load_catalog_text(const std::string& text, const std::string& path) {
  Diagnostics diags;
  const YamlDocument document = load_yaml_text(text, path, diags);
  return read_catalog(document, path, diags);
}

} // namespace aidcsim
