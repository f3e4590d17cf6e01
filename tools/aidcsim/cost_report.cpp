#include "tools/aidcsim/cost_report.hpp"

#include "engine/results/human_units.hpp"
#include "models/cost/cost_shares.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace aidcsim::cli {

using json = nlohmann::ordered_json;

namespace {

constexpr auto accelerator_item = static_cast<std::size_t>(cost::Item::accelerator);

// "4.238 MUSD", "612.4 kUSD", "5.50 USD".
std::string usd_text(double usd) {
  char buf[48];
  if (std::fabs(usd) >= 1e6)
    std::snprintf(buf, sizeof buf, "%.3f MUSD", usd / 1e6);
  else if (std::fabs(usd) >= 1e3)
    std::snprintf(buf, sizeof buf, "%.1f kUSD", usd / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.2f USD", usd);
  return buf;
}

} // namespace

json to_json(const CostResult& c) {
  json j;
  const double facility_usd = c.capex.total_usd() - c.capex.usd[accelerator_item];
  j["capex_usd"] = c.capex.total_usd();
  j["facility_capex_usd"] = facility_usd;
  j["it_design_kw"] = c.it_design_kw;
  if (c.it_design_kw > 0)
    j["facility_usd_per_it_kw"] = facility_usd / c.it_design_kw;
  json items = json::object();
  for (std::size_t i = 0; i < cost::item_count; ++i)
    if (c.capex.quantity[i] > 0)
      items[std::string(cost::item_name(static_cast<cost::Item>(i)))] = {{"quantity", c.capex.quantity[i]},
                                                                         {"usd", c.capex.usd[i]}};
  j["capex"] = items;
  // Against published shares of non-IT capital (cost_shares.hpp).
  const auto shares = cost::facility_shares(c.capex);
  json by_category = json::object();
  for (std::size_t k = 0; k < cost::category_count; ++k)
    if (shares[k] > 0)
      by_category[std::string(cost::category_name(static_cast<cost::Category>(k)))] = shares[k];
  j["facility_shares"] = by_category;
  j["bought_kwh"] = c.measures.bought_kwh;
  j["bought_in_peak_hours_kwh"] = c.measures.bought_peak_kwh;
  j["lost_accelerator_hours"] = c.measures.lost_accelerator_hours;
  j["lost_million_tokens"] = c.measures.lost_million_tokens;
  j["below_slo_hours"] = c.measures.below_slo_hours;
  const cost::AnnualCost& a = c.annual;
  j["annual_usd"] = {{"capital", a.capital},   {"maintenance", a.maintenance}, {"energy", a.energy},
                     {"fuel", a.fuel},         {"operating", a.operating()},   {"design", a.design()},
                     {"downtime", a.downtime}, {"slo_penalty", a.slo_penalty}, {"total", a.total()}};
  if (c.downtime_ci95) {
    // The total moves with the downtime alone: the rest is fixed by the design.
    const double rest = a.total() - a.downtime;
    j["annual_usd_ci95"] = {{"downtime", {c.downtime_ci95->first, c.downtime_ci95->second}},
                            {"total", {rest + c.downtime_ci95->first, rest + c.downtime_ci95->second}}};
  }
  if (c.usd_per_million_tokens)
    j["usd_per_million_tokens"] = *c.usd_per_million_tokens;
  return j;
}

void print_cost_text(const json& c) {
  std::printf("cost\n");
  // Items by their capital, largest first.
  std::vector<std::pair<double, std::string>> by_usd;
  for (const auto& [name, item] : c["capex"].items())
    by_usd.emplace_back(item["usd"].get<double>(), name);
  std::sort(by_usd.begin(), by_usd.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::string items;
  for (const auto& [usd, name] : by_usd)
    items += (items.empty() ? "" : ", ") + name + " " + usd_text(usd);
  std::printf("  capital                       %s: %s\n", usd_text(c["capex_usd"].get<double>()).c_str(),
              items.c_str());
  if (c.contains("facility_usd_per_it_kw"))
    std::printf("  facility capital per IT kW    %s USD (%s over %s kW of racks)\n",
                with_thousands(c["facility_usd_per_it_kw"].get<double>(), 0).c_str(),
                usd_text(c["facility_capex_usd"].get<double>()).c_str(),
                with_thousands(c["it_design_kw"].get<double>(), 1).c_str());
  std::string shares;
  for (std::size_t k = 0; k < cost::category_count; ++k) {
    const std::string name(cost::category_name(static_cast<cost::Category>(k)));
    if (!c["facility_shares"].contains(name))
      continue;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%s %.1f %%", shares.empty() ? "" : ", ", name.c_str(),
                  100 * c["facility_shares"][name].get<double>());
    shares += buf;
  }
  if (!shares.empty())
    std::printf("  facility capital shares       %s\n", shares.c_str());
  const json& a = c["annual_usd"];
  std::printf("  a year: capital annualised    %s\n", usd_text(a["capital"].get<double>()).c_str());
  std::printf("          maintenance           %s\n", usd_text(a["maintenance"].get<double>()).c_str());
  std::printf("          energy                %s\n", usd_text(a["energy"].get<double>()).c_str());
  std::printf("          genset fuel           %s\n", usd_text(a["fuel"].get<double>()).c_str());
  std::string interval;
  if (c.contains("annual_usd_ci95")) {
    const json& ci = c["annual_usd_ci95"]["downtime"];
    interval = ", 95 % CI [" + usd_text(ci[0].get<double>()) + ", " + usd_text(ci[1].get<double>()) + "]";
  }
  std::printf("          downtime              %s (%s accelerator-hours lost in the run%s)\n",
              usd_text(a["downtime"].get<double>()).c_str(),
              with_thousands(c["lost_accelerator_hours"].get<double>(), 1).c_str(), interval.c_str());
  if (a["slo_penalty"].get<double>() > 0)
    std::printf("          SLO penalty           %s\n", usd_text(a["slo_penalty"].get<double>()).c_str());
  std::printf("          total                 %s\n", usd_text(a["total"].get<double>()).c_str());
  if (c.contains("usd_per_million_tokens"))
    std::printf("  per million tokens trained    %s\n",
                usd_text(c["usd_per_million_tokens"].get<double>()).c_str());
}

} // namespace aidcsim::cli
