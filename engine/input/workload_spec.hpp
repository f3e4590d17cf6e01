// The `workload:` section: what the accelerators run. `idle` and `full_load` drive the hosts
// directly; `training` (a job, and optionally an inference service beside it) and `inference`
// run the AI workload core (models/workload/) with IT failures, checkpoints and restarts.
#pragma once

#include "engine/base/diagnostics.hpp"
#include "models/workload/failure_classes.hpp"
#include "models/workload/inference_service.hpp"

#include <optional>
#include <string>
#include <vector>

namespace aidcsim {

struct ModelShape {
  double parameters = 0;        // all of them
  double active_parameters = 0; // per token, for a mixture of experts; 0: all
  double expert_parameters = 0; // in the experts (a mixture of experts with expert parallelism)
  int layers = 0;
  int moe_layers = 0; // layers with experts (0: all, when expert parallelism is used)
  double hidden = 0;
  double top_k = 1;           // experts per token
  double bytes_per_value = 2; // BF16 activations and gradients
};

struct TrainingJobConfig {
  SourcePos where, where_accelerators, where_tensor; // for errors found once the platform is loaded
  int accelerators = 0;                              // 0: every accelerator not serving inference
  int tensor = 1, pipeline = 1, expert = 1;          // data parallel = accelerators / (tensor x pipeline)
  int spares = -1;                                   // hot spares; -1: every accelerator left over
  ModelShape model;
  double tokens_per_step = 0; // global batch
  int microbatches = 1;
  double kernel_efficiency = 1.0;   // achieved fraction of peak in the compute phase
  double checkpoint_interval_s = 0; // 0: Daly's optimum from the job's failure rate
  double checkpoint_write_s = 0;
  double restart_s = 0;
  // How the first step's collectives are timed: "simgrid" (every rank's flows on SimGrid's
  // network model), "fluid" (the same model in closed form on the same routes,
  // models/network/fluid_flows.hpp) or "auto" (fluid above fluid_probe_min_ranks ranks or
  // fluid_probe_min_flows expert all-to-all flows).
  std::string step_probe = "auto";
};

// Above this many ranks "auto" times collectives with the fluid model: SimGrid's own flows cost
// the square of their number (its detached flows sit in one list, scanned at each arrival).
inline constexpr int fluid_probe_min_ranks = 4097;
// And above this many flows in the expert all-to-all (ranks x (EP - 1)): a 2,048-GPU job with EP
// 32 has 63,488, which SimGrid's flows time in about 3 minutes where the fluid model takes well
// under a second, and SimGrid 3.32 crashed on them in its sharing solver (lmm::MaxMin::do_solve)
// on a generated NVL72 cluster with a 4:1 core.
inline constexpr long long fluid_probe_min_flows = 32769;

// Whether "auto" takes the fluid model for a job of this many ranks and this expert parallelism.
constexpr bool fluid_probe_by_default(int ranks, int expert) {
  return ranks >= fluid_probe_min_ranks ||
         static_cast<long long>(ranks) * (expert - 1) >= fluid_probe_min_flows;
}

struct FailuresConfig {
  bool enabled = true;
  double hardware_repair_s = 24 * 3600.0;
  std::vector<workload::FailureClass> classes; // resolved: the defaults with the overrides
  // Where each class's rate was written (the `failures` key, or the file, for a default): the
  // event budget (event_budget.hpp) points there.
  std::vector<SourcePos> where_rate;
};

struct InferenceConfig {
  SourcePos where;
  workload::InferenceSpec spec; // accelerators_per_replica 0: one scale-up domain
};

struct WorkloadSpec {
  std::string kind; // full_load, idle, training, inference
  // Where a facility rack's IT power (and heat) comes from: "hosts", what SimGrid's energy plugin
  // reports for the rack's hosts as the workload drives them; "declared", the rack's `load`. The
  // default is "hosts" for a computing workload and "declared" for idle (an idle platform then
  // only carries the clock, and the facility runs at its stated loads).
  std::string it_power;
  std::optional<TrainingJobConfig> job;
  std::optional<InferenceConfig> inference;
  FailuresConfig failures;
  bool ai() const { return kind == "training" || kind == "inference"; }
};

} // namespace aidcsim
