#include "engine/sim/step_probe.hpp"

#include "engine/sim/fluid_routes.hpp"

#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>

#include <memory>

namespace aidcsim {

namespace sg4 = simgrid::s4u;

namespace {

// A rank's host went off while the fluid model timed a collective.
struct RankWentOff {};

// Every (from, to) pair sends `bytes` at once; returns how long until the last arrives. With a
// fluid model, the time is computed on the same routes and the probe waits it out (its hosts are
// idle meanwhile, as while SimGrid's flows run); a rank whose host went off meanwhile fails the
// probe as a failed flow would.
double exchange_all(const std::vector<std::pair<sg4::Host*, sg4::Host*>>& pairs, std::uint64_t bytes,
                    const std::optional<network::FluidModel>& fluid) {
  if (bytes == 0 || pairs.empty())
    return 0.0;
  if (fluid) {
    const double t = fluid_exchange_s(pairs, bytes, *fluid);
    sg4::this_actor::sleep_for(t);
    for (const auto& [from, to] : pairs)
      if (!from->is_on() || !to->is_on())
        throw RankWentOff{};
    return t;
  }
  const double start = sg4::Engine::get_clock();
  std::vector<sg4::CommPtr> comms;
  comms.reserve(pairs.size());
  for (const auto& [from, to] : pairs)
    comms.push_back(sg4::Comm::sendto_async(from, to, bytes));
  sg4::Comm::wait_all(comms);
  return sg4::Engine::get_clock() - start;
}

workload::StepTime measure(const std::vector<sg4::Host*>& ranks, const workload::StepPlan& plan,
                           double throttled_speed_ratio, const std::optional<network::FluidModel>& fluid) {
  workload::StepTime t;
  t.fluid = fluid.has_value();
  const int n = static_cast<int>(ranks.size());
  const int tp = plan.tensor, pp = plan.pipeline;
  // Compute: one execution per rank, all at once.
  const double start = sg4::Engine::get_clock();
  std::vector<sg4::ExecPtr> execs;
  execs.reserve(n);
  for (auto* h : ranks) {
    auto e = sg4::this_actor::exec_init(plan.exec_flops_per_rank);
    e->set_host(h);
    e->start();
    execs.push_back(e);
  }
  for (auto& e : execs)
    e->wait();
  t.compute_s = sg4::Engine::get_clock() - start;
  // Collectives: each rank's share to its neighbour (rings), or to each peer (all-to-all).
  std::vector<std::pair<sg4::Host*, sg4::Host*>> tensor, expert, pipeline, data, expert_data;
  const int replica = tp * pp, ep = plan.expert;
  for (int r = 0; r < n; ++r) {
    const int group = r / tp * tp;
    if (tp > 1)
      tensor.emplace_back(ranks[r], ranks[group + (r - group + 1) % tp]);
    // EP group: EP consecutive data-parallel replicas; every member sends to every other.
    const int d = r / replica, first = d / ep * ep;
    for (int k = 1; k < ep; ++k)
      expert.emplace_back(ranks[r], ranks[(first + (d - first + k) % ep) * replica + r % replica]);
    const int stage = (r / tp) % pp;
    if (pp > 1 && stage < pp - 1)
      pipeline.emplace_back(ranks[r], ranks[r + tp]);
    if (plan.data_bytes > 0)
      data.emplace_back(ranks[r], ranks[(r + plan.data_stride) % n]);
    if (plan.expert_data_bytes > 0) // the next replica group with the same experts
      expert_data.emplace_back(ranks[r], ranks[(r + plan.expert_data_stride) % n]);
  }
  t.tensor_s = exchange_all(tensor, plan.tensor_bytes, fluid);
  t.expert_s = exchange_all(expert, plan.expert_bytes, fluid);
  t.pipeline_s = exchange_all(pipeline, plan.pipeline_bytes, fluid);
  t.data_s =
      exchange_all(data, plan.data_bytes, fluid) + exchange_all(expert_data, plan.expert_data_bytes, fluid);
  const double comm = t.tensor_s + t.expert_s + t.pipeline_s + t.data_s;
  t.step_s = t.compute_s * (1 + plan.bubble) + comm;
  t.throttled_step_s = t.compute_s / throttled_speed_ratio * (1 + plan.bubble) + comm;
  return t;
}

} // namespace

void start_step_probe(std::vector<sg4::Host*> ranks, const workload::StepPlan& plan,
                      double throttled_speed_ratio, std::function<void(const workload::StepTime&)> done,
                      std::function<void()> failed, std::optional<network::FluidModel> fluid) {
  sg4::Actor::create("step-probe", ranks.front(), [ranks, plan, throttled_speed_ratio, done, failed, fluid] {
    // Killed with its host (a rack losing power), the probe reports the failure on its way out.
    auto measured = std::make_shared<bool>(false);
    sg4::this_actor::on_exit([measured, failed](bool /*killed*/) {
      if (!*measured)
        failed();
    });
    try {
      const workload::StepTime t = measure(ranks, plan, throttled_speed_ratio, fluid);
      *measured = true;
      done(t);
    } catch (const simgrid::HostFailureException&) {
      // a rank's host went off while measuring: on_exit reports it
    } catch (const simgrid::NetworkFailureException&) {
    } catch (const RankWentOff&) {
    }
  });
}

} // namespace aidcsim
