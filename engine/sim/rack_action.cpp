#include "engine/sim/rack_action.hpp"

#include <algorithm>

namespace aidcsim {

RackAction::RackAction(double after_s, std::vector<int> loads, std::vector<std::vector<int>> above,
                       std::vector<double> release_s)
    : after_s_(after_s), loads_(std::move(loads)), above_(std::move(above)), release_s_(std::move(release_s)),
      due_(loads_.size(), never), back_at_(loads_.size(), never), since_(loads_.size(), 0),
      active_(loads_.size(), 0) {}

void RackAction::set(std::size_t i, bool on, double t) {
  active_[i] = on ? 1 : 0;
  if (on)
    since_[i] = t;
  else
    hours_ += (t - since_[i]) / 3600;
  if (apply)
    apply(loads_[i], on, t);
}

double RackAction::fire(double t, double slack) {
  double next = never;
  for (std::size_t i = 0; i < loads_.size(); ++i) {
    if (active_[i] && back_at_[i] <= t + slack) {
      back_at_[i] = never;
      set(i, false, t);
    }
    if (!active_[i] && due_[i] <= t + slack)
      set(i, true, t);
    next = std::min(next, active_[i] ? back_at_[i] : due_[i]);
  }
  return next;
}

double RackAction::hours(double end_s) const {
  double h = hours_;
  for (std::size_t i = 0; i < loads_.size(); ++i)
    if (active_[i])
      h += (end_s - since_[i]) / 3600;
  return h;
}

} // namespace aidcsim
