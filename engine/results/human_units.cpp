#include "engine/results/human_units.hpp"

#include <cmath>
#include <cstdio>

namespace aidcsim {

std::string with_thousands(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(value));
  std::string digits(buf);
  const std::size_t point = digits.find('.');
  std::string whole = digits.substr(0, point), rest = point == std::string::npos ? "" : digits.substr(point);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0)
      grouped += ',';
    grouped += whole[i];
  }
  return (value < 0 && std::stod(digits) != 0 ? "-" : "") + grouped + rest;
}

std::string human_minutes(double minutes) {
  constexpr double hour = 60, day = 24 * hour, year = 365 * day;
  char buf[64];
  const double m = std::fabs(minutes);
  if (m == 0)
    return "0 min";
  if (m < 1)
    std::snprintf(buf, sizeof buf, "%.3g s", minutes * 60);
  else if (m < 2 * hour)
    std::snprintf(buf, sizeof buf, "%.1f min", minutes);
  else if (m < 2 * day)
    std::snprintf(buf, sizeof buf, "%.2f h", minutes / hour);
  else if (m < 2 * year)
    std::snprintf(buf, sizeof buf, "%.2f d", minutes / day);
  else
    return with_thousands(minutes / year, 2) + " y";
  return buf;
}

std::string human_minutes_per_year(double minutes) {
  char buf[64];
  if (minutes == 0)
    return "0 min/year";
  if (std::fabs(minutes) < 120)
    std::snprintf(buf, sizeof buf, "%.3g min/year", minutes);
  else
    std::snprintf(buf, sizeof buf, "%.3g h/year", minutes / 60);
  return buf;
}

std::string human_kwh(double kwh) {
  const double k = std::fabs(kwh);
  if (k < 1e3)
    return with_thousands(kwh, 1) + " kWh";
  if (k < 1e6)
    return with_thousands(kwh / 1e3, 3) + " MWh";
  if (k < 1e9)
    return with_thousands(kwh / 1e6, 3) + " GWh";
  return with_thousands(kwh / 1e9, 3) + " TWh";
}

std::string human_value(power::MetricUnit unit, double value) {
  char buf[64];
  switch (unit) {
  case power::MetricUnit::fraction:
    std::snprintf(buf, sizeof buf, "%.9f", value);
    return buf;
  case power::MetricUnit::ratio:
    std::snprintf(buf, sizeof buf, "%.3f", value);
    return buf;
  case power::MetricUnit::count:
    return with_thousands(value, 0);
  case power::MetricUnit::minutes:
    return human_minutes(value);
  case power::MetricUnit::minutes_per_year:
    return human_minutes_per_year(value);
  case power::MetricUnit::hours:
    return with_thousands(value, 1) + " h";
  case power::MetricUnit::kwh:
    return human_kwh(value);
  case power::MetricUnit::celsius:
    std::snprintf(buf, sizeof buf, "%.1f C", value);
    return buf;
  case power::MetricUnit::years:
    return with_thousands(value, value < 10 ? 4 : 0) + " y";
  }
  return std::to_string(value);
}

} // namespace aidcsim
