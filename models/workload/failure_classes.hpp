// IT failure classes of an AI cluster: what fails, how often per component-hour, what a failure
// takes down (its blast radius) and for how long.
//
// The defaults are derived from the Llama 3 405B pre-training report (54 days on 16,384 H100 GPUs
// in 2,048 hosts of 8: 419 unexpected interruptions, counts by cause in
// ../shared/reference/published-figures.md): a cause attributed to a GPU or to the job's software
// becomes a rate per accelerator-hour, count / (16,384 x 54 x 24 h); a cause attributed to a host
// (CPU, memory, SSD, NIC, power supply, maintenance) a rate per host-hour, count / (2,048 x 54 x 24 h).
#pragma once

#include <string>
#include <vector>

namespace aidcsim::workload {

// What a failure takes down. `job`: nothing is down, the job restarts (software, NCCL timeouts);
// `accelerator`, `host` (its tray or server), `rack`, `pod` (its scale-up domain).
enum class BlastRadius { job, accelerator, host, rack, pod };

// Which components fail at the class's rate: each accelerator, host or scale-up domain (pod), or each
// accelerator of the job (software runs only there).
enum class FailsPer { accelerator, host, pod, job_accelerator };

struct FailureClass {
  std::string name;
  FailsPer per = FailsPer::accelerator;
  double rate_per_component_h = 0;
  BlastRadius takes_down = BlastRadius::host;
  double repair_s = 0; // how long what it took down stays down
};

// The Llama 3 counts behind the defaults.
struct Llama3Run {
  static constexpr double gpus = 16384;
  static constexpr double hosts = 2048;
  static constexpr double days = 54;
  static constexpr double unexpected_interruptions = 419;
};

// One class per cause of the Llama 3 table, with its count there.
struct Llama3Cause {
  const char* name;
  int count;
  FailsPer per;
  BlastRadius takes_down;
};
const std::vector<Llama3Cause>& llama3_causes();

// The default classes: every Llama 3 cause as a rate, hardware repaired in `hardware_repair_s`,
// plus a scale-up switch class (NVLink switch tray, UB switch) that takes down its whole domain,
// off (rate 0) for lack of public data.
std::vector<FailureClass> default_failure_classes(double hardware_repair_s);

const char* blast_radius_name(BlastRadius b);

} // namespace aidcsim::workload
