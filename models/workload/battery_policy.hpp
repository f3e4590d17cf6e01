// Policies for racks that run on their UPS batteries (the grid is lost and nothing else carries
// them yet, or nothing will): a training job checkpoints while the battery can carry the write;
// the racks cap their power (their lowest pstate) so the battery lasts longer than its share of the
// load would suggest (Peukert: t = H (P_rated / P)^k, ups_battery.hpp); the racks of one workload
// are shed so the other's last longer.
//
// Each waits `after` seconds on battery first: a genset plant that starts in 10 s takes the load
// before a checkpoint or a cap would help, and then neither costs anything. The checkpoint is
// written a second time just before the battery is empty (`before_empty`): the write starts when
// the battery's runtime at what it carries now is down to the write and a margin, so the work
// done on battery is saved too.
#pragma once

#include <cmath>
#include <optional>
#include <string>

namespace aidcsim::workload {

struct CheckpointOnBattery {
  double after_s = 0;       // checkpoint once the job's racks are this long on battery
  bool before_empty = true; // and again when the battery has just the write and the margin left
  double margin_s = 30;     // kept in reserve for the runtime's estimate
};

// The racks of one workload (those of its accelerators and none of the other's) are turned off
// while on battery, so the battery carries the rest longer; back after their boot once the UPS
// has its input again.
struct ShedOnBattery {
  std::string workload; // inference or training
  double after_s = 0;
};

struct BatteryPolicySpec {
  std::optional<CheckpointOnBattery> checkpoint;
  std::optional<double> cap_after_s; // racks this long on battery run at their lowest pstate
  std::optional<ShedOnBattery> shed;
  bool any() const { return checkpoint || cap_after_s || shed; }
  // Not a battery policy: the job's returns to computing come up in the stages its genset plants
  // accept (engine/sim/power_dynamics_run.hpp).
  bool staged_restart = false;
};

// The write is started only if the battery, at what it carries now, outlasts it. A rack draws
// less while the job writes (power dynamics), so the test errs on the safe side.
inline bool checkpoint_fits(double runtime_s, double write_s) {
  return runtime_s >= write_s;
}

// When the last write before the battery is empty starts: runtime_s is what the battery has left
// at `now` at what it carries.
inline double last_checkpoint_start_s(double now, double runtime_s, double write_s, double margin_s) {
  return now + runtime_s - write_s - margin_s;
}

// A battery that lasts h_s from full at p_rated_kw, with Peukert exponent k, carries p_kw for
// before_s seconds and then p_cap_kw: the seconds from the start until it is empty (closed form of
// the state of charge, ups_battery.hpp: ds/dt = -(P / P_rated)^k / h; before_s no later than the
// battery lasts at p_kw).
inline double capped_runtime_s(double h_s, double p_rated_kw, double k, double p_kw, double before_s,
                               double p_cap_kw) {
  const double left = 1.0 - before_s * std::pow(p_kw / p_rated_kw, k) / h_s;
  return before_s + left * h_s * std::pow(p_rated_kw / p_cap_kw, k);
}

} // namespace aidcsim::workload
