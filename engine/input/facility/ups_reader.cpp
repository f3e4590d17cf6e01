// `facility.ups[]`: a UPS system and its battery (models/power/ups_system.hpp, ups_battery.hpp).
#include "engine/input/facility/kind_readers.hpp"
#include "models/power/typical_failures.hpp"

namespace aidcsim {
namespace {

using units::Dimension;

// A power, or a percentage of the design load through the UPS (sized with the platform).
void read_rating(ItemContext& c, power::UpsSpec& u) {
  MapReader& r = c.r;
  const YamlNode n = r.node("rating", Need::required, "a power, or a percentage of the design load");
  if (!n.IsDefined())
    return;
  c.pos.note(u.id, "rating", r.pos(n));
  if (n.IsScalar() && !n.Scalar().empty() && n.Scalar().back() == '%')
    u.rating_fraction = r.scalar_quantity(n, r.path("rating"), Dimension::ratio, Range::positive).value_or(0);
  else
    u.rating_kw = r.scalar_quantity(n, r.path("rating"), Dimension::power, Range::positive).value_or(0) / 1e3;
}

// `battery: {runtime | energy, chemistry, peukert, recharge}`; the chemistry sets the defaults
// (power::chemistry_defaults, sourced in ups_battery.hpp).
void read_battery(MapReader& br, const YamlNode& b, power::UpsSpec& u) {
  const auto runtime = br.quantity("runtime", Dimension::time, Need::optional);
  const auto energy = br.quantity("energy", Dimension::energy, Need::optional);
  if (br.node("runtime", Need::optional).IsDefined() == br.node("energy", Need::optional).IsDefined())
    br.diagnostics().add(br.pos(b), br.path("runtime"), "",
                         "give exactly one of 'runtime' (at rated load) or 'energy' (kWh)");
  u.battery.rated_kw = u.rating_kw;
  u.battery.runtime_at_rated_s =
      runtime ? *runtime : (energy && u.rating_kw > 0 ? *energy / (u.rating_kw * 1e3) : 0);
  const std::string chemistry =
      br.one_of_or("chemistry", {"li-ion", "vrla"}, "li-ion", {.row = "Battery chemistry"});
  const power::ChemistryDefaults defaults = power::chemistry_defaults(
      chemistry == "vrla" ? power::BatteryChemistry::vrla : power::BatteryChemistry::li_ion);
  u.battery.peukert_exponent =
      br.quantity_or("peukert", Dimension::ratio, defaults.peukert,
                     {.row = "Peukert exponent", .shown = "1.05 (li-ion), 1.10 (vrla)"});
  const double nominal_kwh = u.rating_kw * u.battery.runtime_at_rated_s / 3600.0;
  u.battery.recharge_kw =
      br.quantity_or("recharge", Dimension::power, nominal_kwh / (defaults.recharge_s / 3600.0) * 1e3,
                     {.row = "Recharge power", .shown = "nominal energy / 2.5 h (li-ion), / 24 h (vrla)"},
                     Range::non_negative) /
      1e3;
  if (u.rating_fraction > 0) { // rating known once the design load is: finish the battery then
    if (energy)
      br.diagnostics().add(br.pos(br.node("energy", Need::optional)), br.path("energy"), "",
                           "a UPS rated as a percentage of its load gives its battery a 'runtime'");
    if (!br.node("recharge", Need::optional).IsDefined())
      u.recharge_default_s = defaults.recharge_s;
  }
  br.finish();
}

} // namespace

void read_ups_item(ItemContext& c) {
  MapReader& r = c.r;
  power::UpsSpec u;
  u.id = read_id(c);
  u.fed_by = read_reference(c, "fed_by", u.id);
  read_rating(c, u);
  const Default modules{.row = "UPS modules, redundancy"};
  u.modules = static_cast<int>(r.integer_or("modules", 1, 64, u.modules, modules));
  u.redundant_modules =
      static_cast<int>(r.integer_or("redundant_modules", 0, 63, u.redundant_modules, modules));
  if (u.redundant_modules >= u.modules)
    r.diagnostics().add(r.pos(c.item), r.path("redundant_modules"), std::to_string(u.redundant_modules),
                        "must be below the module count (" + std::to_string(u.modules) + ")");
  u.efficiency =
      r.quantity_or("efficiency", Dimension::ratio, u.efficiency, {.row = "UPS efficiency"}, Range::fraction);
  if (const YamlNode b = r.node("battery", Need::required, "a map with 'runtime' or 'energy'");
      b.IsDefined()) {
    MapReader br(b, r.path("battery"), r.file(), r.diagnostics());
    if (br.is_map())
      read_battery(br, b, u);
  }
  u.module_failures = read_failures(c, "module_failures", power::typical_ups_module_failures(), true);
  r.finish();
  c.spec.ups.push_back(u);
}

} // namespace aidcsim

namespace aidcsim {

// A rating given as a percentage becomes kW, and every rating covers the design load at the output.
void size_ups(SizingContext& c) {
  for (auto& u : c.spec.ups) {
    const double load = c.design_load_kw(u.id) * u.efficiency; // at the output
    if (u.rating_fraction > 0 && !(load > 0)) {
      c.diags.add(c.pos.of(u.id, "rating"), "facility." + u.id + ".rating", "",
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
      c.diags.add(c.pos.of(u.id, "rating"), "facility." + u.id + ".rating", format_mw(u.rating_kw),
                  "below the " + format_mw(load) +
                      " design load through this UPS (a dual-corded load counts in full)");
  }
}

} // namespace aidcsim
