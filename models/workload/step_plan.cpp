#include "models/workload/step_plan.hpp"

#include <stdexcept>

namespace aidcsim::workload {

StepPlan plan_step(const StepInput& in) {
  const int n = in.accelerators, tp = in.tensor, pp = in.pipeline, ep = in.expert;
  if (n % (tp * pp) != 0)
    throw std::invalid_argument("plan_step: tensor x pipeline must divide the accelerators");
  StepPlan s;
  s.accelerators = n;
  s.tensor = tp;
  s.pipeline = pp;
  s.expert = ep;
  s.data = n / (tp * pp);
  if (s.data % ep != 0)
    throw std::invalid_argument("plan_step: expert parallelism must divide the data-parallel size");
  const double active = in.active_parameters > 0 ? in.active_parameters : in.parameters;
  const double b = in.tokens_per_step, bytes = in.bytes_per_value;
  s.model_flops_per_step = 6 * active * b;
  s.exec_flops_per_rank = s.model_flops_per_step / n / in.kernel_efficiency;
  s.bubble = static_cast<double>(pp - 1) / in.microbatches;
  const double activations = b / s.data * in.hidden * bytes; // one replica's tokens
  const double layers_per_stage = static_cast<double>(in.layers) / pp;
  if (tp > 1)
    s.tensor_bytes = static_cast<std::uint64_t>(4 * layers_per_stage * activations * 2.0 * (tp - 1) / tp);
  if (ep > 1) {
    const double moe_per_stage = static_cast<double>(in.moe_layers > 0 ? in.moe_layers : in.layers) / pp;
    s.expert_bytes = static_cast<std::uint64_t>(4 * moe_per_stage * activations / tp * in.top_k / ep);
  }
  if (pp > 1)
    s.pipeline_bytes = static_cast<std::uint64_t>(2 * activations / tp);
  // Dense parameters are replicated over all DP ranks; expert ones over the DP / EP ranks that
  // hold the same experts (without EP every parameter is dense).
  const double expert_params = ep > 1 ? in.expert_parameters : 0.0;
  const double dense_params = in.parameters - expert_params;
  auto ring = [&](double params, int holders) {
    return holders > 1 ? static_cast<std::uint64_t>(params * bytes * 2.0 * (holders - 1) / holders)
                       : std::uint64_t{0};
  };
  s.data_stride = tp * pp;
  s.data_bytes = ring(dense_params / (tp * pp), s.data);
  s.expert_data_stride = tp * pp * ep;
  s.expert_data_bytes = ring(expert_params / (tp * pp * ep), s.data / ep);
  return s;
}

} // namespace aidcsim::workload
