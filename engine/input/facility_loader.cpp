#include "engine/input/facility_loader.hpp"

#include "engine/input/platform_racks.hpp"

#include "engine/base/text_distance.hpp"
#include "engine/input/yaml_reader.hpp"
#include "models/power/power_graph.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

namespace aidcsim {
namespace {

using power::FacilitySpec;
using units::Dimension;

// Where each component and each of its fields was written, to place graph problems.
struct Positions {
  std::map<std::string, SourcePos> at;
  void note(const std::string& id, const std::string& field, SourcePos pos) {
    at.emplace(id + "." + field, pos);
    at.emplace(id, pos);
  }
  SourcePos of(const std::string& id, const std::string& field) const {
    if (auto it = at.find(id + "." + field); it != at.end())
      return it->second;
    if (auto it = at.find(id); it != at.end())
      return it->second;
    return {};
  }
};

std::string read_id(MapReader& r, Positions& pos, const YAML::Node& item) {
  const std::string id = r.string("id", Need::required).value_or("");
  if (!id.empty())
    pos.note(id, "", position_of(item, r.file()));
  return id;
}

std::string read_reference(MapReader& r, const std::string& key, const std::string& id, Positions& pos) {
  const YAML::Node n = r.node(key, Need::required, "the id of the component that feeds this one");
  if (!n.IsDefined())
    return "";
  if (!n.IsScalar()) {
    r.diagnostics().add(r.pos(n), r.path(key), "", "expected one component id");
    return "";
  }
  pos.note(id, key, r.pos(n));
  return n.Scalar();
}

faults::DurationDistribution read_distribution(const YAML::Node& node, MapReader& parent,
                                               const std::string& key) {
  MapReader r(node, parent.path(key), parent.file(), parent.diagnostics());
  faults::DurationDistribution d = faults::DurationDistribution::fixed(0);
  if (!r.is_map())
    return d;
  const auto kind =
      r.one_of("distribution", {"exponential", "lognormal", "empirical", "fixed"}, Need::required);
  if (kind == "exponential") {
    if (auto mean = r.quantity("mean", Dimension::time, Need::required))
      d = faults::DurationDistribution::exponential(*mean);
  } else if (kind == "lognormal") {
    const auto median = r.quantity("median", Dimension::time, Need::required);
    const auto sigma = r.quantity("sigma", Dimension::ratio, Need::required);
    if (median && sigma)
      d = faults::DurationDistribution::lognormal(*median, *sigma);
  } else if (kind == "fixed") {
    if (auto value = r.quantity("value", Dimension::time, Need::required, Range::non_negative))
      d = faults::DurationDistribution::fixed(*value);
  } else if (!kind) {
    // The distribution was not recognised: accept its other keys silently, one error is enough.
    for (const char* key : {"mean", "median", "sigma", "value", "table"})
      r.node(key, Need::optional);
  } else if (kind == "empirical") {
    const YAML::Node table =
        r.node("table", Need::required, "a list of [duration, cumulative fraction] pairs");
    if (table.IsDefined()) {
      std::vector<std::pair<double, double>> points;
      bool ok = table.IsSequence() && table.size() > 0;
      double last_x = 0, last_f = 0;
      for (std::size_t i = 0; ok && i < table.size(); ++i) {
        const std::string at = r.path("table") + "[" + std::to_string(i) + "]";
        if (!table[i].IsSequence() || table[i].size() != 2) {
          r.diagnostics().add(r.pos(table[i]), at, "", "expected a pair [duration, cumulative fraction]");
          ok = false;
          break;
        }
        const auto x = r.scalar_quantity(table[i][0], at, Dimension::time, Range::positive);
        const auto f = r.scalar_quantity(table[i][1], at, Dimension::ratio, Range::positive);
        if (!x || !f) {
          ok = false;
          break;
        }
        if (!(*x > last_x) || !(*f > last_f) || *f > 1.0) {
          r.diagnostics().add(r.pos(table[i]), at, "",
                              "durations and cumulative fractions must both increase, fractions up to 1");
          ok = false;
          break;
        }
        points.emplace_back(*x, *f);
        last_x = *x;
        last_f = *f;
      }
      if (ok && last_f != 1.0) {
        r.diagnostics().add(r.pos(table), r.path("table"), "", "the last cumulative fraction must be 1");
        ok = false;
      }
      if (!table.IsSequence())
        r.diagnostics().add(r.pos(table), r.path("table"), "",
                            "expected a list of [duration, fraction] pairs");
      if (ok)
        d = faults::DurationDistribution::empirical(points);
    }
  }
  r.finish();
  return d;
}

// {rate: 2 /y, <duration_key>: {distribution: ...}}
power::Interruptions read_interruptions(MapReader& parent, const std::string& key,
                                        const std::string& duration_key) {
  power::Interruptions out;
  const std::size_t errors_before = parent.diagnostics().size();
  const YAML::Node node = parent.node(key, Need::optional);
  if (!node.IsDefined())
    return out;
  MapReader r(node, parent.path(key), parent.file(), parent.diagnostics());
  if (!r.is_map())
    return out;
  out.rate_per_s = r.quantity("rate", Dimension::rate, Need::required, Range::non_negative).value_or(0);
  // One event a minute is far beyond any published rate and keeps a run's event count bounded.
  if (out.rate_per_s > 1.0 / 60)
    r.diagnostics().add(r.pos(r.node("rate", Need::optional)), r.path("rate"),
                        r.node("rate", Need::optional).Scalar(), "at most 1 /min");
  const YAML::Node d = r.node(duration_key, Need::required, "a map with 'distribution'");
  if (d.IsDefined()) {
    out.duration = read_distribution(d, r, duration_key);
    if (!(out.duration.mean_s() > 0) && r.diagnostics().size() == errors_before)
      r.diagnostics().add(r.pos(d), r.path(duration_key), "",
                          "durations must be longer than zero on average");
  }
  r.finish();
  return out;
}

std::optional<power::GensetSizing> parse_sizing(const YAML::Node& n) {
  if (!n.IsScalar())
    return std::nullopt;
  const std::string text = n.Scalar();
  using K = power::GensetSizing::Kind;
  if (text == "N")
    return power::GensetSizing{K::n, 0};
  if (text == "N+1")
    return power::GensetSizing{K::n_plus_1, 0};
  if (text == "2N")
    return power::GensetSizing{K::two_n, 0};
  if (const auto pct = units::parse(text, Dimension::ratio);
      pct.value && text.find('%') != std::string::npos) {
    if (*pct.value >= 1.0)
      return power::GensetSizing{K::percent, *pct.value};
    return std::nullopt;
  }
  long long count = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (ec == std::errc() && end == text.data() + text.size() && count >= 1 && count <= 1000)
    return power::GensetSizing{K::count, static_cast<double>(count)};
  return std::nullopt;
}

void read_gensets(MapReader& f, FacilitySpec& spec, Positions& pos) {
  for_each_item(f, "gensets", [&](MapReader& r, const YAML::Node& item) {
    power::GensetPlantSpec g;
    g.id = read_id(r, pos, item);
    g.unit_rating_kw = r.quantity("unit_rating", Dimension::power, Need::required).value_or(0) / 1e3;
    const YAML::Node sizing = r.node("sizing", Need::required,
                                     "N, N+1, 2N, a percentage of the design load (120 %) or a unit count");
    if (sizing.IsDefined()) {
      pos.note(g.id, "sizing", r.pos(sizing));
      if (auto s = parse_sizing(sizing))
        g.sizing = *s;
      else
        r.diagnostics().add(
            r.pos(sizing), r.path("sizing"), sizing.IsScalar() ? sizing.Scalar() : "",
            "expected N, N+1, 2N, a percentage of at least 100 % (such as 120 %) or a unit count");
    }
    g.start_delay_s =
        r.quantity("start_delay", Dimension::time, Need::optional, Range::non_negative).value_or(10.0);
    g.fail_to_start =
        r.quantity("fail_to_start", Dimension::ratio, Need::optional, Range::non_negative).value_or(0.0);
    if (g.fail_to_start > 1)
      r.diagnostics().add(r.pos(r.node("fail_to_start", Need::optional)), r.path("fail_to_start"), "",
                          "a probability must be at most 1");
    g.start_attempts = static_cast<int>(r.integer("start_attempts", Need::optional, 1, 100).value_or(1));
    g.retry_delay_s =
        r.quantity("retry_delay", Dimension::time, Need::optional, Range::non_negative).value_or(0.0);
    g.fail_while_running_per_s =
        r.quantity("fail_while_running", Dimension::rate, Need::optional, Range::non_negative).value_or(0.0);
    g.fuel_tank_s = r.quantity("fuel_tank", Dimension::time, Need::optional).value_or(0.0);
    g.refuel_lead_time_s = r.quantity("refuel_lead_time", Dimension::time, Need::optional).value_or(0.0);
    const auto shedding = r.one_of("load_shedding", {"none", "priority"}, Need::optional).value_or("none");
    g.load_shedding = shedding == "priority" ? power::GensetPlantSpec::LoadShedding::priority
                                             : power::GensetPlantSpec::LoadShedding::none;
    if (g.refuel_lead_time_s > 0 && g.fuel_tank_s == 0)
      r.diagnostics().add(r.pos(r.node("refuel_lead_time", Need::optional)), r.path("refuel_lead_time"), "",
                          "a refuel lead time needs a 'fuel_tank' (without one, fuel is unlimited)");
    r.finish();
    spec.gensets.push_back(g);
  });
}

void read_switches(MapReader& f, FacilitySpec& spec, Positions& pos) {
  for_each_item(f, "transfer_switches", [&](MapReader& r, const YAML::Node& item) {
    power::TransferSwitchSpec s;
    s.id = read_id(r, pos, item);
    const auto kind = r.one_of("kind", {"ats", "sts"}, Need::optional).value_or("ats");
    s.kind = kind == "sts" ? power::SwitchKind::sts : power::SwitchKind::ats;
    s.normal = read_reference(r, "normal", s.id, pos);
    s.alternate = read_reference(r, "alternate", s.id, pos);
    s.transfer_s = r.quantity("transfer_time", Dimension::time, Need::optional, Range::non_negative)
                       .value_or(s.kind == power::SwitchKind::sts ? 0.004 : 0.1);
    s.retransfer_after_s =
        r.quantity("retransfer_after", Dimension::time, Need::optional, Range::non_negative).value_or(300.0);
    s.failures = read_interruptions(r, "failures", "repair");
    if (!s.normal.empty() && s.normal == s.alternate)
      r.diagnostics().add(r.pos(r.node("alternate", Need::optional)), r.path("alternate"), s.alternate,
                          "the alternate source must differ from the normal one");
    r.finish();
    spec.switches.push_back(s);
  });
}

void read_ups(MapReader& f, FacilitySpec& spec, Positions& pos) {
  for_each_item(f, "ups", [&](MapReader& r, const YAML::Node& item) {
    power::UpsSpec u;
    u.id = read_id(r, pos, item);
    u.fed_by = read_reference(r, "fed_by", u.id, pos);
    // A power, or a percentage of the design load through the UPS (sized with the platform).
    if (const YAML::Node n = r.node("rating", Need::required, "a power, or a percentage of the design load");
        n.IsDefined()) {
      pos.note(u.id, "rating", r.pos(n));
      if (n.IsScalar() && !n.Scalar().empty() && n.Scalar().back() == '%')
        u.rating_fraction =
            r.scalar_quantity(n, r.path("rating"), Dimension::ratio, Range::positive).value_or(0);
      else
        u.rating_kw =
            r.scalar_quantity(n, r.path("rating"), Dimension::power, Range::positive).value_or(0) / 1e3;
    }
    u.modules = static_cast<int>(r.integer("modules", Need::optional, 1, 64).value_or(1));
    u.redundant_modules = static_cast<int>(r.integer("redundant_modules", Need::optional, 0, 63).value_or(0));
    if (u.redundant_modules >= u.modules)
      r.diagnostics().add(r.pos(item), r.path("redundant_modules"), std::to_string(u.redundant_modules),
                          "must be below the module count (" + std::to_string(u.modules) + ")");
    u.efficiency = r.quantity("efficiency", Dimension::ratio, Need::optional).value_or(1.0);
    if (u.efficiency > 1.0)
      r.diagnostics().add(r.pos(item), r.path("efficiency"), "", "an efficiency must be at most 100 %");
    const YAML::Node b = r.node("battery", Need::required, "a map with 'runtime' or 'energy'");
    if (b.IsDefined()) {
      MapReader br(b, r.path("battery"), r.file(), r.diagnostics());
      if (br.is_map()) {
        const auto runtime = br.quantity("runtime", Dimension::time, Need::optional);
        const auto energy = br.quantity("energy", Dimension::energy, Need::optional);
        if (br.node("runtime", Need::optional).IsDefined() == br.node("energy", Need::optional).IsDefined())
          br.diagnostics().add(br.pos(b), br.path("runtime"), "",
                               "give exactly one of 'runtime' (at rated load) or 'energy' (kWh)");
        u.battery.rated_kw = u.rating_kw;
        u.battery.runtime_at_rated_s =
            runtime ? *runtime : (energy && u.rating_kw > 0 ? *energy / (u.rating_kw * 1e3) : 0);
        // Chemistry sets the defaults (docs/MODELS.md, published-figures: Peukert k of 1.02-1.10
        // for Li-ion and 1.05-1.15 for VRLA; recharge in 2-3 h for Li-ion, 24 h or more for VRLA).
        const std::string chemistry =
            br.one_of("chemistry", {"li-ion", "vrla"}, Need::optional).value_or("li-ion");
        const double default_peukert = chemistry == "vrla" ? 1.10 : 1.05;
        const double default_recharge_s = chemistry == "vrla" ? 24 * 3600.0 : 2.5 * 3600.0;
        u.battery.peukert_exponent =
            br.quantity("peukert", Dimension::ratio, Need::optional).value_or(default_peukert);
        const double nominal_kwh = u.rating_kw * u.battery.runtime_at_rated_s / 3600.0;
        u.battery.recharge_kw = br.quantity("recharge", Dimension::power, Need::optional, Range::non_negative)
                                    .value_or(nominal_kwh / (default_recharge_s / 3600.0) * 1e3) /
                                1e3;
        if (u.rating_fraction > 0) { // rating known once the design load is: finish the battery then
          if (energy)
            br.diagnostics().add(br.pos(br.node("energy", Need::optional)), br.path("energy"), "",
                                 "a UPS rated as a percentage of its load gives its battery a 'runtime'");
          if (!br.node("recharge", Need::optional).IsDefined())
            u.recharge_default_s = default_recharge_s;
        }
        br.finish();
      }
    }
    u.module_failures = read_interruptions(r, "module_failures", "repair");
    r.finish();
    spec.ups.push_back(u);
  });
}

void read_distribution(MapReader& f, FacilitySpec& spec, Positions& pos) {
  for_each_item(f, "distribution", [&](MapReader& r, const YAML::Node& item) {
    power::DistributionSpec d;
    d.id = read_id(r, pos, item);
    const auto kind =
        r.one_of("kind", {"transformer", "switchgear", "pdu", "busway"}, Need::optional).value_or("pdu");
    d.kind = kind == "transformer"  ? power::DistributionKind::transformer
             : kind == "switchgear" ? power::DistributionKind::switchgear
             : kind == "busway"     ? power::DistributionKind::busway
                                    : power::DistributionKind::pdu;
    d.fed_by = read_reference(r, "fed_by", d.id, pos);
    d.rating_kw = r.quantity("rating", Dimension::power, Need::optional).value_or(0) / 1e3;
    if (const YAML::Node n = r.node("rating", Need::optional); n.IsDefined())
      pos.note(d.id, "rating", r.pos(n));
    d.failures = read_interruptions(r, "failures", "repair");
    r.finish();
    spec.distribution.push_back(d);
  });
}

void read_loads(MapReader& f, FacilitySpec& spec, Positions& pos, const std::string& platform_path) {
  for_each_item(f, "loads", [&](MapReader& r, const YAML::Node& item) {
    power::LoadSpec l;
    // `from_platform: racks`: one IT load per rack of the platform file, named after it and
    // drawing its hosts' full power; the rest of the item (fed_by, boot, ...) applies to each.
    const YAML::Node from = r.node("from_platform", Need::optional, "racks");
    if (from.IsDefined()) {
      if (!(from.IsScalar() && from.Scalar() == "racks"))
        r.diagnostics().add(r.pos(from), r.path("from_platform"), from.IsScalar() ? from.Scalar() : "",
                            "expected 'racks': one load per rack of the platform");
      l.id = "from_platform";
    } else {
      l.id = read_id(r, pos, item);
    }
    const auto kind =
        r.one_of("kind", {"rack", "cdu", "crah", "chiller", "dry_cooler", "cooling_tower", "other"},
                 Need::optional)
            .value_or("rack");
    l.kind = kind == "cdu"             ? power::LoadKind::cdu
             : kind == "crah"          ? power::LoadKind::crah
             : kind == "chiller"       ? power::LoadKind::chiller
             : kind == "dry_cooler"    ? power::LoadKind::dry_cooler
             : kind == "cooling_tower" ? power::LoadKind::cooling_tower
             : kind == "other"         ? power::LoadKind::other
                                       : power::LoadKind::rack;
    const YAML::Node feeds =
        r.node("fed_by", Need::required, "one feeder id, or a list of two for A/B cords");
    if (feeds.IsDefined()) {
      pos.note(l.id, "fed_by", r.pos(feeds));
      if (feeds.IsScalar()) {
        l.fed_by.push_back(feeds.Scalar());
      } else if (feeds.IsSequence() && (feeds.size() == 1 || feeds.size() == 2)) {
        for (const auto& x : feeds) {
          if (x.IsScalar())
            l.fed_by.push_back(x.Scalar());
          else
            r.diagnostics().add(r.pos(x), r.path("fed_by"), "", "expected a feeder id");
        }
      } else {
        r.diagnostics().add(r.pos(feeds), r.path("fed_by"), "",
                            "expected one feeder id, or a list of two (A/B cords)");
      }
    }
    l.cop = r.quantity("cop", Dimension::ratio, Need::optional).value_or(0.0);
    if (l.cop > 0 && l.kind == power::LoadKind::rack)
      r.diagnostics().add(
          r.pos(r.node("cop", Need::optional)), r.path("cop"), "",
          "a COP belongs to a cooling load (kind cdu, crah, chiller, dry_cooler, cooling_tower "
          "or other), not to an IT rack");
    // A heat rejection unit on a modelled facility water loop says how much heat it can take out.
    if (const YAML::Node n = r.node("capacity", Need::optional); n.IsDefined()) {
      pos.note(l.id, "capacity", r.pos(n));
      if (!l.rejects_heat())
        r.diagnostics().add(r.pos(n), r.path("capacity"), n.IsScalar() ? n.Scalar() : "",
                            "only a chiller, dry_cooler or cooling_tower has a heat rejection capacity");
      else
        l.capacity_kw =
            r.quantity("capacity", Dimension::power, Need::optional, Range::positive).value_or(0) / 1e3;
    }
    if (l.cop > 0 && l.capacity_kw > 0) {
      // Draws the heat it removes over its COP: at most its capacity over its COP.
      if (const YAML::Node n = r.node("load", Need::optional); n.IsDefined())
        r.diagnostics().add(r.pos(n), r.path("load"), n.IsScalar() ? n.Scalar() : "",
                            "a unit with a 'capacity' and a 'cop' draws the heat it removes over its COP; "
                            "remove 'load'");
      if (const YAML::Node n = r.node("serves", Need::optional); n.IsDefined())
        r.diagnostics().add(r.pos(n), r.path("serves"), "",
                            "a unit with a 'capacity' serves the facility water loop, not racks");
      l.load_kw = l.capacity_kw / l.cop;
    } else if (l.cop > 0) {
      // Draws the heat it cools over its COP: its design draw follows from the loads it serves.
      if (const YAML::Node n = r.node("load", Need::optional); n.IsDefined())
        r.diagnostics().add(r.pos(n), r.path("load"), n.IsScalar() ? n.Scalar() : "",
                            "a load with a 'cop' draws the heat it cools over its COP; remove 'load'");
      if (const YAML::Node n = r.node("serves", Need::optional); n.IsDefined()) {
        pos.note(l.id, "serves", r.pos(n));
        if (n.IsSequence() && n.size() > 0)
          for (const auto& x : n)
            l.serves.push_back(x.IsScalar() ? x.Scalar() : "");
        else
          r.diagnostics().add(
              r.pos(n), r.path("serves"), "",
              "expected a non-empty list of IT load ids (leave 'serves' out for all of them)");
      }
    } else {
      l.load_kw = r.quantity("load", Dimension::power, from.IsDefined() ? Need::optional : Need::required)
                      .value_or(0) /
                  1e3;
      if (const YAML::Node n = r.node("serves", Need::optional); n.IsDefined())
        r.diagnostics().add(r.pos(n), r.path("serves"), "", "'serves' goes with a 'cop'");
    }
    l.priority = static_cast<int>(r.integer("priority", Need::optional, 0, 1000).value_or(0));
    l.platform_rack = r.string("platform_rack", Need::optional).value_or("");
    if (const YAML::Node n = r.node("platform_rack", Need::optional); n.IsDefined())
      pos.note(l.id, "platform_rack", r.pos(n));
    // Racks boot after power returns; heat rejection units restart (compressors, fans, controls).
    const char* delay_key = l.rejects_heat() ? "restart" : "boot";
    const char* other_key = l.rejects_heat() ? "boot" : "restart";
    if (const YAML::Node n = r.node(other_key, Need::optional); n.IsDefined())
      r.diagnostics().add(r.pos(n), r.path(other_key), n.IsScalar() ? n.Scalar() : "",
                          std::string("a ") + kind + " has '" + delay_key + "', not '" + other_key + "'");
    // Restart default of a unit on a modelled water loop: a conventional chiller needs 4-8 min
    // after power returns (docs/MODELS.md). Without a capacity a unit is only a power load.
    l.boot_s = r.quantity(delay_key, Dimension::time, Need::optional, Range::non_negative)
                   .value_or(l.capacity_kw > 0 ? 300.0 : 0.0);
    r.finish();
    if (!from.IsDefined()) {
      spec.loads.push_back(l);
      return;
    }
    if (l.kind != power::LoadKind::rack || !l.platform_rack.empty()) {
      r.diagnostics().add(r.pos(from), r.path("from_platform"), "racks",
                          "platform racks are IT loads (kind rack) that name no platform_rack of their own");
      return;
    }
    std::vector<PlatformRack> racks;
    try {
      racks = read_platform_racks(platform_path);
    } catch (const std::runtime_error& e) {
      r.diagnostics().add(r.pos(from), r.path("from_platform"), "racks", e.what());
      return;
    }
    if (racks.empty())
      r.diagnostics().add(r.pos(from), r.path("from_platform"), "racks",
                          "no host of " + platform_path + " has a 'rack' property");
    for (const auto& rack : racks) {
      power::LoadSpec each = l;
      each.id = rack.name;
      each.platform_rack = rack.name;
      each.load_kw = rack.full_power_w / 1e3;
      pos.note(each.id, "", r.pos(item));
      pos.note(each.id, "fed_by", pos.of(l.id, "fed_by"));
      pos.note(each.id, "platform_rack", r.pos(from));
      spec.loads.push_back(each);
    }
  });
}

// The user's words for a problem the power graph found.
std::string graph_problem_text(const power::GraphProblem& p, const power::PowerGraph& graph) {
  using Code = power::GraphProblem::Code;
  switch (p.code) {
  case Code::duplicate_id:
    return "a second component with this id; ids must be unique in the facility";
  case Code::unknown_id: {
    std::vector<std::string> ids;
    for (int i = 0; i < graph.size(); ++i)
      ids.push_back(graph.node(i).id);
    const std::string guess = closest_match(p.value, ids);
    return "no component with this id" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)");
  }
  case Code::feeds_itself:
    return "a component cannot feed itself";
  case Code::fed_by_load:
    return "'" + p.value + "' is a load; loads feed nothing";
  case Code::genset_not_alternate:
    return "gensets connect as a transfer switch's alternate, which starts them when its normal source fails";
  case Code::repeated_feeder:
    return "'" + p.value + "' already feeds this component; each feeder appears once";
  case Code::cycle: {
    std::string path;
    for (const auto& id : p.path)
      path += (path.empty() ? "" : " -> ") + id;
    return "the power chain has a cycle: " + path;
  }
  case Code::unreachable_load:
    return "no path from any utility feed or genset plant reaches this load";
  }
  throw std::logic_error("graph_problem_text: a problem code without words");
}

// Graph checks, genset sizing and capacity checks, each reported at the component's position.
void check_graph(FacilitySpec& spec, const Positions& pos, Diagnostics& diags) {
  std::vector<power::GraphProblem> problems;
  const power::PowerGraph graph = power::PowerGraph::build(spec, problems);
  if (problems.empty())
    problems = graph.check_structure();
  for (const auto& p : problems)
    diags.add(pos.of(p.component, p.field), "facility." + p.component + "." + p.field, p.value,
              graph_problem_text(p, graph));
  if (!problems.empty())
    return;
  const std::vector<double> design = graph.design_load_kw(spec);
  auto mw = [](double kw) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g MW", kw / 1e3);
    return std::string(buf);
  };
  for (auto& g : spec.gensets) {
    const double load = design[graph.index_of(g.id)];
    g.units_needed = std::max(1, static_cast<int>(std::ceil(load / g.unit_rating_kw - 1e-9)));
    g.units = g.sizing.units_for(load, g.unit_rating_kw);
    if (g.units * g.unit_rating_kw < load * (1 - 1e-9))
      diags.add(pos.of(g.id, "sizing"), "facility." + g.id + ".sizing", g.sizing.describe(),
                std::to_string(g.units) + " units of " + mw(g.unit_rating_kw) + " are below the " + mw(load) +
                    " design load through this plant");
  }
  for (auto& u : spec.ups) {
    const double load = design[graph.index_of(u.id)] * u.efficiency; // at the output
    if (u.rating_fraction > 0 && !(load > 0)) {
      diags.add(pos.of(u.id, "rating"), "facility." + u.id + ".rating", "",
                "a rating as a percentage needs a design load through the UPS; nothing draws through it");
      continue;
    }
    if (u.rating_fraction > 0) {
      u.rating_kw = u.rating_fraction * load;
      u.battery.rated_kw = u.rating_kw;
      if (u.recharge_default_s > 0)
        u.battery.recharge_kw = u.rating_kw * u.battery.runtime_at_rated_s / u.recharge_default_s;
    }
    if (u.rating_kw < load * (1 - 1e-9))
      diags.add(pos.of(u.id, "rating"), "facility." + u.id + ".rating", mw(u.rating_kw),
                "below the " + mw(load) +
                    " design load through this UPS (a dual-corded load counts in full)");
  }
  for (const auto& d : spec.distribution) {
    const double load = design[graph.index_of(d.id)];
    if (d.rating_kw > 0 && d.rating_kw < load * (1 - 1e-9))
      diags.add(pos.of(d.id, "rating"), "facility." + d.id + ".rating", mw(d.rating_kw),
                "below the " + mw(load) + " design load through this component");
  }
}

} // namespace

void read_facility(const YAML::Node& node, MapReader& parent, FacilitySpec& spec,
                   std::map<std::string, SourcePos>& positions, const std::string& platform_path) {
  MapReader f(node, "facility", parent.file(), parent.diagnostics());
  if (!f.is_map())
    return;
  Positions pos;
  const std::size_t errors_before = parent.diagnostics().size();
  for_each_item(f, "utility", [&](MapReader& r, const YAML::Node& item) {
    power::UtilitySpec u;
    u.id = read_id(r, pos, item);
    u.outages = read_interruptions(r, "outages", "duration");
    r.finish();
    spec.utilities.push_back(u);
  });
  read_gensets(f, spec, pos);
  read_switches(f, spec, pos);
  read_ups(f, spec, pos);
  read_distribution(f, spec, pos);
  read_loads(f, spec, pos, platform_path);
  f.finish();
  // Cooling loads with a COP: check what they serve, and set their design draw.
  for (auto& l : spec.loads) {
    if (l.cop <= 0 || l.capacity_kw > 0)
      continue;
    double heat_kw = 0;
    std::vector<std::string> racks;
    for (const auto& r : spec.loads)
      if (r.it())
        racks.push_back(r.id);
    for (const auto& id : l.serves)
      if (std::find(racks.begin(), racks.end(), id) == racks.end()) {
        const std::string guess = closest_match(id, racks);
        f.diagnostics().add(pos.of(l.id, "serves"), "facility." + l.id + ".serves", id,
                            "not an IT load (kind rack)" +
                                (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
      }
    for (const auto& r : spec.loads)
      if (r.it() && (l.serves.empty() || std::find(l.serves.begin(), l.serves.end(), r.id) != l.serves.end()))
        heat_kw += r.load_kw;
    l.load_kw = heat_kw / l.cop;
  }
  std::map<std::string, std::string> rack_owner;
  for (const auto& l : spec.loads) {
    if (l.platform_rack.empty())
      continue;
    const auto [it, fresh] = rack_owner.emplace(l.platform_rack, l.id);
    if (!fresh)
      f.diagnostics().add(
          pos.of(l.id, "platform_rack"), "facility." + l.id + ".platform_rack", l.platform_rack,
          "already the platform rack of load '" + it->second + "'; a rack's hosts follow one load");
  }
  if (spec.loads.empty())
    f.diagnostics().add(f.pos(node), "facility.loads", "", "a facility needs at least one load");
  // The graph is checked only when every component read cleanly, so one typo gives one error.
  if (parent.diagnostics().size() == errors_before && !spec.loads.empty())
    check_graph(spec, pos, parent.diagnostics());
  positions = pos.at;
}

} // namespace aidcsim
