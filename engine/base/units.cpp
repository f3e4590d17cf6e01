#include "engine/base/units.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <stdexcept>

namespace aidcsim::units {
namespace {

struct UnitDef {
  std::string_view symbol;
  double scale;        // multiply the number by this to get the internal unit
  double offset = 0.0; // then add this (only temperatures in kelvin use it)
};

// Decimal prefixes only where the unit is commonly written with them. Binary prefixes (KiB, GiB)
// for data sizes because memory capacities are sometimes quoted that way.
constexpr std::array time_units{
    UnitDef{"ns", 1e-9},  UnitDef{"us", 1e-6},  UnitDef{"ms", 1e-3},   UnitDef{"s", 1.0},
    UnitDef{"min", 60.0}, UnitDef{"h", 3600.0}, UnitDef{"d", 86400.0}, UnitDef{"y", 365 * 86400.0},
};
constexpr std::array power_units{
    UnitDef{"W", 1.0},
    UnitDef{"kW", 1e3},
    UnitDef{"MW", 1e6},
    UnitDef{"GW", 1e9},
};
constexpr std::array energy_units{
    UnitDef{"J", 1.0},     UnitDef{"kJ", 1e3},     UnitDef{"MJ", 1e6},
    UnitDef{"GJ", 1e9},    UnitDef{"Wh", 3.6e3},   UnitDef{"kWh", 3.6e6},
    UnitDef{"MWh", 3.6e9}, UnitDef{"GWh", 3.6e12}, UnitDef{"TWh", 3.6e15},
};
constexpr std::array temperature_units{
    UnitDef{"C", 1.0},
    UnitDef{"K", 1.0, -273.15},
};
constexpr std::array data_size_units{
    UnitDef{"B", 1.0},
    UnitDef{"kB", 1e3},
    UnitDef{"MB", 1e6},
    UnitDef{"GB", 1e9},
    UnitDef{"TB", 1e12},
    UnitDef{"PB", 1e15},
    UnitDef{"KiB", 1024.0},
    UnitDef{"MiB", 1048576.0},
    UnitDef{"GiB", 1073741824.0},
    UnitDef{"TiB", 1099511627776.0},
};
constexpr std::array data_rate_units{
    UnitDef{"b/s", 1.0},   UnitDef{"kb/s", 1e3},  UnitDef{"Mb/s", 1e6},  UnitDef{"Gb/s", 1e9},
    UnitDef{"Tb/s", 1e12}, UnitDef{"B/s", 8.0},   UnitDef{"kB/s", 8e3},  UnitDef{"MB/s", 8e6},
    UnitDef{"GB/s", 8e9},  UnitDef{"TB/s", 8e12}, UnitDef{"PB/s", 8e15},
};
constexpr std::array compute_rate_units{
    UnitDef{"FLOPS", 1.0},   UnitDef{"GFLOPS", 1e9},  UnitDef{"TFLOPS", 1e12},
    UnitDef{"PFLOPS", 1e15}, UnitDef{"EFLOPS", 1e18},
};
// A ramp: how fast a power changes (NVIDIA's driver sets GPU ramps in W/s; grid operators state
// them per minute).
constexpr std::array ramp_rate_units{
    UnitDef{"W/s", 1.0},         UnitDef{"kW/s", 1e3},        UnitDef{"MW/s", 1e6},
    UnitDef{"kW/min", 1e3 / 60}, UnitDef{"MW/min", 1e6 / 60},
};
constexpr std::array frequency_units{
    UnitDef{"mHz", 1e-3},
    UnitDef{"Hz", 1.0},
    UnitDef{"kHz", 1e3},
};
constexpr std::array rate_units{
    UnitDef{"/s", 1.0},
    UnitDef{"/min", 1.0 / 60},
    UnitDef{"/h", 1.0 / 3600},
    UnitDef{"/d", 1.0 / 86400},
    UnitDef{"/y", 1.0 / (365 * 86400.0)},
};
constexpr std::array volume_units{
    UnitDef{"L", 1.0},
    UnitDef{"m3", 1e3},
};
// Prices as they are quoted: dollars, per kW of capacity, per kWh of energy ("$" and "USD" alike).
constexpr std::array money_units{
    UnitDef{"USD", 1.0}, UnitDef{"kUSD", 1e3}, UnitDef{"MUSD", 1e6}, UnitDef{"BUSD", 1e9},
    UnitDef{"$", 1.0},   UnitDef{"k$", 1e3},   UnitDef{"M$", 1e6},   UnitDef{"B$", 1e9},
};
constexpr std::array money_per_power_units{
    UnitDef{"USD/W", 1e3},   UnitDef{"USD/kW", 1.0}, UnitDef{"USD/MW", 1e-3}, UnitDef{"kUSD/MW", 1.0},
    UnitDef{"MUSD/MW", 1e3}, UnitDef{"$/W", 1e3},    UnitDef{"$/kW", 1.0},    UnitDef{"$/MW", 1e-3},
    UnitDef{"k$/MW", 1.0},   UnitDef{"M$/MW", 1e3},
};
constexpr std::array money_per_energy_units{
    UnitDef{"USD/kWh", 1.0},
    UnitDef{"USD/MWh", 1e-3},
    UnitDef{"$/kWh", 1.0},
    UnitDef{"$/MWh", 1e-3},
};
constexpr std::array ratio_units{
    UnitDef{"%", 0.01},
};

template <std::size_t N> std::string join(const std::array<UnitDef, N>& defs) {
  std::string out;
  for (const auto& d : defs) {
    if (!out.empty())
      out += ", ";
    out += d.symbol;
  }
  return out;
}

template <std::size_t N>
const UnitDef* find_unit(const std::array<UnitDef, N>& defs, std::string_view symbol) {
  for (const auto& d : defs)
    if (d.symbol == symbol)
      return &d;
  return nullptr;
}

const UnitDef* lookup(Dimension dim, std::string_view symbol) {
  switch (dim) {
  case Dimension::time:
    return find_unit(time_units, symbol);
  case Dimension::power:
    return find_unit(power_units, symbol);
  case Dimension::energy:
    return find_unit(energy_units, symbol);
  case Dimension::temperature:
    return find_unit(temperature_units, symbol);
  case Dimension::data_size:
    return find_unit(data_size_units, symbol);
  case Dimension::data_rate:
    return find_unit(data_rate_units, symbol);
  case Dimension::compute_rate:
    return find_unit(compute_rate_units, symbol);
  case Dimension::ratio:
    return find_unit(ratio_units, symbol);
  case Dimension::rate:
    return find_unit(rate_units, symbol);
  case Dimension::volume:
    return find_unit(volume_units, symbol);
  case Dimension::ramp_rate:
    return find_unit(ramp_rate_units, symbol);
  case Dimension::frequency:
    return find_unit(frequency_units, symbol);
  case Dimension::money:
    return find_unit(money_units, symbol);
  case Dimension::money_per_power:
    return find_unit(money_per_power_units, symbol);
  case Dimension::money_per_energy:
    return find_unit(money_per_energy_units, symbol);
  }
  return nullptr;
}

// Joins pieces into one string (GCC 12 warns falsely on chains of "literal" + std::string).
std::string concat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts)
    out += p;
  return out;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

} // namespace

std::string_view dimension_name(Dimension dim) {
  switch (dim) {
  case Dimension::time:
    return "a duration";
  case Dimension::power:
    return "a power";
  case Dimension::energy:
    return "an energy";
  case Dimension::temperature:
    return "a temperature";
  case Dimension::data_size:
    return "a data size";
  case Dimension::data_rate:
    return "a data rate";
  case Dimension::compute_rate:
    return "a compute rate";
  case Dimension::ratio:
    return "a ratio";
  case Dimension::rate:
    return "a rate";
  case Dimension::volume:
    return "a volume";
  case Dimension::ramp_rate:
    return "a ramp rate";
  case Dimension::frequency:
    return "a frequency";
  case Dimension::money:
    return "an amount of money";
  case Dimension::money_per_power:
    return "a price per power";
  case Dimension::money_per_energy:
    return "a price per energy";
  }
  return "a quantity";
}

std::string allowed_units(Dimension dim) {
  switch (dim) {
  case Dimension::time:
    return join(time_units);
  case Dimension::power:
    return join(power_units);
  case Dimension::energy:
    return join(energy_units);
  case Dimension::temperature:
    return join(temperature_units);
  case Dimension::data_size:
    return join(data_size_units);
  case Dimension::data_rate:
    return join(data_rate_units);
  case Dimension::compute_rate:
    return join(compute_rate_units);
  case Dimension::ratio:
    return "none (a plain number) or " + join(ratio_units);
  case Dimension::rate:
    return join(rate_units);
  case Dimension::volume:
    return join(volume_units);
  case Dimension::ramp_rate:
    return join(ramp_rate_units);
  case Dimension::frequency:
    return join(frequency_units);
  case Dimension::money:
    return join(money_units);
  case Dimension::money_per_power:
    return join(money_per_power_units);
  case Dimension::money_per_energy:
    return join(money_per_energy_units);
  }
  return {};
}

ParseResult parse(std::string_view text, Dimension dim) {
  const std::string_view body = trim(text);
  // The allowed units are spelled out only in a message: a facility of 200,000 loads parses as
  // many quantities.
  auto allowed = [dim] { return allowed_units(dim); };
  if (body.empty())
    return {std::nullopt,
            concat({"empty value; expected ", dimension_name(dim), " with a unit (", allowed(), ")"})};

  // from_chars rejects a leading '+'; accept it for symmetry with '-'.
  std::string_view number_text = body;
  if (number_text.front() == '+') {
    number_text.remove_prefix(1);
    if (!number_text.empty() && (number_text.front() == '-' || number_text.front() == '+'))
      return {std::nullopt, concat({"'", body, "' has two signs"})};
  }
  double number = 0.0;
  const auto [end, ec] = std::from_chars(number_text.data(), number_text.data() + number_text.size(), number);
  if (ec != std::errc() || end == number_text.data())
    return {std::nullopt, concat({"'", body, "' does not start with a number; expected ", dimension_name(dim),
                                  " with a unit (", allowed(), ")"})};
  if (!std::isfinite(number))
    return {std::nullopt, concat({"'", body, "' is not a finite number"})};

  const std::string_view unit = trim(number_text.substr(static_cast<std::size_t>(end - number_text.data())));
  if (unit.empty()) {
    if (dim == Dimension::ratio)
      return {number, {}};
    return {std::nullopt,
            concat({"'", body, "' has no unit; ", dimension_name(dim), " needs one of: ", allowed()})};
  }
  const UnitDef* def = lookup(dim, unit);
  if (def == nullptr) {
    for (Dimension other : {Dimension::time, Dimension::power, Dimension::energy, Dimension::temperature,
                            Dimension::data_size, Dimension::data_rate, Dimension::compute_rate,
                            Dimension::rate, Dimension::volume, Dimension::ramp_rate, Dimension::frequency,
                            Dimension::money, Dimension::money_per_power, Dimension::money_per_energy}) {
      if (other != dim && lookup(other, unit) != nullptr)
        return {std::nullopt, concat({"'", unit, "' is a unit of ", dimension_name(other), ", but ",
                                      dimension_name(dim), " is expected; allowed: ", allowed()})};
    }
    return {std::nullopt,
            concat({"unknown unit '", unit, "' for ", dimension_name(dim), "; allowed: ", allowed()})};
  }
  return {number * def->scale + def->offset, {}};
}

double parse_or_throw(std::string_view text, Dimension dim) {
  ParseResult r = parse(text, dim);
  if (!r.value)
    throw std::invalid_argument(r.error);
  return *r.value;
}

} // namespace aidcsim::units
