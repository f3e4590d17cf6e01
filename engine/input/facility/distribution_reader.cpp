// `facility.distribution[]`: a transformer, switchgear, PDU or busway.
#include "engine/input/facility/kind_readers.hpp"

namespace aidcsim {

void read_distribution_item(ItemContext& c) {
  MapReader& r = c.r;
  power::DistributionSpec d;
  d.id = read_id(c);
  const auto kind =
      r.one_of("kind", {"transformer", "switchgear", "pdu", "busway"}, Need::optional).value_or("pdu");
  d.kind = kind == "transformer"  ? power::DistributionKind::transformer
           : kind == "switchgear" ? power::DistributionKind::switchgear
           : kind == "busway"     ? power::DistributionKind::busway
                                  : power::DistributionKind::pdu;
  d.fed_by = read_reference(c, "fed_by", d.id);
  d.rating_kw = r.quantity("rating", units::Dimension::power, Need::optional).value_or(0) / 1e3;
  if (const YamlNode n = r.node("rating", Need::optional); n.IsDefined())
    c.pos.note(d.id, "rating", r.pos(n));
  d.failures = read_interruptions(r, "failures", "repair");
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
