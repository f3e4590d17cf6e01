#include "engine/input/facility/component_reader.hpp"

#include <cstdio>

namespace aidcsim {
namespace {

using units::Dimension;

// One [duration, cumulative fraction] pair of an empirical table, checked against the last.
bool read_table_point(MapReader& r, const YamlNode& point, const std::string& at,
                      std::vector<std::pair<double, double>>& points) {
  if (!point.IsSequence() || point.size() != 2) {
    r.diagnostics().add(r.pos(point), at, "", "expected a pair [duration, cumulative fraction]");
    return false;
  }
  const auto x = r.scalar_quantity(point[0], at, Dimension::time, Range::positive);
  const auto f = r.scalar_quantity(point[1], at, Dimension::ratio, Range::positive);
  if (!x || !f)
    return false;
  const double last_x = points.empty() ? 0 : points.back().first;
  const double last_f = points.empty() ? 0 : points.back().second;
  if (!(*x > last_x) || !(*f > last_f) || *f > 1.0) {
    r.diagnostics().add(r.pos(point), at, "",
                        "durations and cumulative fractions must both increase, fractions up to 1");
    return false;
  }
  points.emplace_back(*x, *f);
  return true;
}

std::optional<faults::DurationDistribution> read_empirical(MapReader& r) {
  const YamlNode table = r.node("table", Need::required, "a list of [duration, cumulative fraction] pairs");
  if (!table.IsDefined())
    return std::nullopt;
  if (!table.IsSequence()) {
    r.diagnostics().add(r.pos(table), r.path("table"), "", "expected a list of [duration, fraction] pairs");
    return std::nullopt;
  }
  std::vector<std::pair<double, double>> points;
  for (std::size_t i = 0; i < table.size(); ++i)
    if (!read_table_point(r, table[i], r.path("table") + "[" + std::to_string(i) + "]", points))
      return std::nullopt;
  if (points.empty())
    return std::nullopt;
  if (points.back().second != 1.0) {
    r.diagnostics().add(r.pos(table), r.path("table"), "", "the last cumulative fraction must be 1");
    return std::nullopt;
  }
  return faults::DurationDistribution::empirical(points);
}

constexpr double max_lognormal_sigma = 5.0;

std::optional<faults::DurationDistribution> read_parametric(MapReader& r, const std::string& kind) {
  if (kind == "exponential") {
    if (auto mean = r.quantity("mean", Dimension::time, Need::required))
      return faults::DurationDistribution::exponential(*mean);
  } else if (kind == "lognormal") {
    const auto median = r.quantity("median", Dimension::time, Need::required);
    auto sigma = r.quantity("sigma", Dimension::ratio, Need::required);
    // The mean is the median times exp(sigma^2 / 2): 270,000 times at 5, past any double at 38.
    // Published repair and outage durations have sigmas of 0.5 to 2 (docs/MODELS.md).
    if (sigma && *sigma > max_lognormal_sigma) {
      const YamlNode n = r.node("sigma", Need::optional);
      r.diagnostics().add(r.pos(n), r.path("sigma"), n.Scalar(),
                          "a lognormal sigma above 5 puts the mean over 270,000 times the median; "
                          "expected at most 5 (typical durations: 0.5 to 2)");
      sigma.reset();
    }
    if (median && sigma)
      return faults::DurationDistribution::lognormal(*median, *sigma);
  } else if (kind == "fixed") {
    if (auto value = r.quantity("value", Dimension::time, Need::required, Range::non_negative))
      return faults::DurationDistribution::fixed(*value);
  }
  return std::nullopt;
}

// For docs/SCENARIOS.md: every distribution's keys wherever a duration is read, those of the
// distributions not given too: each is required by its own distribution only.
void note_other_distributions(MapReader& r) {
  r.quantity("mean", Dimension::time, Need::optional);
  r.quantity("median", Dimension::time, Need::optional);
  r.quantity("sigma", Dimension::ratio, Need::optional);
  r.quantity("value", Dimension::time, Need::optional, Range::non_negative);
  r.node("table", Need::optional, "a list of [duration, cumulative fraction] pairs");
  for (const char* key : {"mean", "median", "sigma", "value", "table"})
    for (const Need need : {Need::required, Need::optional})
      KeySchema::active()->key(r.pattern_path(key), need, true, "");
}

} // namespace

std::string format_mw(double kw) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g MW", kw / 1e3);
  return buf;
}

std::string read_id(ItemContext& c) {
  const std::string id = c.r.string("id", Need::required).value_or("");
  if (!id.empty())
    c.pos.note(id, "", position_of(c.item, c.r.file()));
  return id;
}

std::string read_reference(ItemContext& c, const std::string& key, const std::string& id) {
  MapReader& r = c.r;
  const YamlNode n = r.node(key, Need::required, "the id of the component that feeds this one");
  if (!n.IsDefined())
    return "";
  if (!n.IsScalar()) {
    r.diagnostics().add(r.pos(n), r.path(key), "", "expected one component id");
    return "";
  }
  c.pos.note(id, key, r.pos(n));
  return n.Scalar();
}

faults::DurationDistribution read_duration(const YamlNode& node, MapReader& parent, const std::string& key) {
  MapReader r(node, parent.path(key), parent.file(), parent.diagnostics());
  faults::DurationDistribution d = faults::DurationDistribution::fixed(0);
  if (!r.is_map())
    return d;
  const auto kind =
      r.one_of("distribution", {"exponential", "lognormal", "empirical", "fixed"}, Need::required);
  if (!kind) {
    // The distribution was not recognised: accept its other keys silently, one error is enough.
    for (const char* other : {"mean", "median", "sigma", "value", "table"})
      r.node(other, Need::optional);
  } else if (auto read = *kind == "empirical" ? read_empirical(r) : read_parametric(r, *kind)) {
    d = *read;
  }
  if (KeySchema::active() != nullptr)
    note_other_distributions(r);
  r.finish();
  return d;
}

power::Interruptions read_interruptions(MapReader& parent, const std::string& key,
                                        const std::string& duration_key, bool group) {
  power::Interruptions out;
  const std::size_t errors_before = parent.diagnostics().size();
  const YamlNode node = parent.node(key, Need::optional);
  if (!node.IsDefined())
    return out;
  MapReader r(node, parent.path(key), parent.file(), parent.diagnostics());
  if (!r.is_map())
    return out;
  out.rate_per_s = r.quantity("rate", Dimension::rate, Need::required, Range::non_negative).value_or(0);
  // One event a minute is far beyond any published rate and keeps a run's event count bounded.
  if (out.rate_per_s > 1.0 / 60)
    r.diagnostics().add(r.pos(r.node("rate", Need::optional)), r.path("rate"),
                        r.node("rate", Need::optional).Scalar(), "at most 1 /min");
  if (group)
    out.common_cause_beta = read_probability(r, "common_cause", 0.0, common_cause_default);
  const YamlNode d = r.node(duration_key, Need::required, "a map with 'distribution'");
  if (d.IsDefined()) {
    out.duration = read_duration(d, r, duration_key);
    if (!(out.duration.mean_s() > 0) && r.diagnostics().size() == errors_before)
      r.diagnostics().add(r.pos(d), r.path(duration_key), "",
                          "durations must be longer than zero on average");
  }
  r.finish();
  return out;
}

power::Interruptions read_failures(ItemContext& c, const std::string& key,
                                   const power::Interruptions& typical, bool group) {
  MapReader& r = c.r;
  r.note_default(key, {.why = "docs/MODELS.md, Component failure data",
                       .shown = "none; the kind's typical figures with component_failures: typical"});
  const YamlNode node = r.node(key, Need::optional, "typical, none, or a map with rate and repair");
  if (!node.IsDefined())
    return c.spec.typical_failures ? typical : power::Interruptions{};
  if (node.IsScalar()) {
    const std::string word = node.Scalar();
    if (word == "typical")
      return typical;
    if (word != "none")
      r.diagnostics().add(r.pos(node), r.path(key), word,
                          "expected 'typical', 'none' or a map with 'rate' and 'repair'");
    power::Interruptions none;
    none.given = true;
    return none;
  }
  power::Interruptions i = read_interruptions(r, key, "repair", group);
  i.given = true;
  return i;
}

double read_probability(MapReader& r, const std::string& key, double default_value, const Default& d) {
  const double p = r.quantity_or(key, Dimension::ratio, default_value, d, Range::non_negative);
  if (p > 1)
    r.diagnostics().add(r.pos(r.node(key, Need::optional)), r.path(key), r.node(key, Need::optional).Scalar(),
                        "a probability must be at most 1 (100 %)");
  return p;
}

void read_start_retries(MapReader& r, double& fail_to_start, int& start_attempts, double& retry_delay_s,
                        const StartDefaults& d) {
  fail_to_start = read_probability(r, "fail_to_start", fail_to_start, d.fail_to_start);
  start_attempts =
      static_cast<int>(r.integer_or("start_attempts", 1, 100, start_attempts, d.attempts_and_delay));
  retry_delay_s =
      r.quantity_or("retry_delay", Dimension::time, retry_delay_s, d.attempts_and_delay, Range::non_negative);
}

power::LoadShedding read_load_shedding(MapReader& r) {
  const auto shedding =
      r.one_of_or("load_shedding", {"none", "priority"}, "none", {.row = "Genset plant short of its load"});
  return shedding == "priority" ? power::LoadShedding::priority : power::LoadShedding::none;
}

} // namespace aidcsim
