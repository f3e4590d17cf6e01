// `facility.loads[]`: IT racks and cooling loads, or one rack load per platform rack
// (`from_platform: racks`).
#include "engine/input/facility/kind_readers.hpp"

#include "engine/input/platform_racks.hpp"
#include "models/power/typical_failures.hpp"

namespace aidcsim {
namespace {

using units::Dimension;

power::LoadKind read_load_kind(MapReader& r, std::string& kind) {
  kind = r.one_of_or("kind", {"rack", "cdu", "crah", "chiller", "dry_cooler", "cooling_tower", "other"},
                     "rack", {.why = "an IT load"});
  return kind == "cdu"             ? power::LoadKind::cdu
         : kind == "crah"          ? power::LoadKind::crah
         : kind == "chiller"       ? power::LoadKind::chiller
         : kind == "dry_cooler"    ? power::LoadKind::dry_cooler
         : kind == "cooling_tower" ? power::LoadKind::cooling_tower
         : kind == "other"         ? power::LoadKind::other
                                   : power::LoadKind::rack;
}

// One feeder id, or a list of one or two (A/B cords).
void read_cords(ItemContext& c, power::LoadSpec& l) {
  MapReader& r = c.r;
  const YamlNode feeds = r.node("fed_by", Need::required, "one feeder id, or a list of two for A/B cords");
  if (!feeds.IsDefined())
    return;
  c.pos.note(l.id, "fed_by", r.pos(feeds));
  if (feeds.IsScalar()) {
    l.fed_by.push_back(feeds.Scalar());
    return;
  }
  if (!feeds.IsSequence() || (feeds.size() != 1 && feeds.size() != 2)) {
    r.diagnostics().add(r.pos(feeds), r.path("fed_by"), "",
                        "expected one feeder id, or a list of two (A/B cords)");
    return;
  }
  for (const auto& x : feeds) {
    if (x.IsScalar())
      l.fed_by.push_back(x.Scalar());
    else
      r.diagnostics().add(r.pos(x), r.path("fed_by"), "", "expected a feeder id");
  }
}

void refuse_key(MapReader& r, const std::string& key, const std::string& why) {
  if (const YamlNode n = r.node(key, Need::optional); n.IsDefined())
    r.diagnostics().add(r.pos(n), r.path(key), n.IsScalar() ? n.Scalar() : "", why);
}

// `serves: [ids]` of a cooling load with a COP: the IT loads whose heat it moves.
void read_serves(ItemContext& c, power::LoadSpec& l) {
  MapReader& r = c.r;
  r.note_default("serves", {.shown = "every IT load"});
  const YamlNode n = r.node("serves", Need::optional, "a list of IT load ids");
  if (!n.IsDefined())
    return;
  c.pos.note(l.id, "serves", r.pos(n));
  if (n.IsSequence() && n.size() > 0)
    for (const auto& x : n)
      l.serves.push_back(x.IsScalar() ? x.Scalar() : "");
  else
    r.diagnostics().add(r.pos(n), r.path("serves"), "",
                        "expected a non-empty list of IT load ids (leave 'serves' out for all of them)");
}

// What a load draws: a fixed `load`, the heat it cools over a `cop` (serving racks), or, for a
// heat rejection unit with a `capacity` on the facility water loop, the heat it removes over its COP.
void read_draw(ItemContext& c, power::LoadSpec& l, bool from_platform) {
  MapReader& r = c.r;
  l.cop = r.quantity_or("cop", Dimension::ratio, 0.0, {.shown = "none: the load draws its 'load'"});
  if (l.cop > 0 && l.kind == power::LoadKind::rack)
    r.diagnostics().add(r.pos(r.node("cop", Need::optional)), r.path("cop"), "",
                        "a COP belongs to a cooling load (kind cdu, crah, chiller, dry_cooler, cooling_tower "
                        "or other), not to an IT rack");
  if (const YamlNode n = r.node("capacity", Need::optional); n.IsDefined()) {
    c.pos.note(l.id, "capacity", r.pos(n));
    if (!l.rejects_heat())
      r.diagnostics().add(r.pos(n), r.path("capacity"), n.IsScalar() ? n.Scalar() : "",
                          "only a chiller, dry_cooler or cooling_tower has a heat rejection capacity");
    else
      l.capacity_kw =
          r.quantity("capacity", Dimension::power, Need::optional, Range::positive).value_or(0) / 1e3;
  }
  if (l.cop > 0 && l.capacity_kw > 0) {
    refuse_key(r, "load",
               "a unit with a 'capacity' and a 'cop' draws the heat it removes over its COP; remove 'load'");
    if (const YamlNode n = r.node("serves", Need::optional); n.IsDefined())
      r.diagnostics().add(r.pos(n), r.path("serves"), "",
                          "a unit with a 'capacity' serves the facility water loop, not racks");
    l.load_kw = l.capacity_kw / l.cop; // its design draw: at most its capacity over its COP
  } else if (l.cop > 0) {
    // Its design draw follows from the loads it serves (read_facility).
    refuse_key(r, "load", "a load with a 'cop' draws the heat it cools over its COP; remove 'load'");
    read_serves(c, l);
  } else {
    l.load_kw =
        r.quantity("load", Dimension::power, from_platform ? Need::optional : Need::required).value_or(0) /
        1e3;
    if (const YamlNode n = r.node("serves", Need::optional); n.IsDefined())
      r.diagnostics().add(r.pos(n), r.path("serves"), "", "'serves' goes with a 'cop'");
  }
}

// Racks boot after power returns; heat rejection units restart (compressors, fans, controls).
void read_restart(MapReader& r, power::LoadSpec& l, const std::string& kind) {
  const char* delay_key = l.rejects_heat() ? "restart" : "boot";
  const char* other_key = l.rejects_heat() ? "boot" : "restart";
  refuse_key(r, other_key, std::string("a ") + kind + " has '" + delay_key + "', not '" + other_key + "'");
  // Without a capacity a unit is only a power load: no restart of its own.
  const Default boot{.row = "Boot after power returns"};
  const Default restart{.row = "Chiller / dry cooler / cooling tower restart after power returns",
                        .shown = "5 min with a capacity, else 0 s"};
  l.boot_s =
      r.quantity_or(delay_key, Dimension::time, l.capacity_kw > 0 ? power::LoadSpec::default_restart_s : 0.0,
                    l.rejects_heat() ? restart : boot, Range::non_negative);
}

// `from_platform: racks`: one IT load per rack of the platform file, named after it and drawing
// its hosts' full power; the rest of the item (fed_by, boot, ...) applies to each.
void expand_platform_racks(ItemContext& c, const power::LoadSpec& l, const YamlNode& from) {
  MapReader& r = c.r;
  if (l.kind != power::LoadKind::rack || !l.platform_rack.empty()) {
    r.diagnostics().add(r.pos(from), r.path("from_platform"), "racks",
                        "platform racks are IT loads (kind rack) that name no platform_rack of their own");
    return;
  }
  std::vector<PlatformRack> racks;
  try {
    racks = read_platform_racks(c.platform_path);
  } catch (const std::runtime_error& e) {
    r.diagnostics().add(r.pos(from), r.path("from_platform"), "racks", e.what());
    return;
  }
  if (racks.empty())
    r.diagnostics().add(r.pos(from), r.path("from_platform"), "racks",
                        "no host of " + c.platform_path + " has a 'rack' property");
  for (const auto& rack : racks) {
    power::LoadSpec each = l;
    each.id = rack.name;
    each.platform_rack = rack.name;
    each.load_kw = rack.full_power_w / 1e3;
    c.pos.note(each.id, "", r.pos(c.item));
    c.pos.note(each.id, "fed_by", c.pos.of(l.id, "fed_by"));
    c.pos.note(each.id, "platform_rack", r.pos(from));
    c.spec.loads.push_back(each);
  }
}

} // namespace

void read_load_item(ItemContext& c) {
  MapReader& r = c.r;
  power::LoadSpec l;
  const YamlNode from = r.node("from_platform", Need::optional, "racks");
  if (from.IsDefined()) {
    if (!(from.IsScalar() && from.Scalar() == "racks"))
      r.diagnostics().add(r.pos(from), r.path("from_platform"), from.IsScalar() ? from.Scalar() : "",
                          "expected 'racks': one load per rack of the platform");
    l.id = "from_platform";
  } else {
    l.id = read_id(c);
  }
  std::string kind;
  l.kind = read_load_kind(r, kind);
  read_cords(c, l);
  read_draw(c, l, from.IsDefined());
  l.priority = static_cast<int>(r.integer_or("priority", 0, 1000, 0, {.row = "Load shedding"}));
  l.platform_rack = r.string_or("platform_rack", "", {.shown = "none: a declared load"});
  if (const YamlNode n = r.node("platform_rack", Need::optional); n.IsDefined())
    c.pos.note(l.id, "platform_rack", r.pos(n));
  read_restart(r, l, kind);
  if (l.it())
    refuse_key(r, "failures",
               "an IT rack's failures are the workload's (workload.failures), not the facility's");
  else
    l.failures = read_failures(c, "failures", power::typical_load_failures(l.kind));
  r.finish();
  if (from.IsDefined())
    expand_platform_racks(c, l, from);
  else
    c.spec.loads.push_back(l);
}

} // namespace aidcsim
