// The fluid flow model on a platform's routes against SimGrid's own flows: the same host pairs
// sending at once, timed both ways.
#include "engine/sim/fluid_routes.hpp"
#include "engine/sim/simgrid_platform.hpp"
#include "test/sim/generated_platform.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

namespace {

const std::string source = AIDCSIM_SOURCE_DIR;
namespace sg4 = simgrid::s4u;

std::vector<sg4::Host*> accelerators(const sg4::Engine& e) {
  return e.get_filtered_hosts([](sg4::Host* h) { return h->get_property("chip") != nullptr; });
}

// SimGrid's time for the pairs, then the fluid model's, from one actor.
std::pair<double, double> both_ways(sg4::Engine& engine, const aidcsim::HostPairs& pairs,
                                    std::uint64_t bytes) {
  double simgrid_s = -1, fluid_s = -1;
  sg4::Actor::create("probe", pairs.front().first, [&] {
    const auto model = aidcsim::fluid_model_of_engine();
    ASSERT_TRUE(model.has_value());
    fluid_s = aidcsim::fluid_exchange_s(pairs, bytes, *model);
    const double start = sg4::Engine::get_clock();
    std::vector<sg4::CommPtr> comms;
    for (const auto& [from, to] : pairs)
      comms.push_back(sg4::Comm::sendto_async(from, to, bytes));
    sg4::Comm::wait_all(comms);
    simgrid_s = sg4::Engine::get_clock() - start;
  });
  engine.run();
  return {simgrid_s, fluid_s};
}

} // namespace

// Random pairs over eight NVL72 racks: scale-up and NIC routes mixed. Against SimGrid's full
// sharing update: its default lazy update (network/optim:Lazy) can leave a link shared by two
// flows unshared for one of them, depending on the order the flows started (three flows are
// enough: two from one GPU's NIC to two other pods and a third from its neighbour; both arrive as
// if alone, 1.06 ms for 50 MB at 50 GB/s, where the full update and the fluid model give 2.09 ms).
TEST(FluidRoutes, RandomPairsMatchSimGrid) {
  auto engine =
      aidcsim::load_simgrid_platform(source + "/platforms/gb200-nvl72-x8.xml", {"network/optim:Full"});
  const auto hosts = accelerators(*engine);
  std::mt19937 rng(3);
  std::uniform_int_distribution<std::size_t> pick(0, hosts.size() - 1);
  aidcsim::HostPairs pairs;
  for (int i = 0; i < 400; ++i) {
    auto* a = hosts[pick(rng)];
    auto* b = hosts[pick(rng)];
    if (a != b)
      pairs.emplace_back(a, b);
  }
  const auto [simgrid_s, fluid_s] = both_ways(*engine, pairs, 50'000'000);
  ASSERT_GT(simgrid_s, 0);
  EXPECT_NEAR(fluid_s, simgrid_s, 1e-4 * simgrid_s);
}

// A data-parallel ring (stride 128) over two leaf groups with a 4:1 oversubscribed core.
TEST(FluidRoutes, RingOverAnOversubscribedCoreMatchesSimGrid) {
  auto engine = aidcsim::load_simgrid_platform(aidcsim::test::generated_platform("nvl72", 29, 4));
  const auto hosts = accelerators(*engine);
  const std::size_t n = 2048, stride = 128;
  aidcsim::HostPairs pairs;
  for (std::size_t r = 0; r < n; ++r)
    pairs.emplace_back(hosts[r], hosts[(r + stride) % n]);
  const auto [simgrid_s, fluid_s] = both_ways(*engine, pairs, 200'000'000);
  ASSERT_GT(simgrid_s, 0);
  EXPECT_NEAR(fluid_s, simgrid_s, 1e-4 * simgrid_s);
}

// An all-to-all inside expert groups of 8 on CloudMatrix384 supernodes.
TEST(FluidRoutes, AllToAllOnCloudMatrixMatchesSimGrid) {
  auto engine = aidcsim::load_simgrid_platform(aidcsim::test::generated_platform("cm384", 3, 1));
  const auto hosts = accelerators(*engine);
  aidcsim::HostPairs pairs;
  const std::size_t group = 8, stride = 96;
  for (std::size_t r = 0; r < 768; ++r)
    for (std::size_t k = 1; k < group; ++k) {
      const std::size_t first = r / (group * stride) * (group * stride), local = r % stride,
                        member = (r - first) / stride;
      pairs.emplace_back(hosts[r], hosts[first + ((member + k) % group) * stride + local]);
    }
  const auto [simgrid_s, fluid_s] = both_ways(*engine, pairs, 20'000'000);
  ASSERT_GT(simgrid_s, 0);
  EXPECT_NEAR(fluid_s, simgrid_s, 1e-4 * simgrid_s);
}
