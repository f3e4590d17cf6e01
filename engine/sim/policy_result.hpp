// What the battery policies (battery_policy_run.hpp) did over a run.
#pragma once

#include <string>

namespace aidcsim {

struct PolicyResult {
  bool present = false;
  bool checkpoint = false, cap = false, shed = false; // which policies ran
  double checkpoint_after_s = 0, cap_after_s = 0, shed_after_s = 0;
  std::string shed_workload;    // inference or training
  long shed_racks = 0;          // racks of that workload
  long job_on_battery = 0;      // times the job's racks went on battery
  long checkpoints = 0;         // written by the policy
  long checkpoints_skipped = 0; // the battery would not outlast the write
  double capped_rack_h = 0;     // rack-hours at the lowest pstate by the cap
  double shed_rack_h = 0;       // rack-hours shed (off, then booting)
  double job_on_battery_h = 0;  // hours some of the job's racks ran on battery
};

} // namespace aidcsim
