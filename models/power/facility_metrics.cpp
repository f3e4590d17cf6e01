#include "models/power/facility_metrics.hpp"

#include "engine/base/units.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {
namespace {

using Shown = FacilityMetric::Shown;
using U = MetricUnit;

// Unpowered and service-down seconds summed over IT loads, and their number.
struct ItDowntime {
  double unpowered_s = 0, service_s = 0, unserved_kwh = 0;
  int loads = 0;
};

ItDowntime it_downtime(const Facility& f) {
  ItDowntime d;
  for (std::size_t l = 0; l < f.spec().loads.size(); ++l) {
    if (!f.spec().loads[l].it())
      continue;
    ++d.loads;
    const auto& m = f.load_metrics()[l];
    d.unpowered_s += m.unpowered_s;
    d.service_s += m.service_down_s;
    d.unserved_kwh += m.unserved_kwh;
  }
  return d;
}

// Averaged over IT loads, in minutes; per simulated year when `per_year`.
std::optional<double> downtime_min(const Facility& f, const RunContext& c, bool service, bool per_year) {
  const ItDowntime d = it_downtime(f);
  if (d.loads == 0 || c.duration_s <= 0)
    return 0.0;
  const double min = (service ? d.service_s : d.unpowered_s) / d.loads / 60.0;
  return per_year ? min / (c.duration_s / units::seconds_per_year) : min;
}

std::optional<double> availability(const Facility& f, const RunContext& c) {
  const ItDowntime d = it_downtime(f);
  if (d.loads == 0 || c.duration_s <= 0)
    return 1.0;
  return 1.0 - d.unpowered_s / (d.loads * c.duration_s);
}

// The standard error of the yearly IT downtime, from two whole years on.
std::optional<double> downtime_standard_error(const Facility& f, const RunContext&) {
  const auto& y = f.yearly_it_downtime_min();
  if (y.years < 2)
    return std::nullopt;
  const double mean = y.sum / y.years;
  const double var = std::max(0.0, (y.sum_squares - y.years * mean * mean) / (y.years - 1));
  return std::sqrt(var / y.years);
}

template <class F> std::optional<double> over_plants(const Facility& f, F figure) {
  double sum = 0;
  for (const auto* p : f.plants())
    sum += figure(*p);
  return sum;
}

template <class F> std::optional<double> over_loops(const Facility& f, const RunContext& c, F figure) {
  double sum = 0;
  for (std::size_t i = 0; i < f.cooling_loops().size(); ++i)
    sum += figure(f.cooling_metrics()[i], c.chips_of_load[f.cooled_rack(i)]);
  return sum;
}

std::optional<double> peak_over_loops(const Facility& f, double CoolingMetrics::*peak) {
  double p = 0;
  for (const auto& m : f.cooling_metrics())
    p = std::max(p, m.*peak);
  return p;
}

// Energy between the sources and the loads: what the UPS lost (and the battery round trip). The
// balance is not clamped: the energies are compensated sums, so a lossless chain shows a residue
// at the last bits of its total (about 1e-16 of it), and anything larger is a finding.
std::optional<double> conversion_losses(const Facility& f) {
  const FacilityEnergy& e = f.energy();
  return e.supplied_kwh() - e.it_kwh - e.cooling_kwh;
}

std::vector<FacilityMetric> build_table() {
  using C = const RunContext&;
  using Fa = const Facility&;
  return {
      {"simulated_years", U::years, "simulated years", "the run's duration in years",
       [](Fa, C c) { return std::optional(c.duration_s / units::seconds_per_year); }},
      {"power_availability", U::fraction, "power availability", "fraction of IT rack-time energized",
       availability, Shown::always, false, true},
      {"it_downtime_min", U::minutes, "IT downtime", "unpowered time, averaged over IT racks",
       [](Fa f, C c) { return downtime_min(f, c, false, false); }, Shown::always, false, true},
      {"it_service_downtime_min", U::minutes, "IT service downtime",
       "unpowered plus booting after power returns",
       [](Fa f, C c) { return downtime_min(f, c, true, false); }},
      {"it_downtime_min_per_year", U::minutes_per_year, "IT downtime per year",
       "IT downtime over simulated years", [](Fa f, C c) { return downtime_min(f, c, false, true); },
       Shown::always, true, true},
      {"it_downtime_standard_error_min_per_year", U::minutes_per_year, "  its standard error",
       "from the yearly samples (two whole years or more)", downtime_standard_error, Shown::always, true},
      {"it_service_downtime_min_per_year", U::minutes_per_year, "IT service downtime per year",
       "service downtime over simulated years", [](Fa f, C c) { return downtime_min(f, c, true, true); },
       Shown::always, true, true},
      {"unserved_it_energy_kwh", U::kwh, "unserved IT energy",
       "what IT racks would have drawn while unpowered",
       [](Fa f, C) { return std::optional(it_downtime(f).unserved_kwh); }, Shown::always, false, true},
      {"utility_outages", U::count, "utility outages", "outages of the utility feeds",
       [](Fa f, C) {
         double n = 0;
         for (const auto* feed : f.feeds())
           n += static_cast<double>(feed->outages());
         return std::optional(n);
       },
       Shown::always, false, true},
      {"outage_episodes.no_impact", U::count, "episodes with no impact", "another feed carried the load",
       [](Fa f, C) { return std::optional(double(f.outcomes().no_impact)); }},
      {"outage_episodes.bridged_by_ups", U::count, "episodes bridged by UPS",
       "batteries carried IT until it ended",
       [](Fa f, C) { return std::optional(double(f.outcomes().bridged_by_ups)); }},
      {"outage_episodes.carried_by_gensets", U::count, "episodes carried by backup plants",
       "gensets (or a backup on-site plant) carried the load",
       [](Fa f, C) { return std::optional(double(f.outcomes().carried_by_gensets)); }},
      {"outage_episodes.it_lost", U::count, "episodes that lost IT", "an IT rack lost power",
       [](Fa f, C) { return std::optional(double(f.outcomes().it_lost)); }},
      {"min_ups_state_of_charge", U::fraction, "min UPS state of charge", "lowest over every UPS battery",
       [](Fa f, C) { return std::optional(f.min_ups_state_of_charge()); }, Shown::always, false, true},
      {"genset_run_hours", U::hours, "genset unit-hours", "running time summed over genset units",
       [](Fa f, C) { return over_plants(f, [](const GensetPlant& p) { return p.unit_run_s() / 3600.0; }); },
       Shown::always, false, true},
      {"genset_starts", U::count, "genset starts", "units that started and ran",
       [](Fa f, C) { return over_plants(f, [](const GensetPlant& p) { return double(p.starts()); }); },
       Shown::always, false, true},
      {"genset_failed_start_attempts", U::count, "genset failed start attempts", "start attempts that failed",
       [](Fa f, C) {
         return over_plants(f, [](const GensetPlant& p) { return double(p.failed_start_attempts()); });
       }},
      {"genset_energy_kwh", U::kwh, "genset energy", "energy the genset plants delivered",
       [](Fa f, C) { return over_plants(f, [](const GensetPlant& p) { return p.energy_kwh(); }); }},
      {"fuel_used_tank_hours", U::hours, "genset fuel used (tank-hours)",
       "fuel burned, in hours at design load",
       [](Fa f, C) {
         return over_plants(f, [](const GensetPlant& p) { return p.fuel_used_tank_s() / 3600.0; });
       },
       Shown::always, false, true},
      {"genset_load_refusals", U::count, "load refused by a short plant",
       "times a plant short of the load it would take refused it",
       [](Fa f, C) { return std::optional(double(f.plant_refusals())); }, Shown::always, false, true},
      {"capacity_sheds", U::count, "loads or UPS inputs shed", "dropped to fit a component's capacity",
       [](Fa f, C) { return std::optional(double(f.capacity_sheds())); }, Shown::always, false, true},
      {"energy.source_kwh", U::kwh, "energy from sources", "what utility feeds and plants delivered",
       [](Fa f, C) { return std::optional(f.energy().source_kwh); }},
      {"energy.storage_drawdown_kwh", U::kwh, "battery energy not yet recharged",
       "battery energy not yet recharged at the end",
       [](Fa f, C) { return std::optional(f.energy().storage_drawdown_kwh); }},
      {"energy.it_kwh", U::kwh, "IT energy", "what IT racks drew from the power chain",
       [](Fa f, C) { return std::optional(f.energy().it_kwh); }},
      {"energy.cooling_kwh", U::kwh, "cooling energy", "what every other load drew",
       [](Fa f, C) { return std::optional(f.energy().cooling_kwh); }},
      {"energy.conversion_losses_kwh", U::kwh, "conversion losses",
       "supplied less IT and cooling (UPS, battery)", [](Fa f, C) { return conversion_losses(f); }},
      {"energy.pue", U::ratio, "PUE", "supplied energy over IT energy",
       [](Fa f, C) { return std::optional(f.energy().pue()); }},
      {"cooling.loops", U::count, "cooling loops", "rack loops modelled",
       [](Fa f, C) { return std::optional(double(f.cooling_loops().size())); }, Shown::with_cooling_loops},
      {"cooling.throttle_events", U::count, "throttle events", "racks whose chips reached throttle",
       [](Fa f, C c) {
         return over_loops(f, c, [](const CoolingMetrics& m, double) { return double(m.throttle_events); });
       },
       Shown::with_cooling_loops},
      {"cooling.thermal_shutdowns", U::count, "thermal shutdowns", "racks whose chips reached shutdown",
       [](Fa f, C c) {
         return over_loops(f, c, [](const CoolingMetrics& m, double) { return double(m.shutdown_events); });
       },
       Shown::with_cooling_loops},
      {"cooling.throttled_rack_min", U::minutes, "throttled rack time",
       "time above throttle, summed over racks",
       [](Fa f, C c) {
         return over_loops(f, c, [](const CoolingMetrics& m, double) { return m.throttled_s / 60.0; });
       },
       Shown::with_cooling_loops},
      {"cooling.throttled_accelerator_hours", U::hours, "throttled accelerator-hours",
       "accelerators of throttled racks times the time",
       [](Fa f, C c) {
         return over_loops(
             f, c, [](const CoolingMetrics& m, double chips) { return chips * m.throttled_s / 3600.0; });
       },
       Shown::with_cooling_loops},
      {"cooling.shutdown_accelerator_hours", U::hours, "shut-down accelerator-hours",
       "accelerators of racks in thermal shutdown times the time",
       [](Fa f, C c) {
         return over_loops(
             f, c, [](const CoolingMetrics& m, double chips) { return chips * m.shutdown_s / 3600.0; });
       },
       Shown::with_cooling_loops},
      {"cooling.peak_chip_c", U::celsius, "peak chip temperature", "hottest chip of any loop",
       [](Fa f, C) { return peak_over_loops(f, &CoolingMetrics::peak_chip_c); }, Shown::with_cooling_loops},
      {"cooling.peak_coolant_c", U::celsius, "peak coolant temperature", "hottest coolant of any loop",
       [](Fa f, C) { return peak_over_loops(f, &CoolingMetrics::peak_coolant_c); },
       Shown::with_cooling_loops},
      {"facility_water.peak_c", U::celsius, "peak facility water", "hottest facility water supply",
       [](Fa f, C) { return std::optional(f.water_metrics().peak_c); }, Shown::with_water_loop},
      {"facility_water.above_setpoint_min", U::minutes, "water above setpoint",
       "time the plant could not hold the supply temperature",
       [](Fa f, C) { return std::optional(f.water_metrics().above_setpoint_s / 60.0); },
       Shown::with_water_loop},
      {"facility_water.heat_received_kwh", U::kwh, "heat into the water", "the racks' heat, quasi-statically",
       [](Fa f, C) { return std::optional(f.water_metrics().received_kwh); }, Shown::with_water_loop},
      {"facility_water.heat_rejected_kwh", U::kwh, "heat rejected", "heat the plant took out of the water",
       [](Fa f, C) { return std::optional(f.water_metrics().rejected_kwh); }, Shown::with_water_loop},
      {"facility_water.coupling_residual_kwh", U::kwh, "coupling residual",
       "rack loops' stored heat the quasi-static coupling does not hand on",
       [](Fa f, C) { return std::optional(f.water_metrics().coupling_residual_kwh); },
       Shown::with_water_loop},
      {"events", U::count, "events", "events the facility processed",
       [](Fa f, C) { return std::optional(double(f.events())); }},
  };
}

} // namespace

const std::vector<FacilityMetric>& facility_metrics() {
  static const std::vector<FacilityMetric> table = [] {
    std::vector<FacilityMetric> t = build_table();
    for (auto& m : t)
      m.about_gensets = m.key.rfind("genset_", 0) == 0 || m.key == "fuel_used_tank_hours";
    return t;
  }();
  return table;
}

bool metric_shown(const FacilityMetric& m, const Facility& f) {
  switch (m.shown) {
  case FacilityMetric::Shown::always:
    return true;
  case FacilityMetric::Shown::with_cooling_loops:
    return !f.cooling_loops().empty();
  case FacilityMetric::Shown::with_water_loop:
    return f.water_loop().has_value();
  }
  return true;
}

std::vector<std::optional<double>> compute_facility_metrics(const Facility& f, const RunContext& context) {
  std::vector<std::optional<double>> values;
  for (const auto& m : facility_metrics())
    values.push_back(m.compute(f, context));
  return values;
}

} // namespace aidcsim::power
