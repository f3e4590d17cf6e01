// `facility.onsite_generation[]`: a plant of gas turbines or gas engines on site
// (models/power/onsite_plant.hpp). Keys left out take the technology's defaults
// (power::onsite_defaults, sourced in docs/MODELS.md).
#include "engine/input/facility/kind_readers.hpp"

namespace aidcsim {
namespace {

using power::OnsitePlantSpec;
using units::Dimension;

// `maintenance: {every: 4000 h, duration: 24 h}`, or `maintenance: none`.
void read_maintenance(MapReader& r, OnsitePlantSpec& p) {
  r.note_default("maintenance", {.row = "Planned maintenance",
                                 .shown = "24 h every 4000 h (gas_turbine), 12 h every 2000 h (gas_engine)"});
  const YamlNode n = r.node("maintenance", Need::optional, "a map with 'every' and 'duration', or none");
  if (!n.IsDefined())
    return;
  if (n.IsScalar() && n.Scalar() == "none") {
    p.maintenance_interval_s = p.maintenance_duration_s = 0;
    return;
  }
  MapReader m(n, r.path("maintenance"), r.file(), r.diagnostics());
  if (!m.is_map())
    return;
  p.maintenance_interval_s = m.quantity("every", Dimension::time, Need::required).value_or(0);
  p.maintenance_duration_s = m.quantity("duration", Dimension::time, Need::required).value_or(0);
  if (p.maintenance_duration_s >= p.maintenance_interval_s && p.maintenance_interval_s > 0)
    m.diagnostics().add(m.pos(n), m.path("duration"), "",
                        "a maintenance outage must be shorter than its interval");
  m.finish();
}

// `fuel: {supply: pipeline, curtailments: {rate, duration}}` or
// `fuel: {supply: tank, tank: 48 h, refuel_lead_time: 12 h}`.
void read_fuel(MapReader& r, OnsitePlantSpec& p) {
  r.note_default("fuel", {.row = "Fuel", .shown = "pipeline, no curtailment"});
  const YamlNode n = r.node("fuel", Need::optional, "a map with 'supply: pipeline' or 'supply: tank'");
  if (!n.IsDefined())
    return;
  MapReader f(n, r.path("fuel"), r.file(), r.diagnostics());
  if (!f.is_map())
    return;
  const auto supply = f.one_of("supply", {"pipeline", "tank"}, Need::required).value_or("pipeline");
  if (supply == "pipeline") {
    p.fuel = OnsitePlantSpec::Fuel::pipeline;
    p.pipeline_interruptions = read_interruptions(f, "curtailments", "duration");
  } else {
    p.fuel = OnsitePlantSpec::Fuel::tank;
    p.fuel_tank_s = f.quantity("tank", Dimension::time, Need::required).value_or(0);
    p.refuel_lead_time_s = f.quantity_or("refuel_lead_time", Dimension::time, 0, {.shown = "none"});
  }
  f.finish();
}

void read_starting(MapReader& r, OnsitePlantSpec& p, const power::OnsiteDefaults& d) {
  p.start_s = r.quantity_or(
      "start", Dimension::time, d.start_s,
      {.row = "Start to synchronized (`start`)", .shown = "4 min (gas_turbine), 30 s (gas_engine)"},
      Range::non_negative);
  p.load_acceptance_s = r.quantity_or("load_acceptance", Dimension::time, d.load_acceptance_s,
                                      {.row = "Synchronized to full load (`load_acceptance`)",
                                       .shown = "4 min (gas_turbine), 90 s (gas_engine)"},
                                      Range::non_negative);
  p.fail_to_start = d.fail_to_start;
  read_start_retries(
      r, p.fail_to_start, p.start_attempts, p.retry_delay_s,
      {{.row = "Failure to start, per attempt", .shown = "2 % (gas_turbine), 1 % (gas_engine)"},
       {.row = "Start attempts, retry delay"}});
}

} // namespace

void read_onsite_item(ItemContext& c) {
  MapReader& r = c.r;
  OnsitePlantSpec p;
  p.id = read_id(c);
  const auto technology =
      r.one_of("technology", {"gas_turbine", "gas_engine"}, Need::required).value_or("gas_turbine");
  p.technology =
      technology == "gas_engine" ? power::OnsiteTechnology::gas_engine : power::OnsiteTechnology::gas_turbine;
  const power::OnsiteDefaults d = power::onsite_defaults(p.technology);
  const auto role = r.one_of("role", {"prime", "backup"}, Need::required).value_or("prime");
  p.role = role == "backup" ? OnsitePlantSpec::Role::backup : OnsitePlantSpec::Role::prime;
  p.unit_rating_kw = r.quantity("unit_rating", Dimension::power, Need::required).value_or(0) / 1e3;
  p.sizing = read_sizing(c, p.id);
  read_starting(r, p, d);
  p.fail_while_running_per_s = r.quantity_or(
      "fail_while_running", Dimension::rate, d.fail_while_running_per_s,
      {.row = "Failure while running", .shown = "1 / 4000 h (gas_turbine), 1 / 2000 h (gas_engine)"},
      Range::non_negative);
  r.note_default("repair", {.row = "Repair after a forced outage or a unit that will not start",
                            .shown = "lognormal, median 24 h (gas_turbine) or 12 h (gas_engine), sigma 1"});
  p.repair = faults::DurationDistribution::lognormal(d.repair_median_s, d.repair_sigma);
  if (const YamlNode n = r.node("repair", Need::optional, "a map with 'distribution'"); n.IsDefined())
    p.repair = read_duration(n, r, "repair");
  p.maintenance_interval_s = d.maintenance_interval_s;
  p.maintenance_duration_s = d.maintenance_duration_s;
  read_maintenance(r, p);
  read_fuel(r, p);
  p.load_shedding = read_load_shedding(r);
  r.finish();
  c.spec.onsite.push_back(p);
}

} // namespace aidcsim

namespace aidcsim {

void size_onsite_plants(SizingContext& c) {
  size_plants(c.spec.onsite, c);
}

} // namespace aidcsim
