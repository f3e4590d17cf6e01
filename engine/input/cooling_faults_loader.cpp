// The scenario's `cooling:` and `faults:` sections, read after its `facility:` (they name its
// components).
#include "engine/input/facility_loader.hpp"

#include "engine/base/text_distance.hpp"
#include "engine/input/yaml_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace aidcsim {

using power::FacilitySpec;
using units::Dimension;

namespace {

// Defaults of an air loop: the room air a rack shares with its CRAH, and an air-cooled
// accelerator. Every number has its row in docs/MODELS.md.
thermal::RackLoopSpec air_loop_defaults() {
  thermal::RackLoopSpec s;
  s.coolant_volume_l = 15000;          // 15 m3 of room air per rack
  s.coolant_density_kg_per_l = 0.0012; // air at 20 C
  s.coolant_cp_j_per_kg_k = 1005;      // air
  s.flow_l_per_min_per_kw = 4150;      // CRAH air flow for a 12 K rise across the servers
  s.hx_effectiveness = 0.75;           // CRAH coil, to chilled water
  s.chip_power_w = 700;                // H100 SXM
  s.chip_to_coolant_k_per_w = 0.064;   // heat sink and server air path
  return s;
}

// The facility water: a fixed temperature ("30 C"), or a modelled loop with its plant.
double read_facility_water(MapReader& c, FacilitySpec& spec) {
  c.note_default("facility_water", {.row = "Facility water (CDU supply) when not modelled", .shown = "30 C"});
  const YamlNode fw =
      c.node("facility_water", Need::optional, "a temperature, or a map with supply, volume and tank");
  if (!fw.IsDefined())
    return 30.0;
  if (!fw.IsMap())
    return c.scalar_quantity(fw, c.path("facility_water"), Dimension::temperature, Range::any).value_or(30.0);
  MapReader w(fw, c.path("facility_water"), c.file(), c.diagnostics());
  thermal::WaterLoopSpec ws;
  ws.supply_c =
      w.quantity("supply", Dimension::temperature, Need::required, Range::any).value_or(ws.supply_c);
  ws.volume_l = w.quantity("volume", Dimension::volume, Need::required).value_or(ws.volume_l);
  ws.tank_l = w.quantity_or("tank", Dimension::volume, 0.0, {.row = "Storage tank", .shown = "none"},
                            Range::non_negative);
  w.finish();
  double capacity_kw = 0, heat_kw = 0;
  for (const auto& l : spec.loads) {
    capacity_kw += l.capacity_kw;
    heat_kw += l.it() ? l.load_kw : 0.0;
  }
  char buf[200];
  if (capacity_kw <= 0) {
    c.diagnostics().add(c.pos(fw), c.path("facility_water"), "",
                        "a modelled water loop needs its plant: give loads of kind chiller, dry_cooler or "
                        "cooling_tower a 'capacity'");
  } else if (capacity_kw < heat_kw * (1 - 1e-9)) {
    std::snprintf(buf, sizeof buf,
                  "the plant's capacity (%.4g kW) is below the IT design heat (%.4g kW): the water would "
                  "warm from the start",
                  capacity_kw, heat_kw);
    c.diagnostics().add(c.pos(fw), c.path("facility_water"), "", buf);
  }
  spec.facility_water = ws;
  return ws.supply_c;
}

} // namespace

namespace {

// An id that must be one of `allowed`; empty (and reported, with a guess) when it is not.
std::string checked_id(MapReader& r, const YamlNode& n, const std::string& key,
                       const std::vector<std::string>& allowed, const char* what) {
  const std::string id = n.IsScalar() ? n.Scalar() : "";
  if (std::find(allowed.begin(), allowed.end(), id) != allowed.end())
    return id;
  const std::string guess = closest_match(id, allowed);
  r.diagnostics().add(r.pos(n), r.path(key), id,
                      std::string("not ") + what + " of the facility" +
                          (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
  return std::string();
}

// One rack, or several racks with the same loop design ("all": every IT load).
std::vector<std::string> read_loop_racks(MapReader& r, const YamlNode& item,
                                         const std::vector<std::string>& racks) {
  std::vector<std::string> loop_racks;
  const YamlNode one = r.node("rack", Need::optional, "an IT load id (or racks)");
  const YamlNode many = r.node("racks", Need::optional, "a list of IT load ids, or all (or rack)");
  if (one.IsDefined() == many.IsDefined()) {
    r.diagnostics().add(r.pos(item), r.path("rack"), "",
                        "a loop names its rack ('rack: id') or racks ('racks: [ids]' or 'racks: all'), "
                        "one of the two");
  } else if (one.IsDefined()) {
    loop_racks.push_back(checked_id(r, one, "rack", racks, "an IT load (kind rack)"));
  } else if (many.IsScalar() && many.Scalar() == "all") {
    loop_racks = racks;
  } else if (many.IsSequence() && many.size() > 0) {
    for (const auto& x : many)
      loop_racks.push_back(checked_id(r, x, "racks", racks, "an IT load (kind rack)"));
  } else {
    r.diagnostics().add(r.pos(many), r.path("racks"), "", "expected a non-empty list of rack ids, or 'all'");
  }
  return loop_racks;
}

// The loop's design: the medium's defaults (models/thermal), then what the scenario sets.
void read_loop_design(MapReader& r, power::CoolingLoopSpec& loop) {
  const auto medium = r.one_of_or("medium", {"water", "air"}, "water", {.why = "direct liquid cooling"});
  auto& s = loop.loop;
  if (medium == "air")
    s = air_loop_defaults();
  s.coolant_volume_l = r.quantity_or("coolant_volume", Dimension::volume, s.coolant_volume_l,
                                     {.row = "Rack loop coolant volume", .shown = "100 L; air: 15 m3"});
  s.flow_l_per_min_per_kw = r.quantity_or("flow_l_per_min_per_kw", Dimension::ratio, s.flow_l_per_min_per_kw,
                                          {.row = "Coolant flow", .shown = "1.5; air: 4150"});
  s.hx_effectiveness = r.quantity_or("hx_effectiveness", Dimension::ratio, s.hx_effectiveness,
                                     {.row = "CDU heat-exchanger effectiveness", .shown = "100 %; air: 75 %"},
                                     Range::fraction);
  s.chip_power_w = r.quantity_or("chip_power", Dimension::power, s.chip_power_w,
                                 {.row = "Chip power at full load", .shown = "1200 W; air: 700 W"});
  s.chip_to_coolant_k_per_w =
      r.quantity_or("chip_to_coolant_k_per_w", Dimension::ratio, s.chip_to_coolant_k_per_w,
                    {.row = "Cold-plate resistance, chip to coolant", .shown = "0.025; air: 0.064"});
  const Default limits{.row = "Throttle, shutdown"};
  s.throttle_c = r.quantity_or("throttle", Dimension::temperature, s.throttle_c, limits, Range::any);
  s.shutdown_c = r.quantity_or("shutdown", Dimension::temperature, s.shutdown_c, limits, Range::any);
  s.resume_c = r.quantity_or("resume", Dimension::temperature, s.resume_c, {.row = "Resume"}, Range::any);
  loop.throttled_heat_fraction =
      r.quantity_or("throttled_heat", Dimension::ratio, loop.throttled_heat_fraction,
                    {.row = "Heat of a throttled rack"}, Range::fraction);
}

// The water the CDU gets: the modelled facility water loop's, or the loop's own fixed figure.
void read_loop_water(MapReader& r, const FacilitySpec& spec, double water_c, power::CoolingLoopSpec& loop) {
  loop.facility_water_c = water_c;
  r.note_default("facility_water", {.shown = "cooling.facility_water"});
  const YamlNode n =
      r.node("facility_water", Need::optional, "a temperature, when the water loop is not modelled");
  if (!n.IsDefined())
    return;
  if (spec.facility_water)
    r.diagnostics().add(r.pos(n), r.path("facility_water"), n.IsScalar() ? n.Scalar() : "",
                        "the facility water loop is modelled (cooling.facility_water): its temperature is "
                        "computed, not set per loop");
  else
    loop.facility_water_c =
        r.scalar_quantity(n, r.path("facility_water"), Dimension::temperature, Range::any).value_or(water_c);
}

// Temperatures that make a loop that can work: ordered thresholds, fractions, a reachable resume.
void check_loop(MapReader& r, const YamlNode& item, const power::CoolingLoopSpec& loop) {
  const auto& s = loop.loop;
  if (!(s.resume_c < s.throttle_c && s.throttle_c < s.shutdown_c))
    r.diagnostics().add(r.pos(item), r.path("throttle"), "",
                        "temperatures must order resume < throttle < shutdown");
  if (s.resume_c - s.chip_power_w * s.chip_to_coolant_k_per_w <= loop.facility_water_c) {
    char buf[160];
    std::snprintf(
        buf, sizeof buf,
        "resume (%.1f C) is never reached: chips at full power sit at least %.1f C over the %.1f C water",
        s.resume_c, s.chip_power_w * s.chip_to_coolant_k_per_w, loop.facility_water_c);
    r.diagnostics().add(r.pos(item), r.path("resume"), "", buf);
  }
}

// The chips of `rack` at full load in the loop's steady state must sit below throttle.
void check_steady_chip(MapReader& r, const YamlNode& item, const std::string& key,
                       const power::LoadSpec& rack, const power::CoolingLoopSpec& loop) {
  const auto& s = loop.loop;
  if (!(s.flow_l_per_min_per_kw > 0 && s.hx_effectiveness > 0))
    return;
  thermal::RackLoopSpec sized = s;
  sized.design_heat_w = rack.load_kw * 1e3;
  const double steady_chip =
      loop.facility_water_c +
      sized.design_heat_w / (sized.hx_effectiveness * sized.flow_heat_capacity_w_per_k()) +
      s.chip_power_w * s.chip_to_coolant_k_per_w;
  if (steady_chip < s.throttle_c)
    return;
  char buf[160];
  std::snprintf(buf, sizeof buf, "at full load the chips would sit at %.1f C, at or above throttle (%.1f C)",
                steady_chip, s.throttle_c);
  r.diagnostics().add(r.pos(item), r.path(key), rack.id, buf);
}

} // namespace

void read_cooling(const YamlNode& node, MapReader& parent, FacilitySpec& spec) {
  MapReader c(node, "cooling", parent.file(), parent.diagnostics());
  if (!c.is_map())
    return;
  const double water_c = read_facility_water(c, spec);
  std::vector<std::string> racks, loads;
  for (const auto& l : spec.loads) {
    loads.push_back(l.id);
    if (l.it())
      racks.push_back(l.id);
  }
  std::set<std::string> cooled;
  for_each_item(c, "loops", [&](MapReader& r, const YamlNode& item) {
    const std::vector<std::string> loop_racks = read_loop_racks(r, item, racks);
    const std::string key = r.node("rack", Need::optional).IsDefined() ? "rack" : "racks";
    power::CoolingLoopSpec loop;
    if (const YamlNode n = r.node("pumps", Need::optional, "the id of the load that pumps the loop");
        n.IsDefined())
      loop.pumps = checked_id(r, n, "pumps", loads, "a load");
    read_loop_design(r, loop);
    read_loop_water(r, spec, water_c, loop);
    check_loop(r, item, loop);
    for (const auto& id : loop_racks) {
      if (id.empty())
        continue;
      if (!cooled.insert(id).second) {
        r.diagnostics().add(r.pos(item), r.path(key), id, "this rack already has a cooling loop");
        continue;
      }
      loop.rack = id;
      const auto rack = std::find_if(spec.loads.begin(), spec.loads.end(),
                                     [&](const power::LoadSpec& l) { return l.id == id; });
      check_steady_chip(r, item, key, *rack, loop);
      spec.cooling_loops.push_back(loop);
    }
    r.finish();
  });
  c.finish();
}

namespace {

// One item of `faults:`: its time, the key that names its kind and that key's value (the target).
struct FaultItem {
  MapReader& r;
  const YamlNode& node;
  double at = 0;
  std::string kind;
  YamlNode target;

  // The target's id, if it is one of `allowed` (reported, with a guess, if not).
  std::string target_id(const std::vector<std::string>& allowed, const char* what) {
    if (!target.IsScalar()) {
      r.diagnostics().add(r.pos(target), r.path(kind), "", std::string("expected the id of ") + what);
      return "";
    }
    const std::string id = target.Scalar();
    if (std::find(allowed.begin(), allowed.end(), id) != allowed.end())
      return id;
    const std::string guess = closest_match(id, allowed);
    r.diagnostics().add(r.pos(target), r.path(kind), id,
                        std::string("no ") + what + " with this id; the facility has: " +
                            join_words(allowed) + (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
    return "";
  }
};

// Exactly one kind key names the fault and its target.
void find_fault_kind(FaultItem& f, const std::vector<std::string>& kinds) {
  for (const auto& k : kinds) {
    YamlNode n = f.r.node(k, Need::optional, "the id of the component it strikes (one fault kind per item)");
    if (!n.IsDefined())
      continue;
    if (!f.kind.empty()) {
      f.r.diagnostics().add(f.r.pos(n), f.r.path(k), "",
                            "one fault per list item; this item is already a " + f.kind);
      continue;
    }
    f.kind = k;
    f.target.reset(n);
  }
}

// Dips evenly spread over a window, e.g. NERC 10 July 2024: six dips in 82 s.
void read_sag_train(FaultItem& f, const std::vector<std::string>& utilities,
                    std::vector<power::ScheduledFault>& faults) {
  MapReader& r = f.r;
  const std::string id = f.target_id(utilities, "utility feed");
  const int dips = static_cast<int>(r.integer("dips", Need::required, 1, 1000).value_or(0));
  const double within = r.quantity("within", Dimension::time, Need::required).value_or(0);
  const double dip = r.quantity("dip", Dimension::time, Need::required).value_or(0);
  if (dips > 1 && dip * dips > within) {
    r.diagnostics().add(r.pos(f.node), r.path("dip"), "", "the dips do not fit in the window");
    return;
  }
  if (id.empty())
    return;
  for (int k = 0; k < dips; ++k)
    faults.push_back({f.at + (dips > 1 ? (within - dip) * k / (dips - 1) : 0.0),
                      power::ScheduledFault::Kind::utility_loss, id, dip, 0});
}

void read_genset_fail_to_start(FaultItem& f, const FacilitySpec& spec, const std::vector<std::string>& plants,
                               std::vector<power::ScheduledFault>& faults) {
  MapReader& r = f.r;
  const std::string id = f.target_id(plants, "genset plant");
  int count = static_cast<int>(r.integer_or("units", 1, 1000, 0, {.shown = "every unit"}));
  if (id.empty())
    return;
  const auto& plant = *std::find_if(spec.gensets.begin(), spec.gensets.end(),
                                    [&](const power::GensetPlantSpec& g) { return g.id == id; });
  if (count > plant.units) {
    r.diagnostics().add(r.pos(r.node("units", Need::optional)), r.path("units"), std::to_string(count),
                        "the plant has " + std::to_string(plant.units) + " units");
    count = plant.units;
  }
  faults.push_back({f.at, power::ScheduledFault::Kind::genset_fail_to_start, id, 0, count});
}

void read_component_down(FaultItem& f, const FacilitySpec& spec, const std::vector<std::string>& components,
                         std::vector<power::ScheduledFault>& faults) {
  MapReader& r = f.r;
  const std::string id = f.target_id(components, "UPS, distribution component or transfer switch");
  const double d = r.quantity("duration", Dimension::time, Need::required).value_or(0);
  const int count = static_cast<int>(r.integer_or("modules", 1, 64, 0, {.shown = "the whole UPS"}));
  if (id.empty())
    return;
  const auto ups =
      std::find_if(spec.ups.begin(), spec.ups.end(), [&](const power::UpsSpec& u) { return u.id == id; });
  if (count > 0 && (ups == spec.ups.end() || count > ups->modules))
    r.diagnostics().add(r.pos(r.node("modules", Need::optional)), r.path("modules"), std::to_string(count),
                        ups == spec.ups.end() ? "only a UPS has modules"
                                              : "the UPS has " + std::to_string(ups->modules) + " modules");
  else
    faults.push_back({f.at, power::ScheduledFault::Kind::component_down, id, d, count});
}

} // namespace

void read_faults(const YamlNode& node, MapReader& parent, const FacilitySpec& spec,
                 std::vector<power::ScheduledFault>& faults, std::vector<SourcePos>& starts) {
  if (!node.IsSequence()) {
    parent.diagnostics().add(parent.pos(node), "faults", "",
                             "expected a list of faults (lines starting with '- ')");
    return;
  }
  std::vector<std::string> utilities, plants, components;
  for (const auto& u : spec.utilities)
    utilities.push_back(u.id);
  for (const auto& g : spec.gensets)
    plants.push_back(g.id);
  for (const auto& u : spec.ups)
    components.push_back(u.id);
  for (const auto& d : spec.distribution)
    components.push_back(d.id);
  for (const auto& s : spec.switches)
    components.push_back(s.id);
  const std::vector<std::string> kinds{"utility_loss", "sag_train", "genset_fail_to_start", "component_down"};

  for (std::size_t i = 0; i < node.size(); ++i) {
    MapReader r(node[i], "faults[" + std::to_string(i) + "]", parent.file(), parent.diagnostics());
    if (!r.is_map())
      continue;
    FaultItem f{r, node[i], 0, {}, {}};
    f.at = r.quantity("at", Dimension::time, Need::required, Range::non_negative).value_or(0);
    find_fault_kind(f, kinds);
    if (f.kind.empty()) {
      r.diagnostics().add(r.pos(node[i]), r.path("at"), "", "a fault needs one of: " + join_words(kinds));
      for (const char* key : {"duration", "dips", "within", "dip", "units", "modules"})
        r.node(key, Need::optional); // no kind: its other keys are not errors of their own
    } else if (f.kind == "utility_loss") {
      const std::string id = f.target_id(utilities, "utility feed");
      const double d = r.quantity("duration", Dimension::time, Need::required).value_or(0);
      if (!id.empty())
        faults.push_back({f.at, power::ScheduledFault::Kind::utility_loss, id, d, 0});
    } else if (f.kind == "sag_train") {
      read_sag_train(f, utilities, faults);
    } else if (f.kind == "genset_fail_to_start") {
      read_genset_fail_to_start(f, spec, plants, faults);
    } else {
      read_component_down(f, spec, components, faults);
    }
    r.finish();
    const SourcePos at = r.pos(r.node("at", Need::optional));
    starts.resize(faults.size(), at); // a sag train adds one fault per dip, all from this item
  }
}

} // namespace aidcsim
