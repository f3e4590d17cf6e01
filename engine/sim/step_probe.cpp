#include "engine/sim/step_probe.hpp"

#include "engine/sim/fluid_routes.hpp"
#include "engine/sim/unwatched_exec.hpp"

#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Exec.hpp>
#include <simgrid/s4u/Host.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

namespace aidcsim {

namespace sg4 = simgrid::s4u;

namespace {

// A rank's host went off while the fluid model timed a collective.
struct RankWentOff {};

// Every (from, to) pair of ranks sends `bytes` at once; returns how long until the last arrives.
// With a fluid model, the time is computed on the same routes and the probe waits it out (its
// hosts are idle meanwhile, as while SimGrid's flows run); a rank whose host went off meanwhile
// fails the probe as a failed flow would.
double exchange_all(const RouteBook::Pairs& pairs, std::uint64_t bytes, const std::vector<sg4::Host*>& ranks,
                    const std::optional<network::FluidModel>& fluid, RouteBook& book,
                    workload::StepTime& step) {
  if (bytes == 0 || pairs.empty())
    return 0.0;
  if (fluid) {
    const network::FluidResult r = fluid_exchange(pairs, bytes, *fluid, book);
    step.fluid_flows += r.flows;
    step.fluid_solved_flows += r.solved_flows;
    const double t = r.last_arrival_s;
    sg4::this_actor::sleep_for(t);
    for (const auto& [from, to] : pairs)
      if (!ranks[from]->is_on() || !ranks[to]->is_on())
        throw RankWentOff{};
    return t;
  }
  const double start = sg4::Engine::get_clock();
  std::vector<sg4::CommPtr> comms;
  comms.reserve(pairs.size());
  for (const auto& [from, to] : pairs)
    comms.push_back(sg4::Comm::sendto_async(ranks[from], ranks[to], bytes));
  sg4::Comm::wait_all(comms);
  return sg4::Engine::get_clock() - start;
}

// The compute phase: every rank executes `flops` at once. The executions are started and waited
// for by one helper actor per group of ranks (a rack, by the hosts' "rack" property, or 72
// consecutive ranks): SimGrid 3.32 removes an ended execution from its actor's list by scanning
// the whole list, so one actor holding 98,304 executions would cost their number squared. They
// are started without SimGrid's per-execution host callback, in one kernel call per group
// (unwatched_exec.hpp): a helper runs on its rack's first host, and a rack's hosts turn off
// together (the facility powers racks by the same property; hosts without it are never bound and
// never turn off), so a rack losing power kills its helper, which cancels its executions. A
// failed execution or a helper killed with its host ends the whole phase at once, as a failed
// execution of the probe's own did: the probe actor is killed (its on_exit reports the failure)
// and so are the other helpers, which cancels their executions.
struct ComputePhase {
  sg4::ActorPtr probe;
  // The helpers by pid, not ActorPtr: each helper's code holds the phase, and SimGrid keeps an
  // ended actor's code while an ActorPtr to it lives, so holding them here made a reference cycle
  // that freed neither the phase nor any helper (nor its stack). A helper no longer found has
  // ended, where killing it did nothing.
  std::vector<aid_t> helpers;
  bool failed = false;
  void fail(const sg4::Actor* self) {
    if (failed)
      return;
    failed = true;
    for (const aid_t pid : helpers)
      if (const sg4::ActorPtr h = sg4::Actor::by_pid(pid); h != nullptr && h.get() != self)
        h->kill();
    probe->kill();
  }
};

std::vector<std::vector<sg4::Host*>> compute_groups(const std::vector<sg4::Host*>& ranks) {
  std::vector<std::vector<sg4::Host*>> groups;
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < ranks.size(); ++r) {
    const char* rack = ranks[r]->get_property("rack");
    std::string key = rack != nullptr ? std::string(rack) : std::string("#");
    if (rack == nullptr)
      key += std::to_string(r / 72);
    const auto [it, fresh] = index.emplace(key, groups.size());
    if (fresh)
      groups.emplace_back();
    groups[it->second].push_back(ranks[r]);
  }
  return groups;
}

void compute_on_all(const std::vector<sg4::Host*>& ranks, double flops) {
  auto phase = std::make_shared<ComputePhase>();
  phase->probe = sg4::Actor::self();
  std::vector<sg4::ActorPtr> helpers;
  for (const auto& group : compute_groups(ranks)) {
    helpers.push_back(sg4::Actor::init("step-probe-compute", group.front())
                          ->set_stacksize(64) // KiB: it only starts and waits
                          ->start([phase, group, flops] {
                            sg4::this_actor::on_exit([phase](bool failed) {
                              if (failed)
                                phase->fail(sg4::Actor::self());
                            });
                            std::vector<ExecRequest> requests;
                            requests.reserve(group.size());
                            for (auto* h : group)
                              requests.push_back({h, flops});
                            const auto execs = start_unwatched_execs(requests, "step-probe");
                            try {
                              for (const auto& e : execs)
                                e->wait();
                            } catch (const simgrid::HostFailureException&) {
                              phase->fail(sg4::Actor::self());
                            }
                          }));
    phase->helpers.push_back(helpers.back()->get_pid());
  }
  for (const auto& h : helpers)
    h->join();
  if (phase->failed)
    throw RankWentOff{};
}

workload::StepTime measure(const std::vector<sg4::Host*>& ranks, const workload::StepPlan& plan,
                           double throttled_speed_ratio, const std::optional<network::FluidModel>& fluid) {
  workload::StepTime t;
  t.fluid = fluid.has_value();
  const int n = static_cast<int>(ranks.size());
  const int tp = plan.tensor, pp = plan.pipeline;
  // Compute: one execution per rank, all at once.
  const double start = sg4::Engine::get_clock();
  compute_on_all(ranks, plan.exec_flops_per_rank);
  t.compute_s = sg4::Engine::get_clock() - start;
  // Collectives: each rank's share to its neighbour (rings), or to each peer (all-to-all).
  RouteBook::Pairs tensor, expert, pipeline, data, expert_data;
  const int replica = tp * pp, ep = plan.expert;
  for (int r = 0; r < n; ++r) {
    const int group = r / tp * tp;
    if (tp > 1)
      tensor.emplace_back(r, group + (r - group + 1) % tp);
    // EP group: EP consecutive data-parallel replicas; every member sends to every other.
    const int d = r / replica, first = d / ep * ep;
    for (int k = 1; k < ep; ++k)
      expert.emplace_back(r, (first + (d - first + k) % ep) * replica + r % replica);
    const int stage = (r / tp) % pp;
    if (pp > 1 && stage < pp - 1)
      pipeline.emplace_back(r, r + tp);
    if (plan.data_bytes > 0)
      data.emplace_back(r, (r + plan.data_stride) % n);
    if (plan.expert_data_bytes > 0) // the next replica group with the same experts
      expert_data.emplace_back(r, (r + plan.expert_data_stride) % n);
  }
  // One route book for every collective: the hosts' parts are learned once, and checked against
  // SimGrid's routes on a sample of each collective's pairs.
  RouteBook book;
  if (fluid) {
    RouteBook::Pairs sample;
    for (const auto* phase : {&tensor, &expert, &pipeline, &data, &expert_data}) {
      const std::size_t step = std::max<std::size_t>(1, phase->size() / 32);
      for (std::size_t i = 0; i < phase->size(); i += step)
        sample.push_back((*phase)[i]);
    }
    book.prepare(ranks, sample);
  }
  t.tensor_s = exchange_all(tensor, plan.tensor_bytes, ranks, fluid, book, t);
  t.expert_s = exchange_all(expert, plan.expert_bytes, ranks, fluid, book, t);
  t.pipeline_s = exchange_all(pipeline, plan.pipeline_bytes, ranks, fluid, book, t);
  t.data_s = exchange_all(data, plan.data_bytes, ranks, fluid, book, t) +
             exchange_all(expert_data, plan.expert_data_bytes, ranks, fluid, book, t);
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
