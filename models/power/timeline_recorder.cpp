#include "models/power/timeline_recorder.hpp"

#include "engine/base/fixed_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aidcsim::power {

TimelineRecorder::TimelineRecorder(const PowerChain& chain, const CoolingPlant& cooling)
    : chain_(chain), cooling_(cooling), last_state_(chain.size()), last_load_kw_(chain.size(), -1.0),
      last_loop_state_(cooling.loops().size()), batteries_full_(chain) {
  for (int v = 0; v < chain.size(); ++v) {
    ids_.push_back(chain.graph().node(v).id);
    kinds_.push_back(std::visit([](const auto& k) { return k.timeline_kind(); }, chain.component(v)));
  }
  for (std::size_t i = 0; i < cooling.loops().size(); ++i)
    loop_ids_.push_back(chain.spec().loads[cooling.cooled_rack(i)].id + "/cooling");
}

void TimelineRecorder::record_all() {
  std::fill(last_state_.begin(), last_state_.end(), std::string());
  last_facility_key_.clear();
  last_supplied_kw_ = last_it_kw_ = std::numeric_limits<double>::quiet_NaN();
  record_chain();
  record_loops(true);
  record_water(true);
}

void TimelineRecorder::record_changes() {
  record_chain();
  record_water(false);
  record_loops(false);
}

void TimelineRecorder::record_chain() {
  for (int v = 0; v < chain_.size(); ++v) {
    const Component& c = chain_.component(v);
    const std::string_view state =
        std::visit([&](const auto& k) { return k.timeline_state(chain_.around(v)); }, c);
    const double load_kw = node_load_kw(v);
    if (state == last_state_[v] && std::fabs(load_kw - last_load_kw_[v]) <= 1e-9 * std::max(1.0, load_kw))
      continue;
    last_state_[v].assign(state);
    last_load_kw_[v] = load_kw;
    const double soc = std::visit([](const auto& k) { return k.state_of_charge(); }, c);
    on_row(TimelineRow{chain_.now(), ids_[static_cast<std::size_t>(v)], kinds_[static_cast<std::size_t>(v)],
                       last_state_[v], load_kw, soc});
  }
  record_facility_power();
}

double TimelineRecorder::node_load_kw(int v) const {
  const int load = chain_.node_load(v);
  return load >= 0 ? (chain_.energized(v) ? chain_.draw_kw(load) : 0.0) : chain_.out_kw(v);
}

// Only the UPS's state changes there (recharging to online): the flows, and so every other row,
// stay as they are until the next event.
void TimelineRecorder::record_batteries_full(double until, bool inclusive) {
  for (const BatteryFull& f : batteries_full_.before(until, inclusive)) {
    const std::string_view state =
        std::get<UpsNode>(chain_.component(f.node)).timeline_state(chain_.around(f.node), 1.0);
    if (state == last_state_[f.node]) // a UPS that is off stays off
      continue;
    last_state_[f.node].assign(state);
    last_load_kw_[f.node] = node_load_kw(f.node);
    on_row(TimelineRow{f.time_s, ids_[static_cast<std::size_t>(f.node)], "ups", last_state_[f.node],
                       last_load_kw_[f.node], 1.0});
  }
}

// The whole facility's power as a time series: what the sources and batteries supply now, and the
// instantaneous PUE (supplied over IT).
void TimelineRecorder::record_facility_power() {
  double supplied = 0, it = 0;
  for (int v = 0; v < chain_.size(); ++v) // sources, and storage (UPS batteries) carrying load
    supplied += std::visit(
        [&](const auto& c) {
          return c.is_source() ? chain_.out_kw(v) : c.storage_kw(chain_.out_kw(v), chain_.around(v));
        },
        chain_.component(v));
  for (int l : chain_.it_loads())
    if (chain_.load_powered(l))
      it += chain_.draw_kw(l);
  if (supplied == last_supplied_kw_ && it == last_it_kw_)
    return;
  last_supplied_kw_ = supplied;
  last_it_kw_ = it;
  // "PUE %.3f" as printf wrote it into 32 bytes (format_fixed prints the same, without printf's
  // cost at every change).
  char text[512] = "PUE ";
  std::string_view state = "no IT load";
  if (it > 0)
    state =
        std::string_view(text, std::min<std::size_t>(format_fixed(text + 4, supplied / it, 3) - text, 31));
  char key[96];
  std::snprintf(key, sizeof key, "%.*s|%.9g", static_cast<int>(state.size()), state.data(), supplied);
  if (key == last_facility_key_)
    return;
  last_facility_key_ = key;
  on_row(TimelineRow{chain_.now(), "facility", "facility", state, supplied, -1});
}

void TimelineRecorder::record_loops(bool force) {
  const auto& loops = cooling_.loops();
  for (std::size_t i = 0; i < loops.size(); ++i) {
    const auto state = loops[i].state();
    std::string text = state == thermal::RackLoop::State::normal      ? "normal"
                       : state == thermal::RackLoop::State::throttled ? "throttled"
                                                                      : "thermal shutdown";
    // A row whenever the pumps stop or start too: temperatures bend there.
    if (cooling_.pumps_off(i))
      text += " (pumps off)";
    const int rack = cooling_.cooled_rack(i);
    const double heat_kw = chain_.load_powered(rack) ? chain_.draw_kw(rack) : 0.0;
    const std::string key = text + "|" + std::to_string(heat_kw); // a new row when the heat changes too
    if (!force && key == last_loop_state_[i])
      continue;
    last_loop_state_[i] = key;
    TimelineRow row{chain_.now(), loop_ids_[i], "cooling", text, heat_kw, -1};
    row.coolant_c = loops[i].coolant_c();
    row.chip_c = loops[i].chip_c();
    on_row(row);
  }
}

void TimelineRecorder::record_water(bool force) {
  const auto& water = cooling_.water();
  if (!water)
    return;
  const std::string state = water->held() ? "held" : water->rate_k_per_s() > 0 ? "warming" : "recovering";
  const double removed_kw = water->removed_w() / 1e3;
  // A row whenever the slope changes too: the temperature is piecewise linear between rows.
  const std::string key =
      state + "|" + std::to_string(removed_kw) + "|" + std::to_string(water->rate_k_per_s());
  if (!force && key == last_water_state_)
    return;
  last_water_state_ = key;
  // The loops bend where the water does: a row for each of them too, so plots stay faithful.
  if (!force)
    record_loops(true);
  TimelineRow row{chain_.now(), "facility-water", "water", state, removed_kw, -1};
  row.coolant_c = water->temp_c();
  on_row(row);
}

} // namespace aidcsim::power
