#include "tools/aidcsim/episodes_json.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace aidcsim::cli {

std::string key_of(std::string_view name) {
  std::string key;
  for (char c : name)
    key += std::isalnum(static_cast<unsigned char>(c)) != 0 ? static_cast<char>(std::tolower(c)) : '_';
  return key;
}

json episode_json(const power::Episode& e, const std::vector<std::string>& causes) {
  return {{"chain_start_s", e.chain_start_s},
          {"it_lost_s", e.it_lost_s},
          {"end_s", e.end_s},
          {"it_downtime_min", e.it_downtime_min},
          {"racks_lost", e.racks_lost},
          {"first_cause", causes[static_cast<std::size_t>(e.first_cause)]},
          {"first_component", e.first_component},
          {"last_cause", causes[static_cast<std::size_t>(e.last_cause)]},
          {"last_component", e.last_component},
          {"weight", e.weight},
          {"chain", e.chain}};
}

namespace {

// Largest downtime first, ties by name; those without an episode left out.
json count_groups(const std::vector<std::string>& names, const std::vector<power::CauseCounts>& counts,
                  double total_min, double years, bool as_keys) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < counts.size() && i < names.size(); ++i)
    if (counts[i].episodes > 0)
      order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double da = counts[a].it_downtime_min, db = counts[b].it_downtime_min;
    return da != db ? da > db : names[a] < names[b];
  });
  json out = json::object();
  for (std::size_t i : order) {
    json g;
    if (as_keys)
      g["cause"] = names[i];
    g["episodes"] = counts[i].episodes;
    g["it_downtime_min"] = counts[i].it_downtime_min;
    if (years > 0) {
      g["it_downtime_min_per_year"] = counts[i].it_downtime_min / years;
      g["it_loss_episodes_per_year"] = static_cast<double>(counts[i].episodes) / years;
    }
    g["downtime_share"] = total_min > 0 ? counts[i].it_downtime_min / total_min : 0.0;
    out[as_keys ? key_of(names[i]) : names[i]] = g;
  }
  return out;
}

} // namespace

json episodes_json(const EpisodeSummary& s, double years) {
  const double total =
      std::accumulate(s.by_cause.begin(), s.by_cause.end(), 0.0,
                      [](double t, const power::CauseCounts& c) { return t + c.it_downtime_min; });
  json j;
  j["count"] = s.episodes;
  j["by_first_cause"] = count_groups(s.causes, s.by_cause, total, years, true);
  j["by_component"] = count_groups(s.components, s.by_component, total, years, false);
  json first = json::array();
  for (const auto& e : s.first)
    first.push_back(episode_json(e, s.causes));
  j["first"] = first;
  if (s.written >= 0)
    j["written"] = s.written;
  return j;
}

} // namespace aidcsim::cli
