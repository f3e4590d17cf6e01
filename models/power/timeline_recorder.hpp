// The timeline: a row for every state change of a component, a cooling loop, the facility water
// and the facility's power as a whole, for the CSV a scenario asks for (and its plots). A row is
// written only when what it shows changes, so the timeline costs nothing between events.
#pragma once

#include "models/power/battery_full_times.hpp"
#include "models/power/cooling_plant.hpp"
#include "models/power/power_chain.hpp"

#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace aidcsim::power {

// The text refers to storage that lasts for the call that hands the row on (a component's id, its
// kind, its last state): a row is written, not copied, millions of times in a long run. Whoever
// keeps a row copies its text.
struct TimelineRow {
  double time_s;
  std::string_view component;
  std::string_view
      kind; // utility, gensets, switch, ups, distribution, rack, cdu, crah, chiller, ..., water, facility
  std::string_view state;
  double load_kw;
  double state_of_charge;   // UPS only; -1 elsewhere
  double coolant_c = -1000; // cooling loops only
  double chip_c = -1000;
};

class TimelineRecorder {
public:
  TimelineRecorder(const PowerChain& chain, const CoolingPlant& cooling);

  std::function<void(const TimelineRow&)> on_row;
  bool enabled() const { return static_cast<bool>(on_row); }
  // Every row as it stands (the start and the end of the run, so plots span it all).
  void record_all();
  // The rows whose state changed since they were last written.
  void record_changes();
  // The rows of the UPS batteries that become full between now and `until` (at it too, with
  // `inclusive`), before the facility integrates up to it (battery_full_times.hpp).
  void record_batteries_full(double until, bool inclusive);

private:
  void record_chain();
  double node_load_kw(int v) const;
  void record_facility_power();
  void record_loops(bool force);
  void record_water(bool force);

  const PowerChain& chain_;
  const CoolingPlant& cooling_;
  std::vector<std::string_view> ids_, kinds_; // per node: the rows' text that never changes
  std::vector<std::string> loop_ids_;         // per cooling loop: "<rack>/cooling"
  std::vector<std::string> last_state_;       // per node
  std::vector<double> last_load_kw_;          // per node
  std::vector<std::string> last_loop_state_;
  std::string last_water_state_;
  std::string last_facility_key_;
  // The inputs of the last key: the same inputs give the same key, so most events skip formatting.
  double last_supplied_kw_ = std::numeric_limits<double>::quiet_NaN();
  double last_it_kw_ = std::numeric_limits<double>::quiet_NaN();
  BatteryFullTimes batteries_full_;
};

} // namespace aidcsim::power
