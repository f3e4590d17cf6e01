#include "engine/input/cost_reader.hpp"

#include "models/cost/default_costs.hpp"

namespace aidcsim {

using units::Dimension;

namespace {

// An item's price is per kW, per kWh or per piece (cost_spec.hpp, item_quantity).
Dimension price_dimension(cost::Item item) {
  switch (cost::item_quantity(item)) {
  case cost::Quantity::kw:
    return Dimension::money_per_power;
  case cost::Quantity::kwh:
    return Dimension::money_per_energy;
  case cost::Quantity::each:
    return Dimension::money;
  }
  return Dimension::money;
}

void read_item(const YamlNode& node, MapReader& parent, cost::Item item, cost::ItemCost& c) {
  const std::string name(cost::item_name(item));
  MapReader r(node, parent.path(name), parent.file(), parent.diagnostics());
  if (!r.is_map()) {
    parent.diagnostics().add(parent.pos(node), parent.path(name), node.IsScalar() ? node.Scalar() : "",
                             "expected a map of price, life, maintenance");
    return;
  }
  const Default d{.row = cost::item_row(item)};
  c.usd_per_unit = r.quantity_or("price", price_dimension(item), c.usd_per_unit, d, Range::non_negative);
  c.life_years = r.quantity_or("life", Dimension::time, c.life_years * units::seconds_per_year, d) /
                 units::seconds_per_year;
  c.maintenance_per_year =
      r.quantity_or("maintenance", Dimension::ratio, c.maintenance_per_year, d, Range::share);
  r.finish();
}

// "800 USD/kW, 20 y, 2.5 %/y": an item's default for docs/SCENARIOS.md.
std::string item_default_text(cost::Item item, const cost::ItemCost& c) {
  std::string text = KeySchema::quantity_text(c.usd_per_unit, price_dimension(item), Range::non_negative);
  text += ", ";
  text += KeySchema::quantity_text(c.life_years * units::seconds_per_year, Dimension::time, Range::positive);
  text += ", ";
  text += KeySchema::quantity_text(c.maintenance_per_year, Dimension::ratio, Range::share);
  text += "/y";
  return text;
}

void read_items(const YamlNode& node, MapReader& parent, cost::CostSpec& spec) {
  MapReader r(node, parent.path("items"), parent.file(), parent.diagnostics());
  for (std::size_t i = 0; i < cost::item_count; ++i) {
    const auto item = static_cast<cost::Item>(i);
    const std::string name(cost::item_name(item));
    if (KeySchema::active() != nullptr) {
      const std::string shown = item_default_text(item, spec.items[i]);
      r.note_default(name, {.row = cost::item_row(item), .shown = shown});
    }
    if (const YamlNode n = r.node(name, Need::optional, "a map of price, life, maintenance"); n.IsDefined())
      read_item(n, r, item, spec.items[i]);
  }
  r.finish();
}

// `accelerators: {gb200: 41.7 kUSD, ...}`: a price per accelerator of each chip.
void read_chip_prices(const YamlNode& node, MapReader& parent, cost::CostSpec& spec) {
  MapReader r(node, parent.path("accelerators"), parent.file(), parent.diagnostics());
  if (!r.is_map())
    return;
  r.keys_are_names("<chip>");
  for (const auto& entry : node) {
    const std::string chip = entry.first.Scalar();
    if (const auto usd = r.quantity(chip, Dimension::money, Need::optional, Range::non_negative))
      spec.accelerator_usd_by_chip[chip] = *usd;
  }
  r.finish();
}

// `energy_price: {off_peak: 60 USD/MWh, peak: 140 USD/MWh, peak_hours: [8 h, 20 h]}`: a
// time-of-use tariff, its peak hours as times of day (from after to: across midnight).
void read_time_of_use(const YamlNode& node, MapReader& parent, cost::CostSpec& spec) {
  MapReader r(node, parent.path("energy_price"), parent.file(), parent.diagnostics());
  spec.energy_usd_per_kwh =
      r.quantity("off_peak", Dimension::money_per_energy, Need::required, Range::non_negative).value_or(0);
  spec.peak_usd_per_kwh =
      r.quantity("peak", Dimension::money_per_energy, Need::required, Range::non_negative).value_or(0);
  const YamlNode hours =
      r.node("peak_hours", Need::required, "a list of two times of day, [from, to], such as [8 h, 20 h]");
  const auto ends =
      r.quantity_pair(hours, "peak_hours", Dimension::time, {Range::non_negative, Range::non_negative},
                      "a list of two times of day, [from, to], such as [8 h, 20 h]");
  double* const fields[] = {&spec.peak_from_s, &spec.peak_to_s};
  for (std::size_t k = 0; k < 2; ++k) {
    if (ends[k] && *ends[k] >= units::seconds_per_day)
      r.diagnostics().add(r.pos(hours[k]), r.path("peak_hours[" + std::to_string(k) + "]"), hours[k].Scalar(),
                          "a time of day, from 0 h to below 24 h");
    else if (ends[k])
      *fields[k] = *ends[k];
  }
  if (ends[0] && ends[1] && *ends[0] == *ends[1])
    r.diagnostics().add(r.pos(hours), r.path("peak_hours"), "",
                        "the peak hours start and end at the same time; for a flat price write energy_price: "
                        "<price per kWh>");
  r.finish();
}

} // namespace

void read_cost(const YamlNode& node, MapReader& parent, cost::CostSpec& spec) {
  MapReader c(node, parent.path("cost"), parent.file(), parent.diagnostics());
  if (!c.is_map())
    return;
  spec.discount_rate = c.quantity_or("discount_rate", Dimension::ratio, spec.discount_rate,
                                     {.row = "Discount rate"}, Range::share);
  if (KeySchema::active() != nullptr) {
    const std::string flat =
        KeySchema::quantity_text(spec.energy_usd_per_kwh, Dimension::money_per_energy, Range::non_negative) +
        ", flat";
    c.note_default("energy_price", {.row = "Energy price", .shown = flat});
  }
  if (const YamlNode n =
          c.node("energy_price", Need::optional, "a price per kWh or a map of off_peak, peak, peak_hours");
      n.IsDefined() && n.IsMap())
    read_time_of_use(n, c, spec);
  else
    spec.energy_usd_per_kwh =
        c.quantity_or("energy_price", Dimension::money_per_energy, spec.energy_usd_per_kwh,
                      {.row = "Energy price"}, Range::non_negative);
  spec.genset_fuel_usd_per_kwh =
      c.quantity_or("genset_fuel", Dimension::money_per_energy, spec.genset_fuel_usd_per_kwh,
                    {.row = "Genset fuel"}, Range::non_negative);
  spec.accelerator_hour_usd = c.quantity_or("accelerator_hour", Dimension::money, spec.accelerator_hour_usd,
                                            {.row = "Value of an accelerator-hour"}, Range::non_negative);
  spec.usd_per_million_tokens = c.quantity_or("million_tokens", Dimension::money, spec.usd_per_million_tokens,
                                              {.row = "Value of a million tokens"}, Range::non_negative);
  spec.slo_penalty_usd_per_hour = c.quantity_or(
      "slo_penalty_per_hour", Dimension::money, spec.slo_penalty_usd_per_hour,
      {.why = "none unless a service contract states one", .shown = "0 USD"}, Range::non_negative);
  const std::string value =
      c.one_of_or("downtime_value", {"accelerator_hours", "tokens"}, "accelerator_hours",
                  {.why = "every run has accelerator-hours; tokens need a training job"});
  spec.downtime_value =
      value == "tokens" ? cost::DowntimeValue::tokens : cost::DowntimeValue::accelerator_hours;
  c.note_default("accelerators", {.row = "Accelerator", .shown = "gb200 60.4 kUSD, ascend910c 31.0 kUSD"});
  if (const YamlNode n = c.node("accelerators", Need::optional, "a map of chip: price"); n.IsDefined())
    read_chip_prices(n, c, spec);
  c.note_default("items", {.shown = "the defaults of docs/MODELS.md, Cost"});
  if (const YamlNode n = c.node("items", Need::optional, "a map of item: {price, life, maintenance}");
      n.IsDefined())
    read_items(n, c, spec);
  c.finish();
}

} // namespace aidcsim
