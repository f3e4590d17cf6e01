// Quantities with units, as written in scenario and catalog files ("10 min", "1.5 MW", "87 C").
//
// Every quantity is parsed into one fixed internal unit per dimension, named in the API:
// seconds, watts, joules, degrees Celsius, bytes, bits per second, FLOP per second; money in US
// dollars, per kW and per kWh (the units prices are quoted in). Parsing is
// strict: the whole text must be a number followed by a unit allowed for the dimension, so "12abc",
// "10" (no unit) or "10 parsecs" are errors that say which units are allowed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aidcsim::units {

enum class Dimension {
  time,             // seconds
  power,            // watts
  energy,           // joules
  temperature,      // degrees Celsius
  data_size,        // bytes
  data_rate,        // bits per second
  compute_rate,     // FLOP per second
  ratio,            // plain fraction: "0.5" or "50 %"
  rate,             // events per second: "2 /y", "0.00157 /h"
  volume,           // litres: "100 L", "20 m3"
  ramp_rate,        // watts per second: "2 kW/s", "10 MW/min"
  frequency,        // hertz: "0.1 Hz", "20 Hz"
  money,            // US dollars: "41,700 USD" is written "41.7 kUSD" or "41700 $"
  money_per_power,  // US dollars per kW: "800 USD/kW", "1.2 MUSD/MW"
  money_per_energy, // US dollars per kWh: "0.081 USD/kWh", "81 $/MWh"
};

// Name of the dimension as shown in error messages ("a time", "a power").
std::string_view dimension_name(Dimension dim);

// Comma-separated list of the units accepted for a dimension, for error messages.
std::string allowed_units(Dimension dim);

struct ParseResult {
  std::optional<double> value; // in the dimension's internal unit; empty on error
  std::string error;           // why parsing failed, without file position
};

// Parses "<number> <unit>" (the space is optional). The number is a decimal floating-point literal
// as accepted by std::from_chars; a ratio may also be a bare number.
ParseResult parse(std::string_view text, Dimension dim);

// Shorthand for code and tests where the text is known to be valid; throws std::invalid_argument.
double parse_or_throw(std::string_view text, Dimension dim);

inline constexpr double seconds_per_minute = 60.0;
inline constexpr double seconds_per_hour = 3600.0;
inline constexpr double seconds_per_day = 86400.0;
inline constexpr double seconds_per_year = 365.0 * seconds_per_day; // a 365-day year, 8,760 h
inline constexpr double joules_per_kwh = 3.6e6;

} // namespace aidcsim::units
