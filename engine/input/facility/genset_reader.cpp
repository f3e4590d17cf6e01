// `facility.gensets[]`: a genset plant (models/power/genset_plant.hpp). Defaults: the spec's.
#include "engine/input/facility/kind_readers.hpp"
#include "engine/input/power_dynamics_reader.hpp"
#include "models/power/typical_failures.hpp"

#include <charconv>

namespace aidcsim {
namespace {

using units::Dimension;

std::optional<power::UnitSizing> parse_sizing(const YamlNode& n) {
  if (!n.IsScalar())
    return std::nullopt;
  const std::string text = n.Scalar();
  using K = power::UnitSizing::Kind;
  if (text == "N")
    return power::UnitSizing{K::n, 0};
  if (text == "N+1")
    return power::UnitSizing{K::n_plus_1, 0};
  if (text == "2N")
    return power::UnitSizing{K::two_n, 0};
  if (const auto pct = units::parse(text, Dimension::ratio);
      pct.value && text.find('%') != std::string::npos) {
    if (*pct.value >= 1.0)
      return power::UnitSizing{K::percent, *pct.value};
    return std::nullopt;
  }
  long long count = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (ec == std::errc() && end == text.data() + text.size() && count >= 1 && count <= 1000)
    return power::UnitSizing{K::count, static_cast<double>(count)};
  return std::nullopt;
}

} // namespace

power::UnitSizing read_sizing(ItemContext& c, const std::string& id) {
  MapReader& r = c.r;
  power::UnitSizing sizing;
  const YamlNode n =
      r.node("sizing", Need::required, "N, N+1, 2N, a percentage of the design load (120 %) or a unit count");
  if (!n.IsDefined())
    return sizing;
  c.pos.note(id, "sizing", r.pos(n));
  if (auto s = parse_sizing(n))
    return *s;
  r.diagnostics().add(r.pos(n), r.path("sizing"), n.IsScalar() ? n.Scalar() : "",
                      "expected N, N+1, 2N, a percentage of at least 100 % (such as 120 %) or a unit count");
  return sizing;
}

void read_genset_item(ItemContext& c) {
  MapReader& r = c.r;
  power::GensetPlantSpec g;
  g.id = read_id(c);
  g.unit_rating_kw = r.quantity("unit_rating", Dimension::power, Need::required).value_or(0) / 1e3;
  g.sizing = read_sizing(c, g.id);
  g.start_delay_s = r.quantity_or("start_delay", Dimension::time, g.start_delay_s,
                                  {.row = "Genset start-and-carry delay"}, Range::non_negative);
  if (c.spec.typical_failures) { // the kind's typical figures, unless the item gives its own
    g.fail_to_start = power::typical_genset_fail_to_start;
    g.fail_while_running_per_s = power::typical_genset_fail_while_running_per_s;
  }
  read_start_retries(
      r, g.fail_to_start, g.start_attempts, g.retry_delay_s,
      {{.row = "Genset failure to start", .shown = "0; 0.94 % with component_failures: typical"},
       {.row = "Genset start attempts, retry delay"}});
  g.fail_while_running_per_s = r.quantity_or(
      "fail_while_running", Dimension::rate, g.fail_while_running_per_s,
      {.row = "Genset failure while running", .shown = "0; 1 / 1100 h with component_failures: typical"},
      Range::non_negative);
  g.common_cause_beta = read_probability(r, "common_cause", 0.0, common_cause_default);
  if (c.spec.typical_failures)
    g.unit_repair = power::typical_genset_unit_repair();
  r.note_default("repair",
                 {.row = "Genset repair",
                  .shown = "none: at the end of the demand; typical with component_failures: typical"});
  if (const YamlNode n = r.node("repair", Need::optional); n.IsDefined())
    g.unit_repair = read_duration(n, r, "repair");
  const Default fuel{.row = "Fuel tank, refuel lead time", .shown = "none: unlimited fuel"};
  g.fuel_tank_s = r.quantity_or("fuel_tank", Dimension::time, g.fuel_tank_s, fuel);
  g.refuel_lead_time_s = r.quantity_or("refuel_lead_time", Dimension::time, g.refuel_lead_time_s, fuel);
  g.load_shedding = read_load_shedding(r);
  g.step_acceptance = read_step_acceptance(r);
  if (g.refuel_lead_time_s > 0 && g.fuel_tank_s == 0)
    r.diagnostics().add(r.pos(r.node("refuel_lead_time", Need::optional)), r.path("refuel_lead_time"), "",
                        "a refuel lead time needs a 'fuel_tank' (without one, fuel is unlimited)");
  r.finish();
  c.spec.gensets.push_back(g);
}

} // namespace aidcsim

namespace aidcsim {

void size_genset_plants(SizingContext& c) {
  size_plants(c.spec.gensets, c);
}

} // namespace aidcsim
