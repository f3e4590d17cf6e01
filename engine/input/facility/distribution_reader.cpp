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
  if (const YAML::Node n = r.node("rating", Need::optional); n.IsDefined())
    c.pos.note(d.id, "rating", r.pos(n));
  d.failures = read_interruptions(r, "failures", "repair");
  r.finish();
  c.spec.distribution.push_back(d);
}

} // namespace aidcsim
