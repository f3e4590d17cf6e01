// One timer on SimGrid's clock: a kernel resource model whose next event is the time it was set
// to (or none), like the facility's and the workload's clocks. The power dynamics' staged restart
// uses it for the end of each stage.
#pragma once

#include "engine/base/event_time.hpp"

#include <simgrid/kernel/resource/Model.hpp>

#include <algorithm>
#include <functional>
#include <limits>

namespace aidcsim {

class TimerModel : public simgrid::kernel::resource::Model {
public:
  explicit TimerModel(std::function<void(double now)> fire)
      : Model("aidcsim-timer"), fire_(std::move(fire)) {}
  void set(double t) { due_ = t; }
  void clear() { due_ = never; }

  double next_occurring_event(double now) override {
    return due_ == never ? -1.0 : std::max(0.0, due_ - now);
  }
  void update_actions_state(double now, double /*delta*/) override {
    if (due_ <= now + event_slack_s(now)) {
      due_ = never;
      fire_(now);
    }
  }

private:
  static constexpr double never = std::numeric_limits<double>::infinity();
  std::function<void(double)> fire_;
  double due_ = never;
};

} // namespace aidcsim
