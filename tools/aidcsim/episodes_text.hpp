// IT-loss episodes as text, from the JSON of episodes_json.hpp (ordered or not): the rows by
// first cause or component, then the first episodes' chains.
#pragma once

#include "engine/base/units.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace aidcsim::cli {

// The text of either (from its JSON, ordered or not): rows of cause or component, downtime per
// year, share and episodes per year; then the first episodes' chains.
// Under --estimator a group's downtime is an interval; in a plain run a total over the run.
template <class Json> void print_episode_groups(const char* title, const Json& groups) {
  if (groups.empty())
    return;
  std::printf("%s (IT downtime per year; share; episodes per year)\n", title);
  for (const auto& [key, g] : groups.items()) {
    const std::string name = g.contains("cause") ? g["cause"].template get<std::string>() : key;
    const Json& d = g["it_downtime_min_per_year"];
    const Json& n = g["it_loss_episodes_per_year"];
    if (d.is_object())
      std::printf("  %-30s %.4g min (%.3g to %.3g)  %5.1f %%  %.3g\n", name.c_str(),
                  d["value"].template get<double>(), d["low"].template get<double>(),
                  d["high"].template get<double>(), 100 * g["downtime_share"].template get<double>(),
                  n["value"].template get<double>());
    else
      std::printf("  %-30s %.4g min  %5.1f %%  %.3g (%ld episodes)\n", name.c_str(), d.template get<double>(),
                  100 * g["downtime_share"].template get<double>(), n.template get<double>(),
                  g["episodes"].template get<long>());
  }
}

template <class Json> void print_first_episodes(const Json& episodes, bool weighted) {
  const std::size_t shown = std::min<std::size_t>(3, episodes.size());
  if (shown == 0)
    return;
  std::printf("first IT-loss episodes%s\n",
              weighted ? " (drawn under biasing; each has its cycle's weight)" : "");
  for (std::size_t i = 0; i < shown; ++i) {
    const Json& e = episodes[i];
    std::printf("  year %.1f, %.3g min of IT downtime: %s\n",
                e["it_lost_s"].template get<double>() / units::seconds_per_year,
                e["it_downtime_min"].template get<double>(), e["chain"].template get<std::string>().c_str());
  }
}

} // namespace aidcsim::cli
