#include "models/power/episode_recorder.hpp"

#include <algorithm>
#include <cstdio>

namespace aidcsim::power {
namespace {

// "+10 s", "+10.4 min", "+2.5 h", "+3.1 d": a step's time after the chain's start.
std::string offset_text(double dt_s) {
  char text[48];
  if (dt_s < 120)
    std::snprintf(text, sizeof text, "+%.3g s", dt_s);
  else if (dt_s < 7200)
    std::snprintf(text, sizeof text, "+%.3g min", dt_s / 60);
  else if (dt_s < 172800)
    std::snprintf(text, sizeof text, "+%.3g h", dt_s / 3600);
  else
    std::snprintf(text, sizeof text, "+%.3g d", dt_s / 86400);
  return text;
}

int unpowered_it(const PowerChain& chain) {
  int n = 0;
  for (int l : chain.it_loads())
    n += chain.load_powered(l) ? 0 : 1;
  return n;
}

constexpr int it_lost_step = -1; // a step's node: IT lost, not a component's fault

} // namespace

EpisodeRecorder::EpisodeRecorder(const PowerChain& chain) {
  for (int v = 0; v < chain.size(); ++v)
    if (chain.node_load(v) < 0)
      watched_.push_back(v);
  last_fault_.resize(watched_.size());
  cause_index(no_fault); // index 0
}

int EpisodeRecorder::cause_index(std::string_view fault) {
  const auto [it, added] = cause_of_.try_emplace(std::string(fault), static_cast<int>(causes_.size()));
  if (added) {
    causes_.emplace_back(fault);
    by_cause_.emplace_back();
  }
  return it->second;
}

// Each watched component's fault, a step where it changed to a new one. A chain ends when no
// component has a fault and no episode is open.
void EpisodeRecorder::record_faults(const PowerChain& chain) {
  any_fault_ = false;
  for (std::size_t i = 0; i < watched_.size(); ++i) {
    const int v = watched_[i];
    const Fault f = std::visit([&](const auto& c) { return c.fault(chain.around(v)); }, chain.component(v));
    any_fault_ = any_fault_ || !f.empty();
    if (f.what == last_fault_[i])
      continue;
    last_fault_[i].assign(f.what);
    if (f.empty())
      continue;
    Step step{chain.now(), v, std::string(f.what), f.follows};
    if (f.follows)
      following_.push_back(std::move(step));
    else
      add_step(std::move(step));
  }
  for (Step& s : following_)
    add_step(std::move(s));
  following_.clear();
}

void EpisodeRecorder::add_step(Step step) {
  if (steps_.size() < max_steps)
    steps_.push_back(std::move(step));
  else
    ++more_steps_;
}

void EpisodeRecorder::observe(const PowerChain& chain, double it_downtime_min_total) {
  record_faults(chain);
  const bool it_powered = chain.it_powered();
  if (!open_ && !it_powered)
    open(chain, it_downtime_min_total);
  else if (open_ && it_powered)
    close(chain, it_downtime_min_total);
  else if (open_)
    current_.racks_lost = std::max(current_.racks_lost, unpowered_it(chain));
  if (!open_ && !any_fault_) {
    steps_.clear();
    more_steps_ = 0;
  }
}

void EpisodeRecorder::open(const PowerChain& chain, double it_downtime_min_total) {
  open_ = true;
  downtime_at_open_ = it_downtime_min_total;
  current_ = Episode{};
  current_.it_lost_s = chain.now();
  current_.racks_lost = unpowered_it(chain);
  const Step* first = nullptr;
  const Step* last = nullptr;
  for (const Step& s : steps_)
    if (s.node != it_lost_step) {
      first = first == nullptr && !s.follows ? &s : first;
      last = &s;
    }
  current_.chain_start_s = steps_.empty() ? chain.now() : steps_.front().at_s;
  current_.first_cause = first != nullptr ? cause_index(first->fault) : 0;
  current_.last_cause = last != nullptr ? cause_index(last->fault) : 0;
  if (first != nullptr)
    current_.first_component = chain.graph().node(first->node).id;
  if (last != nullptr)
    current_.last_component = chain.graph().node(last->node).id;
  add_step({chain.now(), it_lost_step, "IT lost", true});
}

std::string EpisodeRecorder::chain_text(const PowerChain& chain) const {
  std::string text;
  const double start = steps_.empty() ? chain.now() : steps_.front().at_s;
  for (const Step& s : steps_) {
    if (!text.empty())
      text += "; " + offset_text(s.at_s - start) + " ";
    text += s.node == it_lost_step ? s.fault : chain.graph().node(s.node).id + " " + s.fault;
  }
  if (more_steps_ > 0)
    text += "; and " + std::to_string(more_steps_) + " more";
  return text;
}

void EpisodeRecorder::close(const PowerChain& chain, double it_downtime_min_total) {
  open_ = false;
  current_.end_s = chain.now();
  current_.chain = chain_text(chain);
  current_.it_downtime_min = it_downtime_min_total - downtime_at_open_;
  ++episodes_;
  CauseCounts& c = by_cause_[static_cast<std::size_t>(current_.first_cause)];
  ++c.episodes;
  c.it_downtime_min += current_.it_downtime_min;
  const std::string& id = current_.first_component.empty() ? causes_[0] : current_.first_component;
  const auto it = std::find(components_.begin(), components_.end(), id);
  const auto k = static_cast<std::size_t>(it - components_.begin());
  if (it == components_.end()) {
    components_.push_back(id);
    by_component_.emplace_back();
  }
  ++by_component_[k].episodes;
  by_component_[k].it_downtime_min += current_.it_downtime_min;
  if (weight_pending_)
    waiting_.push_back(std::move(current_));
  else
    deliver(std::move(current_));
}

void EpisodeRecorder::deliver(Episode e) {
  if (on_episode)
    on_episode(e);
  if (examples_.size() < examples_kept)
    examples_.push_back(std::move(e));
}

void EpisodeRecorder::close_cycle(double weight) {
  for (Episode& e : waiting_) {
    e.weight = weight;
    deliver(std::move(e));
  }
  waiting_.clear();
}

void EpisodeRecorder::finish(const PowerChain& chain, double it_downtime_min_total) {
  if (open_)
    close(chain, it_downtime_min_total);
  // Under importance sampling the last cycle is unfinished: its episodes have no weight and stay
  // out of the estimate and the file alike.
  if (!weight_pending_)
    return;
  waiting_.clear();
}

} // namespace aidcsim::power
