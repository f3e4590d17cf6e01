#include "engine/input/key_schema.hpp"

#include <cmath>
#include <cstdio>

namespace aidcsim {
namespace {

std::string number(double v, const char* unit) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6g%s%s", v, *unit != '\0' ? " " : "", unit);
  return buf;
}

// The largest unit that gives a whole number, else seconds.
std::string time_text(double s) {
  constexpr std::pair<double, const char*> steps[] = {{units::seconds_per_year, "y"},
                                                      {units::seconds_per_day, "d"},
                                                      {units::seconds_per_hour, "h"},
                                                      {units::seconds_per_minute, "min"},
                                                      {1.0, "s"},
                                                      {1e-3, "ms"}};
  for (const auto& [unit, name] : steps) {
    const double v = s / unit;
    if (v >= 1 && std::abs(v - std::round(v)) < 1e-9 * v)
      return number(std::round(v), name);
  }
  return number(s, "s");
}

std::string scaled(double v, const char* base, const char* kilo, const char* mega) {
  if (std::abs(v) >= 1e6)
    return number(v / 1e6, mega);
  if (std::abs(v) >= 1e3)
    return number(v / 1e3, kilo);
  return number(v, base);
}

} // namespace

std::string KeySchema::quantity_text(double si, units::Dimension dim, Range range) {
  using units::Dimension;
  switch (dim) {
  case Dimension::time:
    return time_text(si);
  case Dimension::power:
    return scaled(si, "W", "kW", "MW");
  case Dimension::energy:
    return number(si / units::joules_per_kwh, "kWh");
  case Dimension::temperature:
    return number(si, "C");
  case Dimension::volume:
    return si >= 1000 ? number(si / 1000, "m3") : number(si, "L");
  case Dimension::rate:
    return si == 0 ? "0" : number(si * units::seconds_per_hour, "/h");
  case Dimension::ratio:
    return range == Range::fraction || range == Range::share ? number(si * 100, "%") : number(si, "");
  case Dimension::data_size:
    return number(si, "B");
  case Dimension::data_rate:
    return number(si, "b/s");
  case Dimension::compute_rate:
    return number(si, "FLOP/s");
  case Dimension::ramp_rate:
    return scaled(si, "W/s", "kW/s", "MW/s");
  case Dimension::frequency:
    return number(si, "Hz");
  case Dimension::money:
    return scaled(si, "USD", "kUSD", "MUSD");
  case Dimension::money_per_power:
    return number(si, "USD/kW");
  case Dimension::money_per_energy:
    return number(si, "USD/kWh");
  }
  return number(si, "");
}

std::string KeySchema::pattern_of(std::string_view path) {
  std::string out;
  bool in_brackets = false;
  for (char c : path) {
    if (c == '[') {
      in_brackets = true;
      out += "[]";
    } else if (c == ']') {
      in_brackets = false;
    } else if (!in_brackets) {
      out += c;
    }
  }
  return out;
}

void KeySchema::key(const std::string& path, Need need, bool first, std::string expected) {
  KeyRecord& r = at(path);
  // Later lookups of a key in the same map only look at what the first one read.
  if (first)
    (need == Need::required ? r.required : r.optional) = true;
  if (!expected.empty())
    r.types.insert(std::move(expected));
}

void KeySchema::item_type(const std::string& path, std::string type) {
  at(path).item_types.insert(std::move(type));
}

void KeySchema::range(const std::string& path, std::string range) {
  at(path).ranges.insert(std::move(range));
}

void KeySchema::default_value(const std::string& path, std::string shown, const Default& d) {
  KeyRecord& r = at(path);
  r.defaults.insert(d.shown.empty() ? std::move(shown) : std::string(d.shown));
  if (!d.row.empty()) {
    r.sources.insert("docs/MODELS.md: " + std::string(d.row));
    r.models_rows.insert(std::string(d.row));
  }
  if (!d.why.empty())
    r.sources.insert(std::string(d.why));
}

} // namespace aidcsim
