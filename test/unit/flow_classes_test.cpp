// Classes of flows the fluid sharing cannot tell apart (models/network/flow_classes.hpp), and the
// fluid model solved once per class against the same flows solved one by one.
#include "engine/input/workload_spec.hpp"
#include "models/network/flow_classes.hpp"
#include "models/network/fluid_flows.hpp"

#include <gtest/gtest.h>

#include <random>

namespace {

using aidcsim::network::FluidFlow;
using aidcsim::network::FluidLink;
using aidcsim::network::FluidModel;
using aidcsim::network::FluidResult;
using aidcsim::network::Incidence;
using aidcsim::network::refine_classes;
using aidcsim::network::simulate_flows;

// Flows i -> i + 1 on a ring of n nodes: node i's up link is 2i, its down link 2i + 1.
Incidence ring(int n) {
  Incidence inc;
  for (int i = 0; i < n; ++i) {
    const int j = (i + 1) % n;
    for (int l : {2 * i, 2 * j + 1}) {
      inc.link.push_back(static_cast<std::uint32_t>(l));
      inc.weight_class.push_back(0);
    }
    for (int l : {2 * j, 2 * i + 1}) {
      inc.link.push_back(static_cast<std::uint32_t>(l));
      inc.weight_class.push_back(1);
    }
    inc.first.push_back(static_cast<std::uint32_t>(inc.link.size()));
  }
  return inc;
}

struct Solved {
  FluidResult by_classes, one_by_one;
};

Solved both_ways(const std::vector<FluidLink>& links, const std::vector<FluidFlow>& flows) {
  FluidModel whole;
  whole.by_classes = false;
  return {simulate_flows(links, flows), simulate_flows(links, flows, whole)};
}

// Two-level fabric: `pods` pods of `hosts` hosts, each host with a NIC up and down, each pod one
// uplink up and down, every host sending to the same host index in the next `fan` pods.
struct Fabric {
  std::vector<FluidLink> links;
  std::vector<FluidFlow> flows;
};

Fabric fabric(int pods, int hosts, int fan, double pod_bps) {
  Fabric f;
  const double nic_bps = 50e9;
  auto nic_up = [&](int p, int h) { return 2 * (p * hosts + h); };
  auto nic_down = [&](int p, int h) { return 2 * (p * hosts + h) + 1; };
  const int pod_base = 2 * pods * hosts;
  auto pod_up = [&](int p) { return pod_base + 2 * p; };
  auto pod_down = [&](int p) { return pod_base + 2 * p + 1; };
  for (int i = 0; i < pods * hosts; ++i) {
    f.links.push_back({nic_bps, 1e-6});
    f.links.push_back({nic_bps, 1e-6});
  }
  for (int p = 0; p < pods; ++p) {
    f.links.push_back({pod_bps, 2e-6});
    f.links.push_back({pod_bps, 2e-6});
  }
  for (int p = 0; p < pods; ++p)
    for (int h = 0; h < hosts; ++h)
      for (int k = 1; k <= fan; ++k) {
        const int q = (p + k) % pods;
        f.flows.push_back({64e6,
                           {nic_up(p, h), pod_up(p), pod_down(q), nic_down(q, h)},
                           {nic_up(q, h), pod_up(q), pod_down(p), nic_down(p, h)}});
      }
  return f;
}

} // namespace

TEST(FlowClasses, ARingIsOneClass) {
  const int n = 50;
  const auto c =
      refine_classes(ring(n), std::vector<std::uint32_t>(n, 0), std::vector<std::uint32_t>(2 * n, 0), 64);
  EXPECT_TRUE(c.stable);
  EXPECT_EQ(c.flow_classes, 1u);
  // An up link carries its node's flow and, at the cross traffic's weight, the reverse of the
  // flow into its node; a down link the flow into its node and the reverse of its node's flow:
  // the same mix, so one class.
  EXPECT_EQ(c.link_classes, 1u);
}

// A ring of n flows whose node 0 up link is slower than the others, refined within `passes`.
aidcsim::network::Classes ring_with_one_odd_link(int n, double passes) {
  std::vector<std::uint32_t> link_key(2 * n, 0);
  link_key[0] = 1;
  return refine_classes(ring(n), std::vector<std::uint32_t>(n, 0), std::move(link_key), passes);
}

// One slower link breaks the ring into a chain: each flow's distance from it is its class. The
// change travels one flow per round, each round visiting only what changed.
TEST(FlowClasses, OneOddLinkSplitsARingIntoAChain) {
  const int n = 51;
  const auto c = ring_with_one_odd_link(n, 64);
  EXPECT_TRUE(c.stable);
  EXPECT_EQ(c.flow_classes, static_cast<std::uint32_t>(n)); // no two flows alike on a chain without mirror
  EXPECT_LT(c.work_passes, 10.0);
}

TEST(FlowClasses, StopsAtItsWorkBound) {
  EXPECT_FALSE(ring_with_one_odd_link(51, 2.5).stable);
}

// The fluid model per class equals the fluid model per flow, to rounding.
TEST(FlowClasses, AFabricSolvedByClassesEqualsEveryFlow) {
  const Fabric f = fabric(12, 8, 3, 8 * 50e9 / 4); // a 4:1 pod uplink: the pods are the bottleneck
  const Solved s = both_ways(f.links, f.flows);
  EXPECT_EQ(s.by_classes.flows, f.flows.size());
  EXPECT_EQ(s.by_classes.solved_flows, 1u);
  EXPECT_EQ(s.one_by_one.solved_flows, f.flows.size());
  EXPECT_NEAR(s.by_classes.last_arrival_s, s.one_by_one.last_arrival_s, 1e-12 * s.one_by_one.last_arrival_s);
  EXPECT_GT(s.one_by_one.last_arrival_s, 64e6 / (0.97 * 50e9));
}

// A pod with a narrower uplink and one host per pod sending twice as much: pods fall in classes
// by their distance from the narrow one, hosts by their bytes; several bottlenecks and arrivals
// at different times. Still equal.
Fabric uneven_fabric() {
  Fabric f = fabric(10, 6, 2, 6 * 50e9 / 2);
  f.links[2 * 10 * 6 + 2 * 3].bandwidth_Bps /= 3; // pod 3's uplink
  for (std::size_t i = 0; i < f.flows.size(); i += 12)
    f.flows[i].bytes *= 2; // host 0 of each pod
  return f;
}

TEST(FlowClasses, AnUnevenFabricSolvedByClassesEqualsEveryFlow) {
  const Fabric f = uneven_fabric();
  const Solved s = both_ways(f.links, f.flows);
  // Directed flows to the next two pods leave no mirror: each of the 10 pods is its own class,
  // and so is each (pod, host 0 or another host, one or two pods ahead): 40 of 120 flows.
  EXPECT_EQ(s.by_classes.solved_flows, 40u);
  EXPECT_GT(s.one_by_one.solves, 2u);
  EXPECT_EQ(s.by_classes.solves, s.one_by_one.solves);
  EXPECT_NEAR(s.by_classes.last_arrival_s, s.one_by_one.last_arrival_s, 1e-12 * s.one_by_one.last_arrival_s);
}

// Random pairs on top leave few flows alike; the answer stays the same.
TEST(FlowClasses, RandomPairsSolvedByClassesEqualEveryFlow) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    Fabric f = uneven_fabric();
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> host(0, 59);
    for (int k = 0; k < 15; ++k) {
      const int a = host(rng), b = host(rng);
      if (a / 6 != b / 6)
        f.flows.push_back({32e6,
                           {2 * a, 120 + 2 * (a / 6), 121 + 2 * (b / 6), 2 * b + 1},
                           {2 * b, 120 + 2 * (b / 6), 121 + 2 * (a / 6), 2 * a + 1}});
    }
    const Solved s = both_ways(f.links, f.flows);
    EXPECT_NEAR(s.by_classes.last_arrival_s, s.one_by_one.last_arrival_s, 1e-12 * s.one_by_one.last_arrival_s)
        << "seed " << seed;
  }
}

// Without the classes within the work bound, every flow is solved, with the same answer.
TEST(FlowClasses, FallsBackToEveryFlow) {
  const Fabric f = uneven_fabric(); // its classes take several rounds after the first two passes
  FluidModel tight;
  tight.class_passes = 2.1;
  const FluidResult r = simulate_flows(f.links, f.flows, tight);
  EXPECT_EQ(r.solved_flows, f.flows.size());
  EXPECT_NEAR(r.last_arrival_s, simulate_flows(f.links, f.flows).last_arrival_s, 1e-12 * r.last_arrival_s);
}

// "auto" times a probe with SimGrid's flows only while they are few: up to 4,096 ranks and
// 32,768 all-to-all flows (the shipped 512-GPU MoE job, EP 32: 15,872 flows, stays on SimGrid's).
TEST(FlowClasses, AutoProbeTakesTheFluidModelForManyRanksOrFlows) {
  EXPECT_FALSE(aidcsim::fluid_probe_by_default(4096, 1));
  EXPECT_TRUE(aidcsim::fluid_probe_by_default(4097, 1));
  EXPECT_FALSE(aidcsim::fluid_probe_by_default(512, 32));
  EXPECT_FALSE(aidcsim::fluid_probe_by_default(1024, 33)); // 32,768 flows
  EXPECT_TRUE(aidcsim::fluid_probe_by_default(1024, 34));
  EXPECT_TRUE(aidcsim::fluid_probe_by_default(2048, 32));
}
