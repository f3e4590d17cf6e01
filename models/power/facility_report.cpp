// The facility's reporting side: outage episodes and the timeline of state changes.
#include "models/power/facility.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aidcsim::power {

void Facility::emit_cooling_timeline(bool force) {
  for (std::size_t i = 0; i < loops_.size(); ++i) {
    const auto state = loops_[i].state();
    std::string text = state == thermal::RackLoop::State::normal      ? "normal"
                       : state == thermal::RackLoop::State::throttled ? "throttled"
                                                                      : "thermal shutdown";
    // A row whenever the pumps stop or start too: temperatures bend there.
    if (loop_pumps_[i] >= 0 && !energized_[load_node_[loop_pumps_[i]]])
      text += " (pumps off)";
    const int rack = loop_rack_[i];
    const double heat_kw = energized_[load_node_[rack]] ? draw_kw(rack) : 0.0;
    const std::string key = text + "|" + std::to_string(heat_kw); // a new row when the heat changes too
    if (!force && key == last_loop_state_[i])
      continue;
    last_loop_state_[i] = key;
    TimelineRow row{now_, spec_.loads[rack].id + "/cooling", "cooling", text, heat_kw, -1};
    row.coolant_c = loops_[i].coolant_c();
    row.chip_c = loops_[i].chip_c();
    on_timeline(row);
  }
}

void Facility::emit_water_timeline(bool force) {
  if (!water_)
    return;
  const std::string state = water_->held() ? "held" : water_->rate_k_per_s() > 0 ? "warming" : "recovering";
  const double removed_kw = water_->removed_w() / 1e3;
  // A row whenever the slope changes too: the temperature is piecewise linear between rows.
  const std::string key =
      state + "|" + std::to_string(removed_kw) + "|" + std::to_string(water_->rate_k_per_s());
  if (!force && key == last_water_state_)
    return;
  last_water_state_ = key;
  // The loops bend where the water does: a row for each of them too, so plots stay faithful.
  if (!force)
    emit_cooling_timeline(true);
  TimelineRow row{now_, "facility-water", "water", state, removed_kw, -1};
  row.coolant_c = water_->temp_c();
  on_timeline(row);
}

void Facility::start_timeline() {
  if (on_timeline) {
    emit_timeline();
    emit_cooling_timeline(true);
    emit_water_timeline(true);
  }
}

void Facility::emit_timeline() {
  for (int v = 0; v < graph_.size(); ++v) {
    const Surroundings s = around(v);
    const Component& c = nodes_[v];
    const std::string state = std::visit([&](const auto& k) { return k.timeline_state(s); }, c);
    const int load = node_load_[v];
    const double load_kw = load >= 0 ? (energized_[v] ? draw_kw(load) : 0.0) : out_kw_[v];
    if (state == last_state_[v] && std::fabs(load_kw - last_load_kw_[v]) <= 1e-9 * std::max(1.0, load_kw))
      continue;
    last_state_[v] = state;
    last_load_kw_[v] = load_kw;
    const std::string kind(std::visit([](const auto& k) { return k.timeline_kind(); }, c));
    const double soc = std::visit([](const auto& k) { return k.state_of_charge(); }, c);
    on_timeline(TimelineRow{now_, graph_.node(v).id, kind, state, load_kw, soc});
  }
  emit_facility_power();
}

// The whole facility's power as a time series: what the sources and batteries supply now, and the
// instantaneous PUE (supplied over IT).
void Facility::emit_facility_power() {
  double supplied = 0, it = 0;
  for (int v = 0; v < graph_.size(); ++v) // sources, and storage (UPS batteries) carrying load
    supplied += std::visit(
        [&](const auto& c) { return c.is_source() ? out_kw_[v] : c.storage_kw(out_kw_[v], around(v)); },
        nodes_[v]);
  for (int l : it_loads_)
    if (energized_[load_node_[l]])
      it += draw_kw(l);
  char state[32];
  std::snprintf(state, sizeof state, it > 0 ? "PUE %.3f" : "no IT load", supplied / it);
  char key[96];
  std::snprintf(key, sizeof key, "%s|%.9g", state, supplied);
  if (key == last_facility_key_)
    return;
  last_facility_key_ = key;
  on_timeline(TimelineRow{now_, "facility", "facility", state, supplied, -1});
}

std::vector<ComponentReport> Facility::component_reports() const {
  std::vector<ComponentReport> reports;
  for (int v = 0; v < graph_.size(); ++v) {
    std::vector<Metric> metrics = std::visit([](const auto& c) { return c.metrics(); }, nodes_[v]);
    if (metrics.empty())
      continue;
    std::string kind(std::visit([](const auto& c) { return c.timeline_kind(); }, nodes_[v]));
    reports.push_back({graph_.node(v).id, std::move(kind), std::move(metrics)});
  }
  return reports;
}

// What an outage episode sees of the chain after a settle (outage_recorder.hpp).
void Facility::track_episode() {
  OutageSigns signs;
  for (int v = 0; v < graph_.size(); ++v)
    std::visit([&](const auto& c) { c.outage_signs(out_kw_[v], around(v), signs); }, nodes_[v]);
  bool it_ok = true;
  for (int l : it_loads_)
    it_ok = it_ok && energized_[load_node_[l]];
  recorder_.observe(signs, it_ok);
}

} // namespace aidcsim::power
