// Figures for people: thousands separators and the scale a reader expects (s / min / h / d / y,
// kWh / MWh / GWh / TWh). The JSON keeps full precision; these are for the text output only.
#pragma once

#include "models/power/facility_metrics.hpp"

#include <string>

namespace aidcsim {

// 1234567.891 -> "1,234,567.9" (decimals digits after the point).
std::string with_thousands(double value, int decimals);
// A duration given in minutes, at its scale: "42 s", "12.5 min", "3.2 h", "4.1 d", "2.3 y".
std::string human_minutes(double minutes);
// 0.22 -> "0.220 min/year"; 150 -> "2.50 h/year"; 0 -> "0 min/year".
std::string human_minutes_per_year(double minutes);
// 522 -> "522.0 kWh"; 4650 -> "4.650 MWh"; 1.36e10 -> "13.58 TWh".
std::string human_kwh(double kwh);
// A metric's value in its unit, for the text output.
std::string human_value(power::MetricUnit unit, double value);

} // namespace aidcsim
