// A rack bound to its hosts: what a power cycle does to SimGrid's hosts, to the energy plugin and
// to what stays behind in SimGrid after it (engine/sim/unwatched_exec.hpp, host_power_watch.hpp).
#include "engine/input/scenario.hpp"
#include "engine/sim/host_power_watch.hpp"
#include "engine/sim/simgrid_platform.hpp"
#include "engine/sim/simulation.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace {
const std::string source = AIDCSIM_SOURCE_DIR;
namespace sg4 = simgrid::s4u;
} // namespace

// The closed form of test/data/bound-rack-one-outage.yaml: 185 min at the rack's full power
// (72 x 2013.8889 W, the platform's), 55 min off at 0 W.
TEST(RackPowerCycle, EnergyOfOneOutageIsTheClosedForm) {
  const auto scenario = aidcsim::load_scenario(source + "/test/data/bound-rack-one-outage.yaml");
  const auto r = aidcsim::run_scenario(scenario);
  const double closed_form_kwh = 72 * 2013.8889 * 185 * 60 / 3.6e6;
  EXPECT_NEAR(r.it_energy_kwh, closed_form_kwh, 1e-9 * closed_form_kwh); // as FullLoadRun's
  EXPECT_NEAR(r.facility.number("it_downtime_min"), 50.0, 1e-6);
  EXPECT_NEAR(r.facility.number("it_service_downtime_min"), 55.0, 1e-6);
}

// SimGrid 3.32 leaves one Host::on_state_change callback per execution its host turned off: 72 per
// cycle of an NVL72 rack, each walked at every later host state change. About 170 cycles must
// leave the signal as it was.
TEST(RackPowerCycle, CyclesLeaveNoCallbacksBehind) {
  auto scenario = aidcsim::load_scenario(source + "/test/data/ups-only-bound-rack.yaml");
  scenario.duration_s = 100 * 365.0 * 86400;
  const auto r = aidcsim::run_scenario(scenario);
  ASSERT_GT(r.facility.number("outage_episodes.it_lost"), 100.0);
  // The energy plugin's, SimGrid's VM model's and the watch's callbacks; none per execution.
  EXPECT_LE(sg4::Host::on_state_change.get_slot_count(), 3);
}

// The watch lists the racks whose hosts changed state or pstate since the last read, and only
// those.
TEST(HostPowerWatch, ListsTheRacksWhoseHostsChanged) {
  auto engine = aidcsim::load_simgrid_platform(source + "/platforms/gb200-nvl72-x8.xml");
  std::map<std::string, std::vector<sg4::Host*>> racks;
  for (sg4::Host* h : engine->get_all_hosts())
    if (const char* rack = h->get_property("rack"); rack != nullptr && h->get_property("chip") != nullptr)
      racks[rack].push_back(h);
  std::vector<std::vector<sg4::Host*>> hosts_of_load;
  for (auto& [name, hosts] : racks)
    hosts_of_load.push_back(hosts);
  ASSERT_EQ(hosts_of_load.size(), 8u);
  aidcsim::HostPowerWatch watch(hosts_of_load);
  EXPECT_EQ(watch.take_changed(), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7})); // the first read
  EXPECT_TRUE(watch.take_changed().empty());
  hosts_of_load[5][3]->turn_off();
  hosts_of_load[2][0]->set_pstate(1);
  hosts_of_load[5][4]->turn_off();
  EXPECT_EQ(watch.take_changed(), (std::vector<int>{2, 5}));
  EXPECT_TRUE(watch.take_changed().empty());
  hosts_of_load[5][3]->turn_on();
  EXPECT_EQ(watch.take_changed(), (std::vector<int>{5}));
  watch.mark_all();
  EXPECT_EQ(watch.take_changed().size(), 8u);
}
