// Measures one training step on the SimGrid platform: the compute phase as executions on every
// rank's host, and each collective as all its ranks sending their ring share to their neighbour
// at once over the platform's real routes (so shared links are contended). The phases run one
// after the other from one actor at the start of the run; the job's later steps accrue at the
// measured rate (models/workload/training_job.hpp).
#pragma once

#include "models/network/fluid_flows.hpp"
#include "models/workload/step_plan.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace simgrid::s4u {
class Host;
}

namespace aidcsim {

// `ranks[r]`: the host of rank r. `throttled_speed_ratio`: speed at the throttled pstate over
// full speed. `done` runs in the probe's actor when the step has been measured; `failed` when it
// could not be (a rank's host was off, or went off while measuring): start it again later. With
// `fluid`, each collective is timed by the fluid model on the same routes (fluid_routes.hpp)
// instead of by SimGrid's flows, whose cost grows with the square of their number.
void start_step_probe(std::vector<simgrid::s4u::Host*> ranks, const workload::StepPlan& plan,
                      double throttled_speed_ratio, std::function<void(const workload::StepTime&)> done,
                      std::function<void()> failed, std::optional<network::FluidModel> fluid = std::nullopt);

} // namespace aidcsim
