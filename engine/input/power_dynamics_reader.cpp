#include "engine/input/power_dynamics_reader.hpp"

#include <cstdio>

namespace aidcsim {

using units::Dimension;

namespace {

dynamics::StorageSpec read_storage(const YamlNode& node, MapReader& parent, const std::string& key) {
  MapReader s(node, parent.path(key), parent.file(), parent.diagnostics());
  dynamics::StorageSpec spec;
  spec.power_w = s.quantity("power", Dimension::power, Need::required).value_or(0);
  spec.energy_j = s.quantity("energy", Dimension::energy, Need::required).value_or(0);
  spec.round_trip = s.quantity_or("round_trip", Dimension::ratio, dynamics::default_storage_round_trip,
                                  {.row = "Storage round-trip efficiency"}, Range::fraction);
  s.finish();
  return spec;
}

void read_smoothing(const YamlNode& node, MapReader& parent, dynamics::PowerSmoothing& spec) {
  MapReader s(node, parent.path("smoothing"), parent.file(), parent.diagnostics());
  spec.floor_fraction =
      s.quantity_or("power_floor", Dimension::ratio, 0.0,
                    {.row = "Accelerator power smoothing", .shown = "0 %: none"}, Range::share);
  spec.ramp_up_w_per_s = s.quantity_or("ramp_up", Dimension::ramp_rate, spec.ramp_up_w_per_s,
                                       {.row = "Accelerator power smoothing", .shown = "none"});
  spec.ramp_down_w_per_s = s.quantity_or("ramp_down", Dimension::ramp_rate, spec.ramp_down_w_per_s,
                                         {.row = "Accelerator power smoothing", .shown = "none"});
  s.finish();
}

void read_grid_limits(const YamlNode& node, MapReader& parent, dynamics::GridLimits& grid) {
  MapReader g(node, parent.path("grid_limits"), parent.file(), parent.diagnostics());
  grid.swing_limit_w = g.quantity_or("swing", Dimension::power, grid.swing_limit_w,
                                     {.why = "no limit unless the operator states one", .shown = "none"});
  grid.ramp_limit_w_per_s =
      g.quantity_or("ramp", Dimension::ramp_rate, grid.ramp_limit_w_per_s,
                    {.why = "no limit unless the operator states one", .shown = "none"});
  const YamlNode band =
      g.node("band", std::isfinite(grid.swing_limit_w) ? Need::required : Need::optional,
             "a list of two frequencies, [from, to], such as [0.1 Hz, 20 Hz] (with a swing limit)");
  const auto [from, to] =
      g.quantity_pair(band, "band", Dimension::frequency, {Range::non_negative, Range::positive},
                      "a list of two frequencies, [from, to], such as [0.1 Hz, 20 Hz]");
  if (band.IsDefined() && band.IsSequence() && band.size() == 2) {
    grid.band_from_hz = from.value_or(0);
    grid.band_to_hz = to.value_or(0);
    if (grid.band_to_hz <= grid.band_from_hz && grid.band_to_hz > 0)
      g.diagnostics().add(g.pos(band), g.path("band"), band[1].Scalar(),
                          "the band's upper frequency must lie above its lower one (" + band[0].Scalar() +
                              ")");
  }
  g.finish();
}

} // namespace

void read_power_dynamics(const YamlNode& node, MapReader& parent, dynamics::PowerDynamicsSpec& spec) {
  MapReader d(node, parent.path("power_dynamics"), parent.file(), parent.diagnostics());
  if (!d.is_map())
    return;
  spec.state_power.communication =
      d.quantity_or("communication_power", Dimension::ratio, spec.state_power.communication,
                    {.row = "Accelerator power in collectives"}, Range::share);
  spec.state_power.checkpoint =
      d.quantity_or("checkpoint_power", Dimension::ratio, spec.state_power.checkpoint,
                    {.row = "Accelerator power while checkpointing"}, Range::share);
  d.note_default("smoothing", {.row = "Accelerator power smoothing", .shown = "none"});
  if (const YamlNode n = d.node("smoothing", Need::optional, "a map of power_floor, ramp_up, ramp_down");
      n.IsDefined())
    read_smoothing(n, d, spec.smoothing);
  d.note_default("rack_storage", {.why = "a store only where the design has one", .shown = "none"});
  if (const YamlNode n = d.node("rack_storage", Need::optional, "a map of power, energy, round_trip");
      n.IsDefined())
    spec.rack_storage = read_storage(n, d, "rack_storage");
  d.note_default("facility_storage", {.why = "a store only where the design has one", .shown = "none"});
  if (const YamlNode n = d.node("facility_storage", Need::optional, "a map of power, energy, round_trip");
      n.IsDefined())
    spec.facility_storage = read_storage(n, d, "facility_storage");
  d.note_default("grid_limits", {.why = "no limit unless the operator states one", .shown = "none"});
  if (const YamlNode n = d.node("grid_limits", Need::optional, "a map of band, swing, ramp"); n.IsDefined())
    read_grid_limits(n, d, spec.grid);
  d.finish();
}

dynamics::LoadAcceptanceSpec read_step_acceptance(MapReader& r) {
  dynamics::LoadAcceptanceSpec spec; // high_bmep
  r.note_default("step_acceptance", {.row = "Genset step-load acceptance", .shown = "high_bmep"});
  const YamlNode n = r.node("step_acceptance", Need::optional,
                            "high_bmep, single_step, or a map of steps, frequency_dip, recovery and beyond");
  if (!n.IsDefined())
    return spec;
  if (n.IsScalar()) {
    if (n.Scalar() == "single_step")
      spec.step_fractions = {1.0};
    else if (n.Scalar() != "high_bmep")
      r.diagnostics().add(
          r.pos(n), r.path("step_acceptance"), n.Scalar(),
          "expected high_bmep, single_step, or a map of steps, frequency_dip, recovery and beyond");
    return spec;
  }
  MapReader a(n, r.path("step_acceptance"), r.file(), r.diagnostics());
  const YamlNode steps =
      a.node("steps", Need::optional, "a list of shares of the rating, such as [33 %, 23 %]");
  if (steps.IsDefined()) {
    spec.step_fractions.clear();
    double sum = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto v = a.scalar_quantity(steps[i], a.path("steps[" + std::to_string(i) + "]"), Dimension::ratio,
                                       Range::fraction);
      if (v) { // (0, 100 %]
        spec.step_fractions.push_back(*v);
        sum += *v;
      }
    }
    if (!steps.IsSequence() || steps.size() == 0 || sum < 1 - 1e-9) {
      char text[64];
      std::snprintf(text, sizeof text, "%.4g %%", 100 * sum);
      a.diagnostics().add(a.pos(steps), a.path("steps"), steps.IsSequence() ? text : steps.Scalar(),
                          "the steps must be a list adding up to at least 100 % (the plant's rating)");
    }
  }
  spec.frequency_dip_limit = a.quantity_or("frequency_dip", Dimension::ratio, spec.frequency_dip_limit,
                                           {.row = "Genset step-load acceptance"}, Range::fraction);
  spec.recovery_s = a.quantity_or("recovery", Dimension::time, spec.recovery_s,
                                  {.row = "Genset step-load acceptance"}, Range::non_negative);
  spec.trips_beyond = a.one_of_or("beyond", {"trip", "report"}, "trip",
                                  {.row = "Genset trip on a step beyond acceptance"}) == "trip";
  a.finish();
  return spec;
}

} // namespace aidcsim
