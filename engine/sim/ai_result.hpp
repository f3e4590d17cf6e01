// What the AI workload delivered over a run: training goodput and tokens, where the accelerators'
// time went by cause, inference served fraction.
#pragma once

#include "models/workload/step_plan.hpp"

#include <map>
#include <string>

namespace aidcsim {

struct TrainingResult {
  int accelerators = 0, tensor = 1, pipeline = 1, data = 1, expert = 1;
  workload::StepTime step;
  bool step_measured = false; // false: the job's accelerators never all had power to measure it
  double tokens_per_step = 0;
  double tokens_per_s = 0; // at full speed, between interruptions
  double mfu = 0;          // model FLOPs / (step time x accelerators x peak)
  double checkpoint_interval_s = 0;
  double job_mtbf_h = 0;       // from the failure rates hitting the job
  double training_goodput = 0; // committed work / wall time
  double job_availability = 0; // wall time not spent restarting or waiting for hardware
  double tokens_trained = 0;
  double effective_tokens_per_s = 0; // tokens trained / wall time
  double delivered_bf16_pflop_days = 0;
  double checkpoint_overhead = 0; // fraction of wall time writing checkpoints
  long checkpoints = 0;
  long interruptions = 0;
  std::map<std::string, double> lost_accelerator_hours; // by cause; also checkpoint, throttled, uncommitted
  std::map<std::string, double> interruptions_per_day;  // by cause
  double energy_per_million_tokens_kwh = 0;
};

struct InferenceResult {
  int replicas = 0, accelerators_per_replica = 0;
  double request_rate_per_s = 0;
  double served_fraction = 1;
  double below_slo_min = 0;
};

struct AiResult {
  bool present = false;
  bool training = false, inference = false;
  TrainingResult job;
  InferenceResult service;
  long it_failures = 0; // all failures in the cluster, spares included
};

} // namespace aidcsim
