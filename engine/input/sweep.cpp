#include "engine/input/sweep.hpp"
#include "engine/input/file_kind.hpp"

#include "engine/base/random_stream.hpp"
#include "engine/base/text_distance.hpp"
#include "engine/base/units.hpp"
#include "engine/input/yaml_reader.hpp"
#include "models/power/facility_metrics.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace aidcsim {
namespace {

std::string yaml_text(const YamlNode& n) {
  if (n.IsScalar())
    return n.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << to_yaml_cpp(n);
  return out.c_str();
}

// Dotted keys, each optionally followed by one [selector]: "facility.ups[ups-a].battery.runtime".
bool valid_key_path(const std::string& key) {
  if (key.empty())
    return false;
  bool in_brackets = false, segment_empty = true, after_bracket = false;
  for (char c : key) {
    if (in_brackets) {
      if (c == ']') {
        in_brackets = false;
        after_bracket = true;
      } else if (c == '[' || c == '.') {
        return false;
      }
      continue;
    }
    if (c == '.') {
      if (segment_empty)
        return false;
      segment_empty = true;
      after_bracket = false;
    } else if (c == '[') {
      if (segment_empty || after_bracket)
        return false;
      in_brackets = true;
    } else if (c == ']' || after_bracket) {
      return false;
    } else {
      segment_empty = false;
    }
  }
  return !in_brackets && !segment_empty;
}

// FNV-1a of a file's bytes, in hex.
std::string file_digest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash_name(bytes)));
  return hex;
}

} // namespace

const std::vector<std::string>& estimator_metric_names() {
  static const std::vector<std::string> names = {
      "availability.it_downtime_min_per_year.value", "availability.unavailability.value",
      "availability.it_loss_episodes_per_year.value", "availability.relative_error"};
  return names;
}

const std::vector<std::string>& sweep_metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n{"it_energy_kwh", "mean_it_power_kw"};
    for (const auto& m : power::facility_metrics()) // the facility's headlines, from its metric table
      if (m.sweep)
        n.emplace_back(m.key);
    // AI workload runs (flattened from the run's "workload" section)
    for (const char* w : {"training.training_goodput", "training.job_availability", "training.tokens_trained",
                          "training.effective_tokens_per_s", "training.energy_per_million_tokens_kwh",
                          "inference.served_fraction", "inference.below_slo_min"})
      n.emplace_back(w);
    // Every run's cost (flattened from its "cost" section)
    for (const char* c : {"cost.annual_usd.total", "cost.annual_usd.design", "cost.annual_usd.downtime",
                          "cost.capex_usd", "cost.usd_per_million_tokens"})
      n.emplace_back(c);
    return n;
  }();
  return names;
}

std::uint64_t sweep_seed(const std::string& sweep_name, const std::string& point_label, int replication) {
  // A RandomStream seeded by the run's identity; its first draw is the seed.
  RandomStream s(hash_name(sweep_name), point_label + "|" + std::to_string(replication));
  return s.next_u64() >> 1; // 63 bits: fits a signed 64-bit integer (SQLite, the CLI)
}

Scenario Sweep::scenario_for(const SweepRun& run) const {
  Scenario s = load_scenario(base, points[run.point].overrides);
  s.seed = run.seed;
  if (duration_s > 0)
    s.duration_s = duration_s;
  return s;
}

namespace {

void read_base(MapReader& top, const std::string& path, Sweep& sw, Diagnostics& diags) {
  const YamlNode base = top.node("base", Need::required, "the path of the base scenario");
  if (!base.IsDefined())
    return;
  namespace fs = std::filesystem;
  const fs::path written(base.IsScalar() ? base.Scalar() : "");
  sw.base =
      (written.is_absolute() ? written : fs::path(path).parent_path() / written).lexically_normal().string();
  std::error_code ec;
  if (!base.IsScalar() || !fs::is_regular_file(sw.base, ec))
    diags.add(top.pos(base), "base", base.IsScalar() ? base.Scalar() : "",
              "base scenario not found (paths are relative to the sweep file)");
}

// One axis: a key path and its list of values; false (with an error) when it cannot be one.
bool read_axis(MapReader& top, const YamlNode& key, const YamlNode& values, const Sweep& sw,
               std::set<std::string>& keys, SweepAxis& axis, Diagnostics& diags) {
  axis.key = key.IsScalar() ? key.Scalar() : "";
  if (!valid_key_path(axis.key)) {
    diags.add(top.pos(key), "axes", axis.key,
              "not a scenario key path; expected dotted keys with [id] or [index] for list items, such as "
              "facility.ups[ups-a].battery.runtime");
    return false;
  }
  if (!keys.insert(axis.key).second) {
    diags.add(top.pos(key), "axes." + axis.key, "", "the same axis twice");
    return false;
  }
  if (axis.key == "seed" || (axis.key == "duration" && sw.duration_s > 0)) {
    diags.add(top.pos(key), "axes." + axis.key, "",
              axis.key == "seed" ? "the batch sets every run's seed (a hash of the run's identity); "
                                   "use replications for more samples"
                                 : "'years' sets every run's duration; remove one of them");
    return false;
  }
  if (!values.IsSequence() || values.size() == 0) {
    diags.add(top.pos(values), "axes." + axis.key, "", "expected a non-empty list of values");
    return false;
  }
  for (const auto& v : values) {
    const std::string text = yaml_text(v);
    const auto same = std::find(axis.values.begin(), axis.values.end(), text);
    if (same != axis.values.end()) { // two identical points: twice the runs, one point's weight doubled
      const SourcePos& first = axis.positions[static_cast<std::size_t>(same - axis.values.begin())];
      diags.add(top.pos(v), "axes." + axis.key, text,
                "the same value twice (first at line " + std::to_string(first.line) + "); each value once");
      continue;
    }
    axis.values.push_back(text);
    axis.positions.push_back(top.pos(v));
  }
  return true;
}

void read_axes(MapReader& top, Sweep& sw, Diagnostics& diags) {
  const YamlNode axes = top.node("axes", Need::optional, "a map of scenario key paths to lists of values");
  if (!axes.IsDefined())
    return;
  if (!axes.IsMap()) {
    diags.add(top.pos(axes), "axes", "", "expected a map of scenario key paths to lists of values");
    return;
  }
  std::set<std::string> keys;
  for (auto it = axes.begin(); it != axes.end(); ++it) {
    SweepAxis axis;
    if (read_axis(top, it->first, it->second, sw, keys, axis, diags))
      sw.axes.push_back(axis);
  }
}

// Each axis value alone must make a valid scenario: errors point at the value in the sweep.
void check_axis_values(const Sweep& sw, const std::string& path, Diagnostics& diags) {
  for (const auto& axis : sw.axes)
    for (std::size_t v = 0; v < axis.values.size(); ++v) {
      try {
        load_scenario(sw.base, {{axis.key, axis.values[v], axis.positions[v]}});
      } catch (const InputError& e) {
        for (const auto& d : e.diagnostics().items())
          // The value's own error reads as is; anything else is the base scenario's, with its place.
          diags.add(axis.positions[v], "axes." + axis.key, axis.values[v],
                    d.value == axis.values[v] || d.pos.file == path
                        ? d.message
                        : "makes the base scenario invalid: " + d.format());
      }
    }
}

// Point p of the expansion: the first axis varies slowest.
SweepPoint point_at(const Sweep& sw, std::size_t p) {
  SweepPoint point;
  point.index = static_cast<int>(p);
  std::size_t rest = p;
  std::vector<std::size_t> choice(sw.axes.size());
  for (std::size_t a = sw.axes.size(); a-- > 0;) {
    choice[a] = rest % sw.axes[a].values.size();
    rest /= sw.axes[a].values.size();
  }
  for (std::size_t a = 0; a < sw.axes.size(); ++a) {
    const auto& axis = sw.axes[a];
    point.overrides.push_back({axis.key, axis.values[choice[a]], axis.positions[choice[a]]});
    if (a > 0)
      point.label += ", ";
    point.label += axis.key;
    point.label += '=';
    point.label += axis.values[choice[a]];
  }
  return point;
}

void expand_points(Sweep& sw, const std::string& path, Diagnostics& diags) {
  constexpr std::size_t max_runs = 10000000;
  std::size_t count = 1;
  for (const auto& a : sw.axes) {
    count *= a.values.size(); // at most 10,000,000 x a list length: no overflow before the check
    if (count * static_cast<std::size_t>(sw.replications) > max_runs)
      throw_input_error(SourcePos{path, 0, 0}, "axes", "", "more than 10,000,000 runs");
  }
  for (std::size_t p = 0; p < count; ++p) {
    SweepPoint point = point_at(sw, p);
    // Combinations can fail where single values did not (a capacity below a design load).
    try {
      load_scenario(sw.base, point.overrides);
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics().items())
        diags.add(point.overrides.empty() ? SourcePos{path, 0, 0} : point.overrides.back().where, "axes",
                  point.label, "this combination makes the base scenario invalid: " + d.format());
    }
    sw.points.push_back(point);
  }
}

// The identity covers the files' contents too: resuming after the base scenario or a platform
// changed would mix results of two different models.
std::string fingerprint(const Sweep& sw) {
  std::string identity = sw.name + "\n" + sw.base + "\n" + std::to_string(sw.replications) + "\n" +
                         std::to_string(sw.duration_s) + "\n" + file_digest(sw.base) + "\n";
  if (!sw.estimator.empty()) // kept out of older sweeps' identity, so their databases still resume
    identity += "estimator " + sw.estimator + "\n";
  if (sw.common_seeds)
    identity += "seeds common\n";
  std::set<std::string> platforms;
  for (const auto& p : sw.points) {
    identity += p.label + "\n";
    platforms.insert(load_scenario(sw.base, p.overrides).platform_path);
  }
  for (const auto& platform : platforms)
    identity += platform + " " + file_digest(platform) + "\n";
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash_name(identity)));
  return hex;
}

// The sweep of a loaded document; `diags` holds what loading it found.
Sweep read_sweep(const YamlDocument& document, const std::string& path, Diagnostics& diags) {
  const SchemaScope scope("sweep");
  Sweep sw;
  sw.file = path;
  const YamlNode root = document.root();
  if (!diags.empty())
    throw InputError(std::move(diags));
  require_file_kind(root, path, FileKind::sweep);
  MapReader top(root, "", path, diags);
  sw.name = top.string("name", Need::required).value_or("");
  read_base(top, path, sw, diags);
  sw.replications = static_cast<int>(top.integer_or("replications", 1, 1000000, 1, {}));
  top.note_default("years", {.shown = "the base scenario's duration"});
  if (const YamlNode y = top.node("years", Need::optional, "a number of years per run"); y.IsDefined()) {
    if (auto years = top.scalar_quantity(y, "years", units::Dimension::ratio, Range::positive)) {
      sw.duration_s = *years * units::seconds_per_year;
      if (sw.duration_s > max_duration_s)
        diags.add(top.pos(y), "years", y.Scalar(), "at most 1000000 years per replication");
    }
  }
  sw.estimator =
      top.one_of_or("estimator", {"mc", "is"}, "", {.shown = "none: one run per point and replication"});
  if (!sw.estimator.empty() && diags.empty()) {
    // What --estimator needs (engine/sim/availability_run.hpp), checked before any run.
    const Scenario base = load_scenario(sw.base);
    const YamlNode e = top.node("estimator", Need::optional);
    if (base.facility.empty())
      diags.add(top.pos(e), "estimator", sw.estimator,
                "estimates a facility's availability; the base scenario has no facility");
    if (!base.faults.empty())
      diags.add(top.pos(e), "estimator", sw.estimator,
                "estimates steady-state availability; the base scenario has scheduled faults");
  }
  const Default metric{.shown = "it_downtime_min_per_year, or availability.it_downtime_min_per_year.value "
                                "with an estimator"};
  sw.metric = sw.estimator.empty()
                  ? top.one_of_or("metric", sweep_metric_names(), "it_downtime_min_per_year", metric)
                  : top.one_of_or("metric", estimator_metric_names(),
                                  "availability.it_downtime_min_per_year.value", metric);
  // Common random numbers: replication r has one seed at every point, so points that differ by a
  // design choice (a policy, a sizing) meet the same failures and differ by that choice alone.
  sw.common_seeds = top.one_of_or("seeds", {"per_point", "common"}, "per_point",
                                  {.why = "independent points, as a sweep over chance needs"}) == "common";
  read_axes(top, sw, diags);
  top.finish();
  if (!diags.empty())
    throw InputError(std::move(diags));
  check_axis_values(sw, path, diags);
  if (!diags.empty())
    throw InputError(std::move(diags));
  expand_points(sw, path, diags);
  if (!diags.empty())
    throw InputError(std::move(diags));
  for (const auto& point : sw.points)
    for (int r = 0; r < sw.replications; ++r)
      sw.runs.push_back(
          {std::string("p").append(std::to_string(point.index)).append("-r").append(std::to_string(r)),
           point.index, r, sweep_seed(sw.name, sw.common_seeds ? std::string() : point.label, r)});
  sw.fingerprint = fingerprint(sw);
  // The base scenario's doubts, at the duration every run gets.
  Scenario base = load_scenario(sw.base);
  if (sw.duration_s > 0)
    base.duration_s = sw.duration_s;
  sw.warnings = scenario_warnings(base);
  return sw;
}

} // namespace

Sweep load_sweep(const std::string& path) {
  Diagnostics diags;
  const YamlDocument document = load_yaml_file(path, diags);
  return read_sweep(document, path, diags);
}

Sweep load_sweep_text(const std::string& text, const std::string& path) {
  Diagnostics diags;
  const YamlDocument document = load_yaml_text(text, path, diags);
  return read_sweep(document, path, diags);
}

} // namespace aidcsim
