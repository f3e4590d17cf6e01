#include "models/network/fluid_sharing.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <stdexcept>

namespace aidcsim::network {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
// Two levels this close (relative) are one: symmetric flows get exactly equal shares, and
// SimGrid's own solver merges levels within 1e-5 (maxmin/precision).
constexpr double tie = 1e-9;

using Element = SharedElement;
using Flow = SharedFlow;

// The weighted max-min sharing among `active` flows (SimGrid's maxmin_solve without its
// precision shortcuts): every unfixed flow on the tightest link gets (remaining / usage) /
// penalty, where usage sums weight / penalty over the link's unfixed flows, unless its own bound
// is lower; fixed flows leave their share used and their weight out of the usage.
class Sharing {
public:
  Sharing(const std::vector<FluidLink>& links, std::vector<Flow>& flows)
      : links_(links), flows_(flows), remaining_(links.size()), usage_(links.size()), members_(links.size()) {
  }

  // Fills value[f] for every f of `active`.
  void solve(const std::vector<int>& active, std::vector<double>& value) {
    value_ = &value;
    start(active);
    while (unfixed_ > 0) {
      drop_stale();
      while (next_bound_ < by_bound_.size() && value[by_bound_[next_bound_]] >= 0)
        ++next_bound_;
      const double by_link = heap_.empty() ? inf : heap_.top().first;
      const double by_flow = next_bound_ < by_bound_.size() ? level_of_bound(by_bound_[next_bound_]) : inf;
      if (!(by_link < inf) && !(by_flow < inf))
        throw std::logic_error("simulate_flows: a flow on no link and without a bound");
      if (by_flow <= by_link)
        fix_bounded(by_flow);
      else
        fix_saturated(by_link);
    }
  }

private:
  using Entry = std::pair<double, int>; // (remaining / usage, link)

  void start(const std::vector<int>& active) {
    std::vector<double>& value = *value_;
    for (std::size_t l = 0; l < links_.size(); ++l) {
      remaining_[l] = links_[l].bandwidth_Bps;
      usage_[l] = 0;
      members_[l].clear();
    }
    by_bound_.clear();
    for (int f : active) {
      value[f] = -1; // unfixed
      for (const Element& e : flows_[f].elements) {
        usage_[e.link] += e.weight / flows_[f].penalty;
        members_[e.link].push_back(f);
      }
      if (flows_[f].bound < inf)
        by_bound_.push_back(f);
    }
    std::sort(by_bound_.begin(), by_bound_.end(),
              [&](int a, int b) { return level_of_bound(a) < level_of_bound(b); });
    heap_ = {};
    for (std::size_t l = 0; l < links_.size(); ++l)
      if (usage_[l] > 0)
        heap_.emplace(remaining_[l] / usage_[l], static_cast<int>(l));
    unfixed_ = active.size();
    next_bound_ = 0;
  }

  // Flows held by their own bound at this level take their bound.
  void fix_bounded(double level) {
    std::vector<int> batch;
    for (; next_bound_ < by_bound_.size() && level_of_bound(by_bound_[next_bound_]) <= level * (1 + tie);
         ++next_bound_)
      if ((*value_)[by_bound_[next_bound_]] < 0)
        batch.push_back(by_bound_[next_bound_]);
    for (int f : batch)
      fix(f, flows_[f].bound);
  }

  // Every link at this level saturates: its unfixed flows take the level over their penalty.
  void fix_saturated(double level) {
    std::vector<double>& value = *value_;
    std::vector<int> batch;
    for (drop_stale(); !heap_.empty() && heap_.top().first <= level * (1 + tie); drop_stale()) {
      const int l = heap_.top().second;
      heap_.pop();
      for (int f : members_[l])
        if (value[f] == -1) {
          value[f] = -2; // chosen, fixed below
          batch.push_back(f);
        }
    }
    for (int f : batch)
      fix(f, level / flows_[f].penalty);
  }

  void drop_stale() {
    while (!heap_.empty() && stale(heap_.top()))
      heap_.pop();
  }
  double level_of_bound(int f) const { return flows_[f].bound * flows_[f].penalty; }
  bool stale(const Entry& e) const {
    const int l = e.second;
    return usage_[l] <= 0 || e.first != remaining_[l] / usage_[l];
  }
  void fix(int f, double v) {
    (*value_)[f] = v;
    --unfixed_;
    for (const Element& e : flows_[f].elements) {
      remaining_[e.link] -= e.weight * v;
      usage_[e.link] -= e.weight / flows_[f].penalty;
      // A link whose unfixed flows are all fixed, or that has nothing left, takes no part further.
      if (usage_[e.link] <= 1e-12 * e.weight / flows_[f].penalty || remaining_[e.link] <= 0)
        usage_[e.link] = 0;
      else
        heap_.emplace(remaining_[e.link] / usage_[e.link], e.link);
    }
  }

  const std::vector<FluidLink>& links_;
  std::vector<Flow>& flows_;
  std::vector<double> remaining_, usage_;
  std::vector<std::vector<int>> members_;
  std::vector<double>* value_ = nullptr;
  std::vector<int> by_bound_;
  std::size_t next_bound_ = 0, unfixed_ = 0;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
};

} // namespace

FluidResult run_sharing(const std::vector<FluidLink>& links, std::vector<Flow>& flows,
                        const FluidModel& model) {
  std::vector<int> waiting(flows.size());
  for (std::size_t i = 0; i < flows.size(); ++i)
    waiting[i] = static_cast<int>(i);
  // Latest start last: flows start sharing from the back of the list.
  std::sort(waiting.begin(), waiting.end(),
            [&](int a, int b) { return flows[a].start_s > flows[b].start_s; });
  Sharing sharing(links, flows);
  std::vector<int> active;
  std::vector<double> value(flows.size(), 0.0);
  FluidResult result;
  double now = 0;
  while (!waiting.empty() || !active.empty()) {
    while (!waiting.empty() && flows[waiting.back()].start_s <= now) {
      const int f = waiting.back();
      waiting.pop_back();
      if (flows[f].remaining <= 0) { // nothing to send: it arrives when its latency is paid
        flows[f].done = true;
        result.last_arrival_s = std::max(result.last_arrival_s, now);
      } else {
        active.push_back(f);
      }
    }
    if (active.empty()) {
      if (!waiting.empty())
        now = flows[waiting.back()].start_s;
      continue;
    }
    sharing.solve(active, value);
    ++result.solves;
    double step = waiting.empty() ? inf : flows[waiting.back()].start_s - now;
    for (int f : active)
      step = std::min(step, flows[f].remaining / (model.bandwidth_factor * value[f]));
    now += step;
    std::size_t kept = 0;
    for (int f : active) {
      Flow& g = flows[f];
      g.remaining -= model.bandwidth_factor * value[f] * step;
      if (g.remaining <= g.bytes * tie) {
        g.done = true;
        result.last_arrival_s = std::max(result.last_arrival_s, now);
      } else {
        active[kept++] = f;
      }
    }
    active.resize(kept);
  }
  return result;
}

} // namespace aidcsim::network
