#include "engine/input/policy_reader.hpp"

namespace aidcsim {

using units::Dimension;

namespace {

constexpr const char* policy_forms = "true, false, or a map of its settings, such as {after: 30 s}";
constexpr const char* switch_forms =
    "true or false (its stages come from the genset plants' step_acceptance)";

// One policy: absent or false leaves it off (nullopt); true, its defaults; a map, its reader.
template <class Read>
auto read_policy(MapReader& p, const std::string& key, Read read, const char* forms = policy_forms)
    -> std::optional<decltype(read(p))> {
  p.note_default(key, {.why = "a policy only where the scenario asks for it", .shown = "off"});
  const YamlNode n = p.node(key, Need::optional, forms);
  if (!n.IsDefined())
    return std::nullopt;
  if (n.IsScalar() && n.Scalar() == "false")
    return std::nullopt;
  if (n.IsScalar() && n.Scalar() != "true") {
    p.diagnostics().add(p.pos(n), p.path(key), n.Scalar(), std::string("expected ") + forms);
    return std::nullopt;
  }
  // `true` reads as an empty map: every default.
  MapReader m(n.IsScalar() ? YamlNode() : n, p.path(key), p.file(), p.diagnostics());
  auto value = read(m);
  m.finish();
  return value;
}

double read_after(MapReader& m) {
  return m.quantity_or("after", Dimension::time, 0.0,
                       {.why = "act at the transfer to battery unless told to wait"}, Range::non_negative);
}

workload::CheckpointOnBattery read_checkpoint(MapReader& m) {
  workload::CheckpointOnBattery c;
  c.after_s = read_after(m);
  const std::string last = m.one_of_or("before_empty", {"true", "false"}, "true",
                                       {.why = "the work done on battery is saved unless told otherwise"});
  c.before_empty = last == "true";
  c.margin_s =
      m.quantity_or("margin", Dimension::time, c.margin_s,
                    {.why = "a reserve for the estimate of the battery's runtime"}, Range::non_negative);
  return c;
}

workload::ShedOnBattery read_shed(MapReader& m) {
  workload::ShedOnBattery shed;
  shed.workload = m.one_of("workload", {"inference", "training"}, Need::required).value_or("");
  shed.after_s = read_after(m);
  return shed;
}

} // namespace

void read_policies(const YamlNode& node, MapReader& parent, workload::BatteryPolicySpec& spec) {
  MapReader p(node, parent.path("policies"), parent.file(), parent.diagnostics());
  if (!p.is_map())
    return;
  spec.checkpoint = read_policy(p, "checkpoint_on_battery", read_checkpoint);
  spec.cap_after_s = read_policy(p, "cap_on_battery", read_after);
  spec.shed = read_policy(p, "shed_on_battery", read_shed);
  if (spec.shed && spec.shed->workload.empty() && p.node("shed_on_battery", Need::optional).IsScalar())
    p.diagnostics().add(p.pos(p.node("shed_on_battery", Need::optional)), p.path("shed_on_battery"), "true",
                        "say which workload's racks to shed: {workload: inference} or {workload: training}");
  spec.staged_restart = read_policy(
                            p, "staged_restart", [](MapReader&) { return true; }, switch_forms)
                            .has_value();
  p.finish();
}

} // namespace aidcsim
