// One training step of a job with tensor (TP), pipeline (PP), data (DP) and expert (EP)
// parallelism, as the work and traffic each accelerator has (Megatron-style layout: Narayanan et
// al., SC'21; expert parallelism carved out of data parallelism, as in Megatron-Core MoE):
//
//   compute    6 P_active B / N FLOPs per accelerator (forward and backward over the B tokens of
//              the global batch), run at `kernel_efficiency` of peak, stretched by the pipeline
//              bubble (PP - 1) / m with m microbatches
//   TP         per layer of its stage, 4 all-reduces (2 forward, 2 backward) of the activations of
//              its replica's tokens, B / DP x hidden values; a ring all-reduce sends 2 (TP-1)/TP of
//              the volume from each rank to its neighbour
//   EP         per MoE layer of its stage, 4 all-to-alls (dispatch and combine, forward and
//              backward) of its tokens' activations, B / (DP TP) x hidden x top_k values, of which
//              each rank sends 1/EP to each of the EP - 1 others
//   PP         each stage boundary passes the activations forward and their gradients back,
//              B / DP x hidden values, split over the TP ranks
//   DP         gradients ring all-reduced, 2 (D-1)/D of them per rank over the D ranks holding
//              the same parameters: dense ones (P - P_expert) / (TP PP) over all DP ranks, expert
//              ones P_expert / (TP PP EP) over the DP / EP ranks with the same experts
//
// Ranks: r = (d PP + p) TP + t over the job's accelerators in platform order, so a TP group is
// contiguous (inside one scale-up domain when TP divides its size), an EP group is EP consecutive
// data-parallel replicas (stride TP PP), and DP crosses domains.
#pragma once

#include <cstddef>

#include <cstdint>

namespace aidcsim::workload {

struct StepInput {
  int accelerators = 1, tensor = 1, pipeline = 1, expert = 1;
  double parameters = 0;          // all of them (gradients)
  double active_parameters = 0;   // per token (FLOPs); 0: all
  double expert_parameters = 0;   // in the experts (sharded by EP); the rest are dense
  int layers = 1, moe_layers = 0; // MoE layers (0 with EP > 1: every layer)
  double hidden = 0;
  double top_k = 1;
  double bytes_per_value = 2;
  double tokens_per_step = 0;
  int microbatches = 1;
  double kernel_efficiency = 1;
};

struct StepPlan {
  int accelerators = 0, tensor = 1, pipeline = 1, data = 1, expert = 1;
  double model_flops_per_step = 0;     // 6 P_active B, the FLOPs MFU counts
  double exec_flops_per_rank = 0;      // what each accelerator executes (model share / efficiency)
  double bubble = 0;                   // (PP - 1) / microbatches
  std::uint64_t tensor_bytes = 0;      // per rank, to its TP ring neighbour
  std::uint64_t expert_bytes = 0;      // per rank, to each other rank of its EP group
  std::uint64_t pipeline_bytes = 0;    // per rank of stages 0..PP-2, to the next stage
  std::uint64_t data_bytes = 0;        // dense gradients, per rank, to its DP ring neighbour
  int data_stride = 1;                 // rank distance to that neighbour: TP PP
  std::uint64_t expert_data_bytes = 0; // expert gradients, per rank, to the next rank with its experts
  int expert_data_stride = 1;          // TP PP EP
};

// Throws std::invalid_argument when TP x PP does not divide the accelerators or EP the data
// parallel size.
StepPlan plan_step(const StepInput& in);

// The measured phases of one step, and the step.
struct StepTime {
  double compute_s = 0, tensor_s = 0, expert_s = 0, pipeline_s = 0, data_s = 0;
  double step_s = 0;           // compute x (1 + bubble) + the collectives, not overlapped
  double throttled_step_s = 0; // the same with compute at the throttled speed
  bool fluid = false;          // collectives timed by the fluid model, not by SimGrid's flows
  // The fluid model's flows over every collective, and how many it solved: one per class of
  // flows the sharing cannot tell apart (models/network/flow_classes.hpp), or all of them.
  std::size_t fluid_flows = 0, fluid_solved_flows = 0;
};

} // namespace aidcsim::workload
