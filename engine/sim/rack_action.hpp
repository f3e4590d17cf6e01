// What a battery policy does to racks (battery_policy_run.hpp): while a battery above a rack
// carries it, the action applies after `after_s` (a cap to the lowest pstate, or shedding its
// hosts); once no battery above it carries, the rack is released after its own delay (at once for
// a cap, its boot time for a shed rack). Due times are closed form; nothing is polled.
#pragma once

#include <functional>
#include <limits>
#include <vector>

namespace aidcsim {

class RackAction {
public:
  static constexpr double never = std::numeric_limits<double>::infinity();

  // `above[i]`: the storage nodes above loads[i]; `release_s[i]`: its delay once released.
  RackAction(double after_s, std::vector<int> loads, std::vector<std::vector<int>> above,
             std::vector<double> release_s);
  // apply(load, true, t) starts the action on a load; apply(load, false, t) ends it.
  std::function<void(int load, bool on, double now)> apply;

  // The batteries changed at t: `since(nodes)` is when one of them began carrying (NaN: none).
  template <class Since> void batteries_changed(Since since, double t) {
    for (std::size_t i = 0; i < loads_.size(); ++i) {
      const double from = since(above_[i]);
      const bool carried = from == from; // not NaN
      due_[i] = carried ? from + after_s_ : never;
      if (carried)
        back_at_[i] = never; // on battery again while releasing: stays in force
      else if (active_[i] && back_at_[i] == never)
        back_at_[i] = t + release_s_[i];
    }
  }
  // Applies what is due by t + slack; returns the next due time.
  double fire(double t, double slack);
  // Rack-hours in force up to `end_s`.
  double hours(double end_s) const;
  bool empty() const { return loads_.empty(); }

private:
  void set(std::size_t i, bool on, double t);
  double after_s_;
  std::vector<int> loads_;
  std::vector<std::vector<int>> above_;
  std::vector<double> release_s_, due_, back_at_, since_;
  std::vector<char> active_;
  double hours_ = 0;
};

} // namespace aidcsim
