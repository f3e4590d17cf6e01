// The route book against SimGrid's own routes, pair by pair, on generated clusters.
#include "engine/sim/rank_order.hpp"
#include "engine/sim/route_book.hpp"
#include "engine/sim/simgrid_platform.hpp"
#include "test/sim/generated_platform.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

namespace sg4 = simgrid::s4u;
using Pairs = std::vector<std::pair<sg4::Host*, sg4::Host*>>;

aidcsim::RouteBook::Links simgrid_route(sg4::Host* a, sg4::Host* b) {
  std::vector<sg4::Link*> route;
  double latency = 0;
  a->route_to(b, route, &latency);
  aidcsim::RouteBook::Links out(route.begin(), route.end());
  std::sort(out.begin(), out.end());
  return out;
}

// Tensor rings of 8, pipeline hops of 8 and a data ring of stride 128 over the first n ranks:
// routes inside a rack, between racks of a leaf group and across the core.
Pairs job_pairs(const std::vector<sg4::Host*>& ranks, std::size_t n) {
  Pairs pairs;
  for (std::size_t r = 0; r < n; ++r) {
    pairs.emplace_back(ranks[r], ranks[r / 8 * 8 + (r + 1) % 8]);
    pairs.emplace_back(ranks[r], ranks[(r + 8) % n]);
    pairs.emplace_back(ranks[r], ranks[(r + 128) % n]);
  }
  return pairs;
}

void expect_every_route_as_simgrid(const std::string& platform, std::size_t n) {
  auto engine = aidcsim::load_simgrid_platform(platform);
  auto ranks = engine->get_filtered_hosts([](sg4::Host* h) { return h->get_property("chip") != nullptr; });
  aidcsim::sort_in_rank_order(ranks);
  const Pairs pairs = job_pairs(ranks, n);
  aidcsim::RouteBook book;
  ASSERT_TRUE(book.prepare(pairs));
  EXPECT_TRUE(book.composed());
  std::size_t checked = 0;
  for (const auto& [a, b] : pairs) {
    ASSERT_EQ(book.route(a, b), simgrid_route(a, b)) << a->get_name() << " -> " << b->get_name();
    ASSERT_EQ(book.route(b, a), simgrid_route(b, a)) << b->get_name() << " -> " << a->get_name();
    checked += 2;
  }
  EXPECT_EQ(checked, 6 * n);
}

} // namespace

TEST(RouteBook, EveryRouteOfAnNvl72ClusterAsSimGrid) {
  expect_every_route_as_simgrid(aidcsim::test::generated_platform("nvl72", 29, 4), 2048);
}

TEST(RouteBook, EveryRouteOfACloudMatrixClusterAsSimGrid) {
  expect_every_route_as_simgrid(aidcsim::test::generated_platform("cm384", 6, 1), 2048);
}

// Hosts without a "pod" property: the book answers with SimGrid's routes.
TEST(RouteBook, FallsBackWithoutPods) {
  auto engine =
      aidcsim::load_simgrid_platform(std::string(AIDCSIM_SOURCE_DIR) + "/test/data/platform-no-pods.xml");
  const auto hosts = engine->get_all_hosts();
  ASSERT_GE(hosts.size(), 3u);
  const Pairs pairs{{hosts[0], hosts[1]}, {hosts[1], hosts[2]}};
  aidcsim::RouteBook book;
  EXPECT_FALSE(book.prepare(pairs));
  EXPECT_EQ(book.route(hosts[0], hosts[1]), simgrid_route(hosts[0], hosts[1]));
}
