// The facility's timeline: a UPS battery that becomes full again between events shows as a row at
// the closed-form instant, and a run with a timeline does the same events as one without.
#include "models/power/facility.hpp"

#include <gtest/gtest.h>

#include <variant>

using namespace aidcsim::power;

namespace {

constexpr double minute = 60, hour = 3600;

// grid -> UPS (1,000 kW, 10 min at rating, Peukert 1, 250 kW charger: 40 min from empty) -> rack,
// or two such UPSs feeding their own rack.
FacilitySpec ups_racks(int sides) {
  FacilitySpec spec;
  spec.utilities.push_back({"grid", {}});
  for (int i = 0; i < sides; ++i) {
    const std::string side(1, static_cast<char>('a' + i));
    UpsSpec u;
    u.id = "ups-" + side;
    u.fed_by = "grid";
    u.rating_kw = 1000;
    u.battery = {1000, 10 * minute, 1.0, 250};
    spec.ups.push_back(u);
    LoadSpec rack;
    rack.id = "rack-" + side;
    rack.fed_by = {u.id};
    rack.load_kw = 1000;
    spec.loads.push_back(rack);
  }
  return spec;
}

// A row as the test keeps it (a TimelineRow's text lasts only for the call).
struct KeptRow {
  double time_s;
  std::string component, state;
  double load_kw, state_of_charge;
  KeptRow(const TimelineRow& r) // NOLINT(google-explicit-constructor): kept as they come
      : time_s(r.time_s), component(r.component), state(r.state), load_kw(r.load_kw),
        state_of_charge(r.state_of_charge) {}
};

PowerGraph build(const FacilitySpec& spec) {
  std::vector<GraphProblem> problems;
  PowerGraph g = PowerGraph::build(spec, problems);
  EXPECT_TRUE(problems.empty());
  return g;
}

// A 2 min grid outage at 1 h: each battery is at 0.8 when the grid returns and full 480 s later.
std::vector<ScheduledFault> outage() {
  return {{hour, ScheduledFault::Kind::utility_loss, "grid", 2 * minute, 0}};
}

struct TimelineRun {
  PowerGraph graph;
  Facility facility;
  std::vector<KeptRow> rows;
  TimelineRun(const FacilitySpec& spec, bool timeline)
      : graph(build(spec)), facility(spec, graph, 1, outage()) {
    if (timeline)
      facility.start_timeline([this](const TimelineRow& r) { rows.push_back(r); });
  }
  void run_to(double end) {
    while (facility.next_event_time() <= end)
      facility.advance_to(facility.next_event_time());
  }
  std::vector<KeptRow> rows_of(const std::string& id) const {
    std::vector<KeptRow> of;
    for (const KeptRow& r : rows)
      if (r.component == id)
        of.push_back(r);
    return of;
  }
};

} // namespace

TEST(FacilityTimeline, BatteryFullRowAtTheClosedFormInstantWithoutAnEvent) {
  TimelineRun r(ups_racks(1), true);
  r.run_to(hour + 2 * minute); // the grid is back: the battery recharges
  const auto& ups = std::get<UpsNode>(r.facility.components()[r.graph.index_of("ups-a")]);
  EXPECT_DOUBLE_EQ(ups.state_of_charge(), 0.8);
  // The instant an event there would have had: the closed form from the state at the return.
  const double full_at = r.facility.now() + ups.ups().battery().time_until_full_s();
  EXPECT_DOUBLE_EQ(full_at, hour + 2 * minute + 480);
  EXPECT_GT(r.facility.next_event_time(), 3 * hour); // no event marks it
  r.run_to(3 * hour);
  r.facility.finish(3 * hour);
  const auto rows = r.rows_of("ups-a");
  // start, on battery, recharging, online (full), and every state at the end
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1].state, "on battery");
  EXPECT_EQ(rows[2].state, "recharging");
  EXPECT_EQ(rows[3].state, "online");
  EXPECT_EQ(rows[3].time_s, full_at);
  EXPECT_EQ(rows[3].state_of_charge, 1.0);
  EXPECT_EQ(rows[3].load_kw, 1000.0);
  EXPECT_EQ(rows[4].time_s, 3 * hour);
}

TEST(FacilityTimeline, TimelineRunDoesTheSameEventsAsARunWithout) {
  TimelineRun with(ups_racks(2), true), without(ups_racks(2), false);
  with.run_to(3 * hour);
  without.run_to(3 * hour);
  EXPECT_EQ(with.facility.events(), 2); // the grid lost and back; the batteries full are no event
  EXPECT_EQ(without.facility.events(), with.facility.events());
  EXPECT_EQ(with.facility.energy().source_kwh, without.facility.energy().source_kwh);
  // Two batteries full at the same instant: a row each, in node order, before the rows at the end.
  with.facility.finish(3 * hour);
  std::vector<const KeptRow*> online;
  for (const KeptRow& row : with.rows)
    if (row.state == "online" && row.time_s > 0 && row.time_s < 3 * hour)
      online.push_back(&row);
  ASSERT_EQ(online.size(), 2u);
  EXPECT_EQ(online[0]->component, "ups-a");
  EXPECT_EQ(online[1]->component, "ups-b");
  EXPECT_DOUBLE_EQ(online[0]->time_s, hour + 2 * minute + 480);
  EXPECT_EQ(online[1]->time_s, online[0]->time_s);
}

TEST(FacilityTimeline, RowsOfAnotherPartComeAfterTheBatteryFullBeforeThem) {
  TimelineRun r(ups_racks(1), true);
  r.run_to(hour + 2 * minute);
  const std::size_t before = r.rows.size();
  r.facility.timeline_rows_before(hour + 2 * minute + 480); // a row at the instant itself: not yet
  EXPECT_EQ(r.rows.size(), before);
  r.facility.timeline_rows_before(2 * hour); // the workload writes a row at 2 h
  ASSERT_EQ(r.rows.size(), before + 1);
  EXPECT_EQ(r.rows.back().state, "online");
  EXPECT_DOUBLE_EQ(r.rows.back().time_s, hour + 2 * minute + 480);
  r.run_to(3 * hour);
  r.facility.finish(3 * hour); // written once only
  EXPECT_EQ(r.rows_of("ups-a").size(), 5u);
}

// Late in a long run the closed form's instant is rounded to a coarse clock: the row is where the
// battery, recharged from the last event, reads full.
TEST(FacilityTimeline, BatteryFullLateInALongRunIsWhereTheBatteryReadsFull) {
  const double late = 3e12; // about 95,000 years: 2^-11 s between doubles
  FacilitySpec spec = ups_racks(1);
  PowerGraph graph = build(spec);
  Facility f(spec, graph, 1, {{late, ScheduledFault::Kind::utility_loss, "grid", 2 * minute, 0}});
  std::vector<KeptRow> rows;
  f.start_timeline([&](const TimelineRow& r) { rows.push_back(r); });
  while (f.next_event_time() <= late + 2 * minute)
    f.advance_to(f.next_event_time());
  UpsBattery battery = std::get<UpsNode>(f.components()[graph.index_of("ups-a")]).ups().battery();
  const double from = f.now();
  f.finish(late + hour);
  const KeptRow* full = nullptr;
  for (const KeptRow& row : rows)
    if (row.component == "ups-a" && row.state == "online" && row.time_s > late && row.time_s < late + hour)
      full = &row;
  ASSERT_NE(full, nullptr);
  EXPECT_NEAR(full->time_s, late + 2 * minute + 480, 1e-3);
  battery.recharge(full->time_s - from);
  EXPECT_EQ(battery.state_of_charge(), 1.0);
}
