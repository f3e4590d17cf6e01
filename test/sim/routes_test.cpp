// Routes through generated platforms: chip-to-chip traffic of a pod stays on the scale-up fabric,
// traffic between pods crosses NICs, the pod uplink, leaf and core, with the catalog's bandwidths
// and latencies.
#include "engine/input/catalog.hpp"
#include "engine/sim/simgrid_platform.hpp"
#include "tools/platform/generator.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

namespace sg4 = simgrid::s4u;

struct Route {
  std::size_t links = 0;
  double bottleneck_gbps = 0;
  double latency_s = 0;
};

Route route(const sg4::Engine& e, const std::string& from, const std::string& to) {
  std::vector<sg4::Link*> links;
  double latency = 0;
  e.host_by_name(from)->route_to(e.host_by_name(to), links, &latency);
  Route r;
  r.links = links.size();
  r.latency_s = latency;
  r.bottleneck_gbps = 1e300;
  for (const auto* l : links)
    r.bottleneck_gbps = std::min(r.bottleneck_gbps, l->get_bandwidth() * 8 / 1e9);
  return r;
}

std::unique_ptr<sg4::Engine> load_generated(const std::string& system, int pods) {
  const auto cat = aidcsim::load_catalog(std::string(AIDCSIM_SOURCE_DIR) + "/platforms/catalog.yaml");
  const std::string path =
      std::string(AIDCSIM_BINARY_DIR) + "/routes-" + system + "-" + std::to_string(pods) + ".xml";
  aidcsim::platform::generate_platform_file(cat, {system, pods, 1.0}, path);
  return aidcsim::load_simgrid_platform(path);
}

} // namespace

TEST(Routes, InsideAnNvl72TheRouteIsTwoNvlinkHops) {
  auto e = load_generated("nvl72", 1);
  const Route r = route(*e, "nvl72-0-gpu0", "nvl72-0-gpu71");
  EXPECT_EQ(r.links, 2u);
  EXPECT_DOUBLE_EQ(r.bottleneck_gbps, 7200.0);
  EXPECT_NEAR(r.latency_s, 1e-6, 1e-15); // catalog scale-up latency, chip to chip
}

TEST(Routes, InsideACloudMatrixTheRouteIsTwoUbHops) {
  auto e = load_generated("cm384", 1);
  const Route r = route(*e, "cm384-0-npu0", "cm384-0-npu383");
  EXPECT_EQ(r.links, 2u);
  EXPECT_DOUBLE_EQ(r.bottleneck_gbps, 2800.0);
}

TEST(Routes, BetweenPodsTrafficCrossesNicsAndTheFabric) {
  auto e = load_generated("nvl72", 16); // two leaf groups: pods 0-13 and 14-15
  // Same leaf group: nic, uplink, leaf port, leaf port, uplink, nic.
  const Route same_leaf = route(*e, "nvl72-0-gpu5", "nvl72-1-gpu5");
  EXPECT_EQ(same_leaf.links, 6u);
  EXPECT_DOUBLE_EQ(same_leaf.bottleneck_gbps, 400.0);
  EXPECT_NEAR(same_leaf.latency_s, 2e-6 + 2 * 150e-9, 1e-15);
  // Across leaf groups: two more links through the core.
  const Route other_leaf = route(*e, "nvl72-0-gpu5", "nvl72-15-gpu5");
  EXPECT_EQ(other_leaf.links, 8u);
  EXPECT_DOUBLE_EQ(other_leaf.bottleneck_gbps, 400.0);
  EXPECT_NEAR(other_leaf.latency_s, 2e-6 + 4 * 150e-9, 1e-15);
  // Inside a pod of the cluster, still NVLink.
  const Route inside = route(*e, "nvl72-15-gpu0", "nvl72-15-gpu1");
  EXPECT_EQ(inside.links, 2u);
  EXPECT_DOUBLE_EQ(inside.bottleneck_gbps, 7200.0);
}
