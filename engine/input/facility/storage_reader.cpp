// `facility.storage[]`: a battery energy storage system (models/power/battery_storage.hpp).
#include "engine/input/facility/kind_readers.hpp"
#include "models/dynamics/dynamics_spec.hpp"

namespace aidcsim {

void read_storage_item(ItemContext& c) {
  MapReader& r = c.r;
  power::BatteryStorageSpec s;
  s.id = read_id(c);
  s.fed_by = read_reference(c, "fed_by", s.id);
  power::BatteryStorageParams& p = s.params;
  p.power_kw = r.quantity("power", units::Dimension::power, Need::required).value_or(1e3) / 1e3;
  p.energy_kwh = r.quantity("energy", units::Dimension::energy, Need::required).value_or(3.6e6) / 3.6e6;
  p.round_trip = r.quantity_or("round_trip", units::Dimension::ratio, dynamics::default_storage_round_trip,
                               {.row = "Storage round-trip efficiency"}, Range::fraction);
  p.shave_above_kw = r.quantity_or("shave_above", units::Dimension::power, p.shave_above_kw * 1e3,
                                   {.why = "no peak shaving unless a threshold is given", .shown = "none"}) /
                     1e3;
  p.ride_through =
      r.one_of_or("ride_through", {"true", "false"}, "true",
                  {.why = "a store behind its input carries the load when the input is lost"}) == "true";
  r.finish();
  c.spec.storage.push_back(s);
}

} // namespace aidcsim
