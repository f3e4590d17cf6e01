#include "engine/input/scenario.hpp"

#include "engine/input/cost_reader.hpp"
#include "engine/input/facility_loader.hpp"
#include "engine/input/file_kind.hpp"
#include "engine/input/policy_reader.hpp"
#include "engine/input/power_dynamics_reader.hpp"
#include "engine/input/workload_loader.hpp"
#include "engine/input/yaml_reader.hpp"
#include "models/cost/default_costs.hpp"

#include <charconv>
#include <cstdio>
#include <filesystem>

namespace aidcsim {

const std::vector<std::string>& workload_kinds() {
  static const std::vector<std::string> kinds{"full_load", "idle", "training", "inference"};
  return kinds;
}

namespace {

// Whether `target` appears more than once in the document (through an anchor and its aliases).
bool shared(const YamlNode& root, const YamlNode& target) {
  int seen = 0;
  std::vector<YamlNode> stack{root};
  while (!stack.empty() && seen < 2) {
    const YamlNode n = stack.back();
    stack.pop_back();
    if (n.is(target))
      ++seen;
    if (n.IsMap())
      for (auto it = n.begin(); it != n.end(); ++it)
        stack.push_back(it->second);
    else if (n.IsSequence())
      for (const auto& item : n)
        stack.push_back(item);
  }
  return seen > 1;
}

// "a.b[x].c" -> "a", "b", "[x]", "c".
std::vector<std::string> key_parts(const std::string& key) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : key) {
    if (c == '.' || c == '[') {
      if (!part.empty())
        parts.push_back(part);
      part.clear();
      if (c == '[')
        part.push_back('[');
    } else {
      part += c;
    }
  }
  if (!part.empty())
    parts.push_back(part);
  return parts;
}

// The item of a list selected by "[index]" or "[id]"; false (and an error) when there is none.
bool select_item(YamlNode& node, const std::string& p, bool last, const KeyOverride& o, Diagnostics& diags) {
  const std::string sel = p.substr(1, p.size() - (p.back() == ']' ? 2 : 1));
  if (!node.IsSequence()) {
    diags.add(o.where, o.key, "", "'" + p + "' selects a list item, but the scenario has no list there");
    return false;
  }
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(sel.data(), sel.data() + sel.size(), index);
  const bool by_index = ec == std::errc() && end == sel.data() + sel.size();
  for (std::size_t k = 0; k < node.size(); ++k) {
    const YamlNode item = node[k];
    if (!((by_index && index == k) || (item.IsMap() && item["id"] && item["id"].Scalar() == sel)))
      continue;
    if (last) {
      diags.add(o.where, o.key, "", "a key path must end at a key, not at a list item");
      return false;
    }
    node.reset(item);
    return true;
  }
  diags.add(o.where, o.key, "", "no list item with id or index '" + sel + "' in the scenario");
  return false;
}

// One key of the path: the value is set there (last), or the walk goes on below it.
bool step_into_key(YamlNode root, YamlNode& node, const std::string& p, bool last, const YamlNode& value,
                   const KeyOverride& o, Diagnostics& diags) {
  if (!node.IsMap()) {
    diags.add(o.where, o.key, "", "'" + p + "' is below a value that is not a map in the scenario");
    return false;
  }
  if (shared(root, node)) {
    diags.add(o.where, o.key, "",
              "the path goes through a YAML alias ('*'), shared with other places; write "
              "the value out in the base scenario");
    return false;
  }
  if (last) {
    // Remove first: assigning to an aliased value would rewrite every place that shares it.
    remove_key(node, p);
    set_key(node, p, graft(*root.tree(), value));
    return false;
  }
  if (!node[p]) {
    diags.add(o.where, o.key, "", "the scenario has no key '" + p + "' on this path");
    return false;
  }
  YamlNode next = node[p];
  node.reset(next);
  return true;
}

// Applies one override to the document; a key path that leads nowhere is an error at `where`.
void apply_override(YamlNode root, const KeyOverride& o, Diagnostics& diags) {
  YamlDocument value;
  try {
    value = parse_yaml_value(o.yaml_value);
  } catch (const YAML::Exception& e) {
    diags.add(o.where, o.key, o.yaml_value, "not a YAML value: " + e.msg);
    return;
  }
  const std::vector<std::string> parts = key_parts(o.key);
  YamlNode node;
  node.reset(root);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const bool last = i + 1 == parts.size();
    const bool go_on = parts[i].front() == '['
                           ? select_item(node, parts[i], last, o, diags)
                           : step_into_key(root, node, parts[i], last, value.root(), o, diags);
    if (!go_on)
      return;
  }
}

// `platform:`, resolved against the scenario's folder and checked to exist.
void read_platform(MapReader& top, const std::string& path, Scenario& s, Diagnostics& diags) {
  const YamlNode platform = top.node("platform", Need::required, "the path of a SimGrid platform .xml file");
  if (!platform.IsDefined())
    return;
  if (!platform.IsScalar() || platform.Scalar().empty()) {
    diags.add(top.pos(platform), "platform", "", "expected the path of a SimGrid platform .xml file");
    return;
  }
  namespace fs = std::filesystem;
  const fs::path written(platform.Scalar());
  const fs::path resolved = written.is_absolute() ? written : fs::path(path).parent_path() / written;
  s.platform_path = resolved.lexically_normal().string();
  std::error_code ec;
  if (written.extension() != ".xml")
    diags.add(top.pos(platform), "platform", platform.Scalar(),
              "expected a SimGrid platform file ending in .xml");
  else if (!fs::is_regular_file(resolved, ec))
    diags.add(top.pos(platform), "platform", platform.Scalar(),
              "platform file not found (looked for '" + s.platform_path +
                  "'; paths are relative to the scenario file's folder)");
}

void read_duration(MapReader& top, Scenario& s, Diagnostics& diags) {
  const YamlNode d = top.node("duration", Need::required, "a duration with a unit, such as 1 h");
  if (!d.IsDefined())
    return;
  const auto v = top.scalar_quantity(d, "duration", units::Dimension::time, Range::positive);
  if (!v)
    return;
  if (*v > max_duration_s)
    diags.add(top.pos(d), "duration", d.Scalar(), "longer than the 1000000 y a scenario may run");
  else if (*v < min_duration_s)
    diags.add(top.pos(d), "duration", d.Scalar(), "shorter than the 1 us a scenario must run");
  else
    s.duration_s = *v;
}

// `facility:`, `cooling:` and `faults:`; cooling and faults need a facility.
void read_power_and_cooling(MapReader& top, const std::string& path, Scenario& s, Diagnostics& diags) {
  top.note_default("facility", {.shown = "none: IT power only"});
  if (const YamlNode facility = top.node("facility", Need::optional); facility.IsDefined())
    read_facility(facility, top, s.facility, s.facility_positions, s.platform_path);
  if (const YamlNode cooling = top.node("cooling", Need::optional); cooling.IsDefined()) {
    if (s.facility.empty())
      diags.add(top.pos(cooling), "cooling", "",
                "cooling loops belong to a facility; add a 'facility:' section");
    else
      read_cooling(cooling, top, s.facility);
  }
  // Heat rejection capacity means a modelled facility water loop.
  if (!s.facility.facility_water)
    for (const auto& l : s.facility.loads)
      if (l.capacity_kw > 0)
        diags.add(s.facility_positions.find(l.id, "capacity").value_or(SourcePos{path, 0, 0}),
                  "facility." + l.id + ".capacity", "",
                  "a heat rejection capacity needs the facility water loop modelled: add 'cooling: "
                  "facility_water: {supply: ..., volume: ...}'");
  if (const YamlNode faults = top.node("faults", Need::optional); faults.IsDefined()) {
    if (s.facility.empty())
      diags.add(top.pos(faults), "faults", "", "faults act on a facility; add a 'facility:' section");
    else
      read_faults(faults, top, s.facility, s.faults, s.fault_starts);
  }
}

} // namespace

namespace {

// "5 h", "45 min", "1e-09 s": a time in the largest unit that reads well.
std::string seconds_text(double s) {
  char buf[48];
  if (s >= 86400 * 365.0)
    std::snprintf(buf, sizeof buf, "%.6g y", s / (86400 * 365.0));
  else if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%.6g h", s / 3600);
  else if (s >= 60)
    std::snprintf(buf, sizeof buf, "%.6g min", s / 60);
  else
    std::snprintf(buf, sizeof buf, "%.6g s", s);
  return buf;
}

// Training settings the model accepts but a person probably did not mean.
void training_warnings(const TrainingJobConfig& j, std::vector<Diagnostic>& out) {
  const int layers = j.model.layers, pp = j.pipeline;
  if (pp > 1 && layers % pp != 0) {
    const double even = static_cast<double>(layers) / pp;
    const int most = layers / pp + 1;
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "%d layers over %d pipeline stages: stages hold %d or %d layers, and the slowest sets the "
                  "step; the model spreads %.2f per stage, so its step is up to %.1f %% short (give a "
                  "multiple of %d)",
                  layers, pp, most, most - 1, even, 100 * (most / even - 1), pp);
    out.push_back({j.where, "workload.job.model.layers", std::to_string(layers), buf, true});
  }
  if (j.checkpoint_interval_s > 0 && j.checkpoint_interval_s < j.checkpoint_write_s)
    out.push_back({j.where, "workload.job.checkpoint.interval", seconds_text(j.checkpoint_interval_s),
                   "shorter than the checkpoint write (" + seconds_text(j.checkpoint_write_s) +
                       "): the job spends more time writing checkpoints than computing",
                   true});
}

} // namespace

std::vector<Diagnostic> scenario_warnings(const Scenario& s) {
  std::vector<Diagnostic> out = s.warnings;
  SourcePos last;
  for (std::size_t i = 0; i < s.faults.size(); ++i) {
    const SourcePos at = i < s.fault_starts.size() ? s.fault_starts[i] : SourcePos{s.file, 0, 0};
    if (s.faults[i].at_s < s.duration_s || (at.line == last.line && at.column == last.column && at.line > 0))
      continue; // one warning per item (a sag train is several faults)
    last = at;
    out.push_back({at, "faults.at", seconds_text(s.faults[i].at_s),
                   "at or after the run's end (" + seconds_text(s.duration_s) + "): this fault never happens",
                   true});
  }
  if (s.workload.job)
    training_warnings(*s.workload.job, out);
  return out;
}

namespace {

// The scenario of a loaded document; `diags` holds what loading it found.
// `power_dynamics:`: follows a training job's step, so it needs one.
void read_dynamics(MapReader& top, Scenario& s, Diagnostics& diags) {
  top.note_default("power_dynamics", {.shown = "none: racks draw their hosts' busy power"});
  const YamlNode n = top.node("power_dynamics", Need::optional, "a map (docs/SCENARIOS.md)");
  if (!n.IsDefined())
    return;
  if (!s.workload.job) {
    diags.add(top.pos(n), "power_dynamics", "",
              "power dynamics follow a training job's step; the workload (" +
                  (s.workload.kind.empty() ? std::string("none") : s.workload.kind) + ") runs no job");
    return;
  }
  if (s.workload.it_power != "hosts") {
    diags.add(top.pos(n), "power_dynamics", "",
              "power dynamics change what the racks' hosts draw; they need 'workload.it_power: hosts' (the "
              "workload has '" +
                  s.workload.it_power + "')");
    return;
  }
  s.power_dynamics.emplace();
  read_power_dynamics(n, top, *s.power_dynamics);
}

// `policies:`: they act on racks fed through UPS batteries, so they need a facility; a checkpoint
// needs a training job, a cap racks that draw their hosts' power.
void read_policies_of(MapReader& top, Scenario& s, Diagnostics& diags) {
  top.note_default("policies", {.shown = "none"});
  const YamlNode n =
      top.node("policies", Need::optional,
               "a map of checkpoint_on_battery, cap_on_battery, shed_on_battery, staged_restart");
  if (!n.IsDefined())
    return;
  read_policies(n, top, s.policies);
  const SourcePos at = top.pos(n);
  if (s.policies.any() && s.facility.empty())
    diags.add(at, "policies", "", "the policies act on racks on UPS batteries; the scenario has no facility");
  else if (s.policies.checkpoint && !s.workload.job)
    diags.add(at, "policies.checkpoint_on_battery", "",
              "a checkpoint needs a training job; the workload (" +
                  (s.workload.kind.empty() ? std::string("none") : s.workload.kind) + ") runs none");
  else if (s.policies.shed && !(s.policies.shed->workload == "inference" ? s.workload.inference.has_value()
                                                                         : s.workload.job.has_value()))
    diags.add(at, "policies.shed_on_battery.workload", s.policies.shed->workload,
              "the workload runs no " + s.policies.shed->workload + " to shed");
  else if (s.policies.staged_restart && (!s.power_dynamics || s.facility.gensets.empty()))
    diags.add(at, "policies.staged_restart", "true",
              "a staged restart brings the job's power up within its genset plants' acceptance; it needs "
              "power_dynamics: and a facility with gensets");
  else if (s.policies.cap_after_s && s.workload.it_power != "hosts")
    diags.add(
        at, "policies.cap_on_battery", "",
        "a cap lowers the racks' hosts' pstate; it needs 'workload.it_power: hosts' (the workload has '" +
            s.workload.it_power + "')");
}

// `cost:`: prices over the sourced defaults; tokens value downtime only where a job trains them.
void read_cost_of(MapReader& top, Scenario& s, Diagnostics& diags) {
  s.cost = cost::default_costs();
  top.note_default("cost", {.shown = "the defaults of docs/MODELS.md, Cost"});
  const YamlNode n = top.node("cost", Need::optional, "a map of prices (docs/SCENARIOS.md)");
  if (!n.IsDefined())
    return;
  read_cost(n, top, s.cost);
  if (s.cost.downtime_value == cost::DowntimeValue::tokens && !s.workload.job)
    diags.add(top.pos(n["downtime_value"]), "cost.downtime_value", "tokens",
              "tokens value the downtime of a training job; the workload (" +
                  (s.workload.kind.empty() ? std::string("none") : s.workload.kind) +
                  ") runs none (use accelerator_hours)");
}

Scenario read_scenario(const YamlDocument& document, const std::string& path,
                       const std::vector<KeyOverride>& overrides, Diagnostics& diags) {
  const SchemaScope scope("scenario");
  Scenario s;
  s.file = path;
  const YamlNode root = document.root();
  if (!diags.empty())
    throw InputError(std::move(diags));
  require_file_kind(root, path, FileKind::scenario);
  for (const auto& o : overrides)
    apply_override(root, o, diags);
  if (!diags.empty())
    throw InputError(std::move(diags));

  MapReader top(root, "", path, diags);
  s.name = top.string("name", Need::required).value_or("");
  if (s.name.size() > max_name_chars) {
    diags.add(top.pos(top.node("name", Need::optional)), "name", s.name.substr(0, 40) + "...",
              "a name of " + std::to_string(s.name.size()) + " characters; expected at most " +
                  std::to_string(max_name_chars) + " (it heads every report and file)");
    s.name.resize(max_name_chars);
  }
  s.description = top.string_or("description", "", {});
  read_platform(top, path, s, diags);
  read_duration(top, s, diags);
  // Seeds are unsigned 64-bit values; the YAML reader checks the range of a signed long long.
  s.seed = static_cast<std::uint64_t>(
      top.integer_or("seed", 0, 9223372036854775807LL, 1, {.row = "Default seed"}));
  const YamlNode workload =
      top.node("workload", Need::required, "a map with a 'kind' (full_load, idle, training or inference)");
  if (workload.IsDefined())
    read_workload(workload, top, s.workload);
  read_power_and_cooling(top, path, s, diags);
  read_dynamics(top, s, diags);
  read_policies_of(top, s, diags);
  read_cost_of(top, s, diags);
  top.finish();
  if (!diags.empty())
    throw InputError(std::move(diags));
  return s;
}

} // namespace

Scenario load_scenario(const std::string& path, const std::vector<KeyOverride>& overrides) {
  Diagnostics diags;
  const YamlDocument document = load_yaml_file(path, diags);
  return read_scenario(document, path, overrides, diags);
}

Scenario load_scenario_text(const std::string& text, const std::string& path) {
  Diagnostics diags;
  const YamlDocument document = load_yaml_text(text, path, diags);
  return read_scenario(document, path, {}, diags);
}

} // namespace aidcsim
