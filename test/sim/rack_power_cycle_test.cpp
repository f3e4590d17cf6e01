// A rack bound to its hosts: what a power cycle does to SimGrid's hosts, to the energy plugin and
// to what stays behind in SimGrid after it (engine/sim/unwatched_exec.hpp, host_power_watch.hpp).
#include "engine/base/diagnostics.hpp"
#include "engine/input/scenario.hpp"
#include "engine/sim/host_power_watch.hpp"
#include "engine/sim/simgrid_platform.hpp"
#include "engine/sim/simulation.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace {
const std::string source = AIDCSIM_SOURCE_DIR;
namespace sg4 = simgrid::s4u;

// A scenario's IT energy, run in a child process: SimGrid has one engine per process, and a test
// comparing two runs needs two.
double it_energy_in_child(const aidcsim::Scenario& s) {
  int fds[2];
  if (pipe(fds) != 0)
    throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const double kwh = aidcsim::run_scenario(s).it_energy_kwh;
    const bool sent = write(fds[1], &kwh, sizeof kwh) == static_cast<ssize_t>(sizeof kwh);
    _exit(sent ? 0 : 1);
  }
  close(fds[1]);
  double kwh = -1;
  const bool got = read(fds[0], &kwh, sizeof kwh) == static_cast<ssize_t>(sizeof kwh);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the child run failed");
  return kwh;
}
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

// A power cycle turns hosts off and on and nothing else: the full-load driver runs outside the
// rack and keeps its executions (engine/sim/full_load.hpp). About 170 cycles create no actor
// beyond the driver itself.
TEST(RackPowerCycle, CyclesCreateNoActors) {
  static int created = 0; // SimGrid's signals are static; this test's counter only counts
  static bool counting = false;
  sg4::Actor::on_creation_cb([](const sg4::Actor&) { created += counting ? 1 : 0; });
  auto scenario = aidcsim::load_scenario(source + "/test/data/ups-only-bound-rack.yaml");
  scenario.duration_s = 100 * 365.0 * 86400;
  counting = true;
  const auto r = aidcsim::run_scenario(scenario);
  counting = false;
  ASSERT_GT(r.facility.number("outage_episodes.it_lost"), 100.0);
  EXPECT_EQ(created, 1);
}

// Spare accelerators stay idle through their rack's power loss: the run with the outage draws
// exactly 70 min of the rack's power less than the one without, the job's 64 hosts at full power
// and the 8 spares at idle power (the platform's 2013.8889 W and 302.0833 W).
TEST(RackPowerCycle, SparesStayIdleThroughAnOutage) {
  const auto with = aidcsim::load_scenario(source + "/test/data/training/spares-through-outage.yaml");
  auto without = with;
  without.faults.clear();
  const double lost_kwh = 70.0 / 60.0 * (64 * 2013.8889 + 8 * 302.0833) / 1e3;
  const double without_kwh = it_energy_in_child(without); // one SimGrid engine per process
  const double with_kwh = aidcsim::run_scenario(with).it_energy_kwh;
  EXPECT_NEAR(without_kwh - with_kwh, lost_kwh, 1e-6 * lost_kwh);
}

// Throttled racks compute slower, not longer: the run ends at its duration, and the IT energy is
// the full power outside the throttled time plus the lowest pstate's full power (516.059 W per
// accelerator) inside it, 72 accelerators per rack.
TEST(RackPowerCycle, ThrottledRunEndsAtItsDuration) {
  const auto s = aidcsim::load_scenario(source + "/scenarios/thermal/chiller-loss-no-tank.yaml");
  const auto r = aidcsim::run_scenario(s);
  EXPECT_EQ(r.simulated_time_s, 2 * 3600.0);
  const double throttled_min = r.facility.number("cooling.throttled_rack_min");
  ASSERT_GT(throttled_min, 100.0);
  const double rack_min = 8 * 120.0;
  const double closed_form_kwh =
      72 * (2013.8889 * (rack_min - throttled_min) + 516.059 * throttled_min) / 60.0 / 1e3;
  EXPECT_NEAR(r.it_energy_kwh, closed_form_kwh, 1e-6 * closed_form_kwh);
}

// The driver's host name is aidcsim's: a platform that has a host of that name is refused.
TEST(DriverHost, ReservedNameIsAnError) {
  const auto path = std::filesystem::temp_directory_path() / "aidcsim-driver-host-clash.xml";
  std::ofstream(path)
      << "<?xml version='1.0'?>\n<!DOCTYPE platform SYSTEM \"https://simgrid.org/simgrid.dtd\">\n"
         "<platform version=\"4.1\"><zone id=\"w\" routing=\"Full\">"
         "<host id=\"aidcsim-driver\" speed=\"1Gf\"/></zone></platform>\n";
  try {
    aidcsim::load_simgrid_platform(path.string());
    FAIL() << "expected an InputError";
  } catch (const aidcsim::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("reserved"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
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
