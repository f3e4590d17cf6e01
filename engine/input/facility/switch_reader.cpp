// `facility.transfer_switches[]`: an ATS or STS (models/power/transfer_switch.hpp).
#include "engine/input/facility/kind_readers.hpp"
#include "models/power/typical_failures.hpp"

namespace aidcsim {

void read_switch_item(ItemContext& c) {
  using units::Dimension;
  MapReader& r = c.r;
  power::TransferSwitchSpec s;
  s.id = read_id(c);
  const auto kind = r.one_of("kind", {"ats", "sts"}, Need::optional).value_or("ats");
  s.kind = kind == "sts" ? power::SwitchKind::sts : power::SwitchKind::ats;
  s.normal = read_reference(c, "normal", s.id);
  s.alternate = read_reference(c, "alternate", s.id);
  s.transfer_s = r.quantity("transfer_time", Dimension::time, Need::optional, Range::non_negative)
                     .value_or(power::default_transfer_s(s.kind));
  s.retransfer_after_s = r.quantity("retransfer_after", Dimension::time, Need::optional, Range::non_negative)
                             .value_or(s.retransfer_after_s);
  s.failures = read_failures(c, "failures", power::typical_switch_failures(s.kind));
  if (!s.normal.empty() && s.normal == s.alternate)
    r.diagnostics().add(r.pos(r.node("alternate", Need::optional)), r.path("alternate"), s.alternate,
                        "the alternate source must differ from the normal one");
  r.finish();
  c.spec.switches.push_back(s);
}

} // namespace aidcsim
