#include "models/workload/step_plan.hpp"

#include <cmath>
#include <stdexcept>

namespace aidcsim::workload {

StepPlan plan_step(int n, int tp, int pp, double p, int layers, double hidden, double bytes, double b, int m,
                   double efficiency) {
  if (n % (tp * pp) != 0)
    throw std::invalid_argument("plan_step: tensor x pipeline must divide the accelerators");
  StepPlan s;
  s.accelerators = n;
  s.tensor = tp;
  s.pipeline = pp;
  s.data = n / (tp * pp);
  s.model_flops_per_step = 6 * p * b;
  s.exec_flops_per_rank = s.model_flops_per_step / n / efficiency;
  s.bubble = static_cast<double>(pp - 1) / m;
  const double replica_tokens = b / s.data;
  const double activations = replica_tokens * hidden * bytes;
  const double layers_per_stage = static_cast<double>(layers) / pp;
  if (tp > 1)
    s.tensor_bytes = static_cast<std::uint64_t>(4 * layers_per_stage * activations * 2.0 * (tp - 1) / tp);
  if (pp > 1)
    s.pipeline_bytes = static_cast<std::uint64_t>(2 * activations / tp);
  if (s.data > 1)
    s.data_bytes = static_cast<std::uint64_t>(p / (tp * pp) * bytes * 2.0 * (s.data - 1) / s.data);
  return s;
}

} // namespace aidcsim::workload
