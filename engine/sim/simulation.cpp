#include "engine/sim/simulation.hpp"

#include "engine/base/atomic_file.hpp"
#include "engine/base/diagnostics.hpp"
#include "engine/base/progress_meter.hpp"
#include "engine/base/units.hpp"
#include "engine/input/event_budget.hpp"
#include "engine/sim/ai_run.hpp"
#include "engine/sim/battery_policy_run.hpp"
#include "engine/sim/episode_writer.hpp"
#include "engine/sim/facility_clock.hpp"
#include "engine/sim/full_load.hpp"
#include "engine/sim/simgrid_platform.hpp"
#include "engine/sim/timeline_writer.hpp"
#include "engine/sim/timer_model.hpp"

#include <simgrid/plugins/energy.h>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Host.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

namespace aidcsim {
namespace {

namespace sg4 = simgrid::s4u;

// SimGrid hosts of each facility load, by the hosts' "rack" property.
std::vector<std::vector<sg4::Host*>> hosts_of_loads(const Scenario& s, const std::vector<sg4::Host*>& hosts) {
  std::map<std::string, std::vector<sg4::Host*>> by_rack;
  for (auto* h : hosts)
    if (const char* rack = h->get_property("rack"))
      by_rack[rack].push_back(h);
  std::vector<std::vector<sg4::Host*>> out(s.facility.loads.size());
  Diagnostics diags;
  for (std::size_t l = 0; l < s.facility.loads.size(); ++l) {
    const auto& load = s.facility.loads[l];
    if (load.platform_rack.empty())
      continue;
    const auto it = by_rack.find(load.platform_rack);
    if (it == by_rack.end())
      diags.add(s.facility_positions.find(load.id, "platform_rack").value_or(SourcePos{s.file, 0, 0}),
                "facility." + load.id + ".platform_rack", load.platform_rack,
                "no host of " + s.platform_path + " has this 'rack' property");
    else
      out[l] = it->second;
  }
  if (!diags.empty())
    throw InputError(std::move(diags));
  return out;
}

FacilityResult facility_result(const power::Facility& f, double duration_s,
                               const std::vector<std::vector<sg4::Host*>>& hosts_of_load) {
  power::RunContext context{duration_s, {}};
  for (const auto& hosts : hosts_of_load)
    context.chips_of_load.push_back(static_cast<double>(hosts.size()));
  context.chips_of_load.resize(f.spec().loads.size(), 0.0);
  FacilityResult r;
  r.present = true;
  r.values = power::compute_facility_metrics(f, context);
  for (const auto& m : power::facility_metrics())
    r.shown.push_back(power::metric_shown(m, f) ? 1 : 0);
  r.simulated_whole_years = f.yearly_it_downtime_min().years;
  r.bought_in_window_kwh = f.energy().bought_in_window_kwh;
  r.components = f.component_reports();
  const power::EpisodeRecorder& e = f.episodes();
  r.episodes.episodes = e.episodes();
  r.episodes.causes = e.causes();
  r.episodes.components = e.components();
  r.episodes.by_cause = e.by_cause();
  r.episodes.by_component = e.by_component();
  r.episodes.first = e.examples();
  return r;
}

} // namespace

namespace {

// The names a timeline filter may use: the job, the facility's components, their kinds, the
// cooling loops and the facility-wide rows.
std::set<std::string> timeline_names(const power::Facility* f, bool ai) {
  std::set<std::string> names;
  if (ai)
    names.insert("job");
  if (f == nullptr)
    return names;
  names.insert({"facility", "facility-water", "water", "cooling"});
  const power::PowerChain& chain = f->chain();
  for (int v = 0; v < chain.size(); ++v) {
    names.insert(chain.graph().node(v).id);
    names.insert(
        std::string(std::visit([](const auto& c) { return c.timeline_kind(); }, chain.component(v))));
  }
  for (std::size_t i = 0; i < f->cooling_loops().size(); ++i)
    names.insert(f->spec().loads[f->cooled_rack(i)].id + "/cooling");
  return names;
}

void check_timeline_components(const TimelineFilter& filter, const power::Facility* f, bool ai) {
  const std::set<std::string> names = timeline_names(f, ai);
  Diagnostics diags;
  for (const std::string& c : filter.components)
    if (names.count(c) == 0) {
      std::string allowed;
      for (const auto& n : names)
        allowed += (allowed.empty() ? "" : ", ") + n;
      diags.add(SourcePos{"command line", 0, 0}, "--timeline-components", c,
                "no such component or kind; allowed: " + allowed);
    }
  if (!diags.empty())
    throw InputError(std::move(diags));
}

// The timeline's file opens before the platform loads: a folder that cannot be written is an
// error now, not after the run. Null without --out, or with nothing to record.
std::unique_ptr<TimelineWriter> open_timeline(const RunOptions& options, const Scenario& scenario,
                                              const power::Facility* facility) {
  if (options.timeline_csv.empty() || (!facility && !scenario.workload.ai()))
    return nullptr;
  check_timeline_components(options.timeline_filter, facility, scenario.workload.ai());
  try {
    return std::make_unique<TimelineWriter>(options.timeline_csv, options.timeline_filter,
                                            options.file_preamble);
  } catch (const std::runtime_error& e) {
    throw_input_error(SourcePos{"command line", 0, 0}, "--out", options.timeline_csv, e.what());
  }
}

// episodes.csv opens before the run too, for the same reason. Null without --out or a facility.
std::unique_ptr<EpisodeWriter> open_episodes(const RunOptions& options, power::Facility* facility) {
  if (options.episodes_csv.empty() || facility == nullptr)
    return nullptr;
  try {
    auto writer = std::make_unique<EpisodeWriter>(options.episodes_csv, options.file_preamble);
    writer->attach(facility->episodes());
    return writer;
  } catch (const std::runtime_error& e) {
    throw_input_error(SourcePos{"command line", 0, 0}, "--out", options.episodes_csv, e.what());
  }
}

std::unique_ptr<AiRun> start_workload(const Scenario& scenario, sg4::Engine& engine,
                                      const std::vector<sg4::Host*>& accelerators,
                                      const std::vector<ArrivalSource>& facility_arrivals,
                                      workload::FullLoad& full_load) {
  if (scenario.workload.kind == "full_load")
    full_load.start(accelerators);
  else if (scenario.workload.ai())
    return std::make_unique<AiRun>(scenario, engine, accelerators, facility_arrivals, full_load);
  else if (scenario.workload.kind != "idle")
    throw std::logic_error("workload kind '" + scenario.workload.kind +
                           "' passed validation but has no model");
  return nullptr;
}

// The facility's model and the clock that binds it to SimGrid's.
struct FacilityRun {
  std::unique_ptr<power::PowerGraph> graph;
  std::unique_ptr<power::Facility> facility;
  std::shared_ptr<FacilityClock> clock;
  std::vector<std::vector<sg4::Host*>> hosts_of_load;
};

// The facility's model, built before the platform loads: it needs nothing from SimGrid, and the
// event budget is checked on it before the platform's seconds of loading.
FacilityRun build_facility(const Scenario& scenario) {
  FacilityRun run;
  std::vector<power::GraphProblem> problems;
  run.graph = std::make_unique<power::PowerGraph>(power::PowerGraph::build(scenario.facility, problems));
  if (!problems.empty())
    throw std::logic_error("facility passed validation but its graph has problems");
  run.facility =
      std::make_unique<power::Facility>(scenario.facility, *run.graph, scenario.seed, scenario.faults);
  if (scenario.cost.time_of_use()) // the tariff's peak hours, for the cost of energy
    run.facility->meter_window({scenario.cost.peak_from_s, scenario.cost.peak_to_s});
  return run;
}

// Power dynamics: the job's state and step reach the binding, which adjusts the racks' power
// through the facility's clock (or only the IT energy, without a facility).
std::unique_ptr<PowerDynamicsRun> start_dynamics(const Scenario& scenario, const RunOptions& options,
                                                 sg4::Engine& engine, AiRun* ai,
                                                 const std::vector<std::vector<sg4::Host*>>& hosts_of_load,
                                                 const power::Facility* facility) {
  if (!ai || !scenario.power_dynamics || !scenario.workload.job)
    return nullptr;
  auto dyn = std::make_unique<PowerDynamicsRun>(scenario, ai->job_hosts(), hosts_of_load, facility);
  if (!options.power_trace_csv.empty())
    dyn->set_detail_window(options.detail_from_s, options.detail_to_s);
  ai->on_step_measured = [d = dyn.get(), ai](const workload::StepTime& step, double now) {
    d->set_step(step, now);
    ai->set_power_rate(d->work_rate(), now);
  };
  ai->set_on_job_phase(
      [d = dyn.get()](workload::TrainingJob::Phase phase, double now) { d->job_state(phase, now); });
  if (scenario.policies.staged_restart && facility != nullptr) {
    auto timer = std::make_shared<TimerModel>([d = dyn.get()](double now) { d->stage_due(now); });
    dyn->set_staged_restart(true);
    dyn->schedule_stage = [t = timer.get()](double at) { at < 0 ? t->clear() : t->set(at); };
    dyn->on_work_rate = [ai](double rate, double now) { ai->set_power_rate(rate, now); };
    engine.add_model(timer, {});
  }
  return dyn;
}

// The job's states, which SimGrid's busy hosts do not show, join the run's IT energy; the trace
// of the detailed window is written.
void finish_dynamics(PowerDynamicsRun& dyn, const Scenario& scenario, const RunOptions& options,
                     RunResult& r) {
  dyn.finish(scenario.duration_s);
  if (!options.power_trace_csv.empty())
    dyn.write_trace(options.power_trace_csv, options.file_preamble);
  r.dynamics = dyn.result();
  r.it_energy_kwh += r.dynamics.it_energy_adjust_kwh;
  if (r.simulated_time_s > 0)
    r.mean_it_power_kw = r.it_energy_kwh * units::joules_per_kwh / r.simulated_time_s / 1e3;
}

void attach_dynamics(FacilityClock& clock, PowerDynamicsRun& dyn, power::Facility& facility) {
  dyn.set_discharge_factors = [&facility](const std::vector<std::pair<int, double>>& factors) {
    facility.set_discharge_factors(factors);
  };
  dyn.trip_plant = [&facility](int node) { facility.request_trip(node); };
  clock.it_adjust_w = [&dyn](int load) { return dyn.adjust_w(load); };
  dyn.on_adjusted = [&clock](const std::vector<int>& loads) { clock.mark_adjusted(loads); };
  clock.on_change = [&dyn](double t) { dyn.observe(t); };
  auto state = clock.on_hosts_state;
  clock.on_hosts_state = [state, &dyn](int load, bool on, bool thermal, double now) {
    if (state)
      state(load, on, thermal, now);
    dyn.hosts_state(load, on, now);
  };
  auto throttle = clock.on_hosts_throttle;
  clock.on_hosts_throttle = [throttle, &dyn](int load, bool throttled, double now) {
    if (throttle)
      throttle(load, throttled, now);
    dyn.hosts_throttle(load, throttled, now);
  };
}

// Binds the facility's model to SimGrid's clock and the hosts of its racks.
void start_facility(FacilityRun& run, const Scenario& scenario, sg4::Engine& engine,
                    std::vector<std::vector<sg4::Host*>> hosts, AiRun* ai, workload::FullLoad& full_load,
                    TimelineWriter* timeline, PowerDynamicsRun* dyn) {
  run.hosts_of_load = hosts;
  run.clock = std::make_shared<FacilityClock>(*run.facility, scenario.duration_s, std::move(hosts));
  if (scenario.workload.it_power == "hosts")
    run.clock->use_host_power();
  if (timeline) // from the state at time 0, the hosts' power read
    run.clock->on_start = [timeline, f = run.facility.get()] {
      f->start_timeline([timeline](const power::TimelineRow& row) { timeline->add(row); });
    };
  if (ai)
    ai->attach(*run.clock, run.hosts_of_load);
  if (dyn)
    attach_dynamics(*run.clock, *dyn, *run.facility);
  // Busy hosts back on compute again by themselves, those off when their load began start now
  // (full_load.hpp); a job waiting for its hosts to measure its step may start.
  run.clock->on_hosts_on = [ai, &full_load](const std::vector<sg4::Host*>& hosts) {
    full_load.hosts_on(hosts);
    if (ai)
      ai->hosts_on();
  };
  engine.add_model(run.clock, {});
}

// The loads each policy acts on: every rack with hosts (the cap), the job's racks (their batteries
// time the checkpoint), and the racks of the workload shed first (its accelerators, none of the
// other's).
PolicyLoads policy_loads(const Scenario& scenario, const FacilityRun& run, const AiRun* ai) {
  PolicyLoads loads;
  std::set<const sg4::Host*> job, serving;
  if (ai) {
    for (const auto* h : ai->job_hosts())
      job.insert(h);
    for (const auto* h : ai->inference_hosts())
      serving.insert(h);
  }
  const bool shed_serving = scenario.policies.shed && scenario.policies.shed->workload == "inference";
  const std::set<const sg4::Host*>& shed = shed_serving ? serving : job;
  const std::set<const sg4::Host*>& keep = shed_serving ? job : serving;
  for (std::size_t l = 0; l < run.hosts_of_load.size(); ++l) {
    const auto& hosts = run.hosts_of_load[l];
    if (hosts.empty())
      continue;
    const int load = static_cast<int>(l);
    const auto any_of = [&](const std::set<const sg4::Host*>& set) {
      return std::any_of(hosts.begin(), hosts.end(), [&](const sg4::Host* h) { return set.count(h) > 0; });
    };
    loads.it.push_back(load);
    if (any_of(job))
      loads.job.push_back(load);
    if (scenario.policies.shed && any_of(shed) && !any_of(keep))
      loads.shed.push_back(load);
  }
  return loads;
}

// The battery policies watch the UPS batteries above the racks (battery_policy_run.hpp): they
// checkpoint the job, cap the racks and shed a workload's racks through the workload and the
// facility's clock.
std::shared_ptr<BatteryPolicyRun> start_policies(const Scenario& scenario, sg4::Engine& engine,
                                                 FacilityRun& run, AiRun* ai) {
  if (!scenario.policies.any() || !run.facility)
    return nullptr;
  const double write_s = scenario.workload.job ? scenario.workload.job->checkpoint_write_s : 0.0;
  auto policies = std::make_shared<BatteryPolicyRun>(
      scenario.policies, *run.facility, policy_loads(scenario, run, ai), write_s, scenario.duration_s);
  if (ai)
    policies->checkpoint = [ai](double now) { return ai->checkpoint_now(now); };
  policies->cap = [clock = run.clock.get()](int load, bool capped, double now) {
    clock->set_capped(load, capped, now);
  };
  policies->shed = [clock = run.clock.get()](int load, bool shed, double now) {
    clock->set_shed(load, shed, now);
  };
  auto change = run.clock->on_change;
  run.clock->on_change = [change, p = policies.get()](double t) {
    if (change)
      change(t);
    p->observe(t);
  };
  engine.add_model(policies, {});
  return policies;
}

// The platform's accelerators by their `chip` property, for their price.
std::vector<cost::ChipCount> chip_counts(const std::vector<sg4::Host*>& accelerators) {
  std::vector<cost::ChipCount> counts;
  for (const sg4::Host* h : accelerators) {
    const char* chip = h->get_property("chip");
    if (counts.empty() || counts.back().chip != chip)
      counts.push_back({chip, 0});
    ++counts.back().count;
  }
  return counts;
}

RunResult platform_result(const Scenario& scenario, const std::vector<sg4::Host*>& accelerators) {
  RunResult r;
  r.scenario_file = scenario.file;
  r.scenario_name = scenario.name;
  r.platform_file = scenario.platform_path;
  r.seed = scenario.seed;
  r.accelerators = accelerators.size();
  r.simulated_time_s = sg4::Engine::get_clock();
  double energy_j = 0;
  for (const auto* h : accelerators)
    energy_j += sg_host_get_consumed_energy(h);
  r.it_energy_kwh = energy_j / units::joules_per_kwh;
  r.mean_it_power_kw = r.simulated_time_s > 0 ? energy_j / r.simulated_time_s / 1e3 : 0.0;
  return r;
}

} // namespace

std::optional<double> FacilityResult::value(std::string_view key) const {
  const auto& table = power::facility_metrics();
  for (std::size_t i = 0; i < table.size() && i < values.size(); ++i)
    if (table[i].key == key)
      return values[i];
  throw std::logic_error("FacilityResult: no metric '" + std::string(key) + "' in the table");
}

double FacilityResult::number(std::string_view key) const {
  const std::optional<double> v = value(key);
  if (!v)
    throw std::logic_error("FacilityResult: metric '" + std::string(key) + "' has no value");
  return *v;
}

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  FacilityRun f;
  std::vector<ArrivalSource> facility_arrivals;
  if (!scenario.facility.empty()) {
    f = build_facility(scenario);
    facility_arrivals = facility_sources(scenario, *f.graph, *f.facility);
  }
  // First on the smallest cluster the scenario allows (an error before the platform's loading),
  // then, for an AI workload, on the platform's own cluster (AiRun).
  std::vector<ArrivalSource> arrivals = failure_class_sources(scenario, smallest_cluster(scenario));
  arrivals.insert(arrivals.end(), facility_arrivals.begin(), facility_arrivals.end());
  check_event_budget(arrivals, scenario.duration_s);
  std::unique_ptr<TimelineWriter> timeline = open_timeline(options, scenario, f.facility.get());
  std::unique_ptr<EpisodeWriter> episodes = open_episodes(options, f.facility.get());

  auto engine = load_simgrid_platform(scenario.platform_path);
  std::vector<sg4::Host*> accelerators =
      engine->get_filtered_hosts([](sg4::Host* h) { return h->get_property("chip") != nullptr; });
  if (accelerators.empty())
    throw_input_error(SourcePos{scenario.platform_path, 0, 0}, "", "",
                      "no accelerator hosts (hosts with a 'chip' property) in the platform");
  std::vector<std::vector<sg4::Host*>> hosts_of_load;
  if (!scenario.facility.empty())
    hosts_of_load = hosts_of_loads(scenario, accelerators);
  if (options.on_platform_loaded)
    options.on_platform_loaded();

  workload::FullLoad full_load(scenario.duration_s);
  std::unique_ptr<AiRun> ai = start_workload(scenario, *engine, accelerators, facility_arrivals, full_load);
  if (ai && timeline)
    ai->set_timeline([t = timeline.get(), facility = f.facility.get()](const power::TimelineRow& row) {
      if (facility)
        facility->timeline_rows_before(row.time_s);
      t->add(row);
    });
  std::shared_ptr<BatteryPolicyRun> policies;
  std::unique_ptr<PowerDynamicsRun> dyn =
      start_dynamics(scenario, options, *engine, ai.get(), hosts_of_load, f.facility.get());
  if (f.facility) {
    start_facility(f, scenario, *engine, std::move(hosts_of_load), ai.get(), full_load, timeline.get(),
                   dyn.get());
    policies = start_policies(scenario, *engine, f, ai.get());
  } else if (scenario.workload.kind == "idle" || ai) {
    // Nothing else moves the clock: one actor sleeps through the run.
    const double duration = scenario.duration_s;
    sg4::Actor::create("clock", accelerators.front(), [duration] { sg4::this_actor::sleep_for(duration); });
  }

  if (options.setup_only) {
    // Everything is loaded and checked. The engine is left to the process's end (the caller's
    // child exits next): destroying one that never ran makes SimGrid warn about its actors.
    static_cast<void>(engine.release());
    return RunResult{};
  }
  if (ai)
    ai->begin();
  ProgressMeter meter(scenario.duration_s, options.progress);
  sg4::Engine::on_time_advance_cb([&meter](double) { meter.tick(sg4::Engine::get_clock()); });
  engine->run();
  meter.finish();
  if (f.facility && !f.clock->finished())
    f.facility->finish(scenario.duration_s);

  RunResult r = platform_result(scenario, accelerators);
  if (dyn)
    finish_dynamics(*dyn, scenario, options, r);
  if (policies)
    r.policies = policies->result(scenario.duration_s);
  if (f.facility)
    r.facility = facility_result(*f.facility, scenario.duration_s, f.hosts_of_load);
  if (timeline) {
    timeline->commit();
    r.timeline = RunResult::TimelineCount{timeline->rows(), timeline->written()};
  }
  if (episodes) {
    episodes->commit();
    r.facility.episodes.written = episodes->rows();
  }
  if (ai) // energy per token: what the facility supplied, or the IT energy without a facility
    r.ai =
        ai->result(scenario.duration_s, f.facility ? f.facility->energy().supplied_kwh() : r.it_energy_kwh);
  r.cost = cost_result(scenario, f.graph.get(), chip_counts(accelerators), r.simulated_time_s,
                       r.it_energy_kwh, r.facility, r.ai);
  return r;
}

} // namespace aidcsim
