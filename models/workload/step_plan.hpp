// One training step of a job with tensor (TP), pipeline (PP) and data (DP) parallelism, as the
// work and traffic each accelerator has (Megatron-style layout; Narayanan et al., SC'21):
//
//   compute    6 P B / N FLOPs per accelerator (forward and backward of P parameters over the
//              B tokens of the global batch), run at `kernel_efficiency` of peak, stretched by the
//              pipeline bubble (PP - 1) / m with m microbatches
//   TP         per layer of its stage, 4 all-reduces (2 forward, 2 backward) of the activations of
//              its replica's tokens, B / DP x hidden values; a ring all-reduce sends 2 (TP-1)/TP of
//              the volume from each rank to its neighbour
//   PP         each stage boundary passes the activations forward and their gradients back,
//              B / DP x hidden values, split over the TP ranks
//   DP         gradients of P / (TP PP) parameters, ring all-reduced: 2 (DP-1)/DP of them per rank
//
// Ranks: r = (d PP + p) TP + t over the job's accelerators in platform order, so a TP group is
// contiguous (inside one scale-up domain when TP divides its size) and DP crosses domains.
#pragma once

#include <cstdint>

namespace aidcsim::workload {

struct StepPlan {
  int accelerators = 0, tensor = 1, pipeline = 1, data = 1;
  double model_flops_per_step = 0;  // 6 P B, the FLOPs MFU counts
  double exec_flops_per_rank = 0;   // what each accelerator executes (model share / efficiency)
  double bubble = 0;                // (PP - 1) / microbatches
  std::uint64_t tensor_bytes = 0;   // per rank, to its TP ring neighbour
  std::uint64_t pipeline_bytes = 0; // per rank of stages 0..PP-2, to the next stage
  std::uint64_t data_bytes = 0;     // per rank, to its DP ring neighbour
};

StepPlan plan_step(int accelerators, int tensor, int pipeline, double parameters, int layers, double hidden,
                   double bytes_per_value, double tokens_per_step, int microbatches,
                   double kernel_efficiency);

// The measured phases of one step, and the step.
struct StepTime {
  double compute_s = 0, tensor_s = 0, pipeline_s = 0, data_s = 0;
  double step_s = 0;           // compute x (1 + bubble) + the three collectives, not overlapped
  double throttled_step_s = 0; // the same with compute at the throttled speed
};

} // namespace aidcsim::workload
