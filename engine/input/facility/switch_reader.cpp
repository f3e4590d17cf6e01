// `facility.transfer_switches[]`: an ATS or STS (models/power/transfer_switch.hpp).
#include "engine/input/facility/kind_readers.hpp"
#include "models/power/typical_failures.hpp"

namespace aidcsim {

void read_switch_item(ItemContext& c) {
  using units::Dimension;
  MapReader& r = c.r;
  power::TransferSwitchSpec s;
  s.id = read_id(c);
  const auto kind = r.one_of_or("kind", {"ats", "sts"}, "ats", {});
  s.kind = kind == "sts" ? power::SwitchKind::sts : power::SwitchKind::ats;
  s.normal = read_reference(c, "normal", s.id);
  s.alternate = read_reference(c, "alternate", s.id);
  s.transfer_s = r.quantity_or("transfer_time", Dimension::time, power::default_transfer_s(s.kind),
                               {.why = "docs/MODELS.md: ATS transfer (open transition), STS transfer",
                                .shown = "100 ms (ats), 4 ms (sts)"},
                               Range::non_negative);
  s.retransfer_after_s = r.quantity_or("retransfer_after", Dimension::time, s.retransfer_after_s,
                                       {.row = "Retransfer to normal after"}, Range::non_negative);
  s.failures = read_failures(c, "failures", power::typical_switch_failures(s.kind));
  if (!s.normal.empty() && s.normal == s.alternate)
    r.diagnostics().add(r.pos(r.node("alternate", Need::optional)), r.path("alternate"), s.alternate,
                        "the alternate source must differ from the normal one");
  r.finish();
  c.spec.switches.push_back(s);
}

} // namespace aidcsim
