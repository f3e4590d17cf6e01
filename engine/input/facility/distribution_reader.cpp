// `facility.distribution[]`: a transformer, switchgear, PDU or busway.
#include "engine/input/facility/kind_readers.hpp"
#include "models/power/typical_failures.hpp"

namespace aidcsim {

void read_distribution_item(ItemContext& c) {
  MapReader& r = c.r;
  power::DistributionSpec d;
  d.id = read_id(c);
  const auto kind = r.one_of_or("kind", {"transformer", "switchgear", "pdu", "busway", "cable"}, "pdu", {});
  d.kind = kind == "transformer"  ? power::DistributionKind::transformer
           : kind == "switchgear" ? power::DistributionKind::switchgear
           : kind == "busway"     ? power::DistributionKind::busway
           : kind == "cable"      ? power::DistributionKind::cable
                                  : power::DistributionKind::pdu;
  d.fed_by = read_reference(c, "fed_by", d.id);
  d.rating_kw =
      r.quantity_or("rating", units::Dimension::power, 0, {.shown = "none: not a constraint"}) / 1e3;
  if (const YamlNode n = r.node("rating", Need::optional); n.IsDefined())
    c.pos.note(d.id, "rating", r.pos(n));
  d.failures = read_failures(c, "failures", power::typical_distribution_failures(d.kind));
  r.finish();
  c.spec.distribution.push_back(d);
}

} // namespace aidcsim

namespace aidcsim {

void check_distribution_ratings(SizingContext& c) {
  for (const auto& d : c.spec.distribution) {
    const double load = c.design_load_kw(d.id);
    if (d.rating_kw > 0 && d.rating_kw < load * (1 - 1e-9))
      c.diags.add(c.pos.of(d.id, "rating"), "facility." + d.id + ".rating", format_mw(d.rating_kw),
                  "below the " + format_mw(load) + " design load through this component");
  }
}

} // namespace aidcsim
