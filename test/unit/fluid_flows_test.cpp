// The fluid flow model against closed forms of SimGrid's LV08 sharing (models/network/fluid_flows.hpp).
#include "models/network/fluid_flows.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using aidcsim::network::FluidFlow;
using aidcsim::network::FluidLink;
using aidcsim::network::FluidModel;
using aidcsim::network::simulate_flows;

TEST(FluidFlows, OneFlowPaysItsLatencyThenMovesAtTheNarrowestLink) {
  const std::vector<FluidLink> links{{50e9, 1e-6}, {900e9, 0.5e-6}};
  const double bytes = 1e9;
  const auto r = simulate_flows(links, {FluidFlow{bytes, {0, 1}, {}}});
  EXPECT_NEAR(r.last_arrival_s, 13.01 * 1.5e-6 + bytes / (0.97 * 50e9), 1e-12);
  EXPECT_EQ(r.solves, 1u);
}

TEST(FluidFlows, TheTcpWindowBoundsALongRoute) {
  const std::vector<FluidLink> links{{50e9, 1e-3}}; // 1 ms: 4194304 / 2 ms = 2.1 GB/s
  const auto r = simulate_flows(links, {FluidFlow{1e9, {0}, {}}});
  EXPECT_NEAR(r.last_arrival_s, 13.01e-3 + 1e9 / (0.97 * 4194304 / 2e-3), 1e-9);
}

// Two flows on one link share it inversely to their penalties (latency + 20537 / bandwidth per
// link); when the first arrives the second takes the whole link.
TEST(FluidFlows, SharesFollowPenaltiesAndFreeUpOnArrival) {
  const double c = 10e9;
  const std::vector<FluidLink> links{{c, 0}, {c, 1e-6}, {100e9, 5e-6}};
  // Flow a: link 0 and 1; flow b: link 0 and 2 (a longer, wider second hop).
  const double pa = 1e-6 + 20537 / c + 20537 / c, pb = 5e-6 + 20537 / c + 20537 / 100e9;
  const double va = c / pa / (1 / pa + 1 / pb) / 1, vb = c / pb / (1 / pa + 1 / pb);
  FluidModel m;
  m.crosstraffic = 0;
  m.latency_factor = 0; // both start at once
  const double bytes = 1e9;
  const auto r = simulate_flows(links, {FluidFlow{bytes, {0, 1}, {}}, FluidFlow{bytes, {0, 2}, {}}}, m);
  ASSERT_GT(va, vb);
  const double ta = bytes / (0.97 * va);
  const double left_b = bytes - 0.97 * vb * ta;
  EXPECT_NEAR(r.last_arrival_s, ta + left_b / (0.97 * c), 1e-12 * r.last_arrival_s);
  EXPECT_EQ(r.solves, 2u);
}

// A ring over split links: each node's downlink carries its predecessor's flow and, at 5 %, the
// acknowledgements of its own: every flow gets the link's capacity over 1.05.
TEST(FluidFlows, CrossTrafficInARing) {
  const int n = 12;
  const double c = 50e9, lat = 1e-6;
  std::vector<FluidLink> links;
  for (int i = 0; i < n; ++i) {
    links.push_back({c, lat}); // 2i: node i up
    links.push_back({c, lat}); // 2i + 1: node i down
  }
  std::vector<FluidFlow> flows;
  const double bytes = 4e8;
  for (int i = 0; i < n; ++i) {
    const int j = (i + 1) % n;
    flows.push_back({bytes, {2 * i, 2 * j + 1}, {2 * j, 2 * i + 1}});
  }
  const auto r = simulate_flows(links, flows);
  EXPECT_NEAR(r.last_arrival_s, 13.01 * 2 * lat + bytes / (0.97 * c / 1.05), 1e-9 * r.last_arrival_s);
  EXPECT_EQ(r.solves, 1u);
}

TEST(FluidFlows, LaterStartsJoinTheSharing) {
  // A short route starts sharing first; a long one joins at its own latency.
  const double c = 10e9;
  const std::vector<FluidLink> links{{c, 1e-6}, {1e12, 1e-3}};
  FluidModel m;
  m.crosstraffic = 0;
  m.weight_s = 0;
  m.tcp_gamma_bytes = 1e30;
  const double bytes = 1e9;
  const auto r = simulate_flows(links, {FluidFlow{bytes, {0}, {}}, FluidFlow{bytes, {0, 1}, {}}}, m);
  // a alone until 13.01 ms, then shares by penalties 1e-6 and 1.001e-3.
  const double t1 = 13.01 * 1.001e-3, pa = 1e-6, pb = 1.001e-3;
  const double done_a = c * (t1 - 13.01e-6) * 0.97;
  ASSERT_LT(done_a, bytes);
  const double va = c / pa / (1 / pa + 1 / pb), vb = c / pb / (1 / pa + 1 / pb);
  const double ta = t1 + (bytes - done_a) / (0.97 * va);
  const double left_b = bytes - 0.97 * vb * (ta - t1);
  EXPECT_NEAR(r.last_arrival_s, ta + left_b / (0.97 * c), 1e-9 * r.last_arrival_s);
}
