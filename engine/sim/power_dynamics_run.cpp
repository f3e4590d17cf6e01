#include "engine/sim/power_dynamics_run.hpp"

#include "engine/base/staged_file.hpp"
#include "models/dynamics/peukert_load.hpp"
#include "models/dynamics/smoothing_storage.hpp"

#include <simgrid/plugins/energy.h>
#include <simgrid/s4u/Host.hpp>

#include <algorithm>
#include <unordered_set>

namespace aidcsim {

namespace sg4 = simgrid::s4u;
using Phase = workload::TrainingJob::Phase;

constexpr int harmonics_reported = 20; // of the job's swing, for the spectrum plot

namespace {

dynamics::AcceleratorPower power_at(const sg4::Host* h, int pstate, const dynamics::StatePower& shares) {
  dynamics::AcceleratorPower p;
  p.idle_w = sg_host_get_idle_consumption_at(h, pstate);
  p.full_w = sg_host_get_wattmax_at(h, pstate);
  p.communication_w = p.idle_w + shares.communication * (p.full_w - p.idle_w);
  return p;
}

// The sources and UPS systems of the facility, as the monitor reports them.
std::vector<dynamics::MonitoredNode> monitored_nodes(const power::Facility& f, std::vector<int>& node_of) {
  std::vector<dynamics::MonitoredNode> out;
  const power::PowerChain& chain = f.chain();
  const power::FacilitySpec& spec = f.spec();
  for (int v = 0; v < chain.size(); ++v) {
    const std::string kind(std::visit([](const auto& c) { return c.timeline_kind(); }, chain.component(v)));
    if (kind != "utility" && kind != "gensets" && kind != "onsite" && kind != "ups")
      continue;
    dynamics::MonitoredNode n;
    n.id = chain.graph().node(v).id;
    n.kind = kind;
    n.grid = kind == "utility";
    const int index = chain.graph().node(v).index;
    if (kind == "gensets") {
      n.rating_kw = spec.gensets[index].units * spec.gensets[index].unit_rating_kw;
      n.acceptance = spec.gensets[index].step_acceptance;
    } else if (kind == "onsite") {
      n.rating_kw = spec.onsite[index].units * spec.onsite[index].unit_rating_kw;
    } else if (kind == "ups") {
      n.rating_kw = spec.ups[index].rating_kw;
    }
    out.push_back(std::move(n));
    node_of.push_back(v);
  }
  return out;
}

} // namespace

PowerDynamicsRun::PowerDynamicsRun(const Scenario& scenario, std::vector<sg4::Host*> ranks,
                                   const std::vector<std::vector<sg4::Host*>>& hosts_of_load,
                                   const power::Facility* facility)
    : scenario_(scenario), facility_(facility), job_size_(static_cast<int>(ranks.size())) {
  const dynamics::StatePower& shares = scenario.power_dynamics->state_power;
  const sg4::Host* h = ranks.front();
  full_ = power_at(h, 0, shares);
  throttled_power_ = power_at(h, static_cast<int>(h->get_pstate_count()) - 1, shares);
  if (facility_ == nullptr || hosts_of_load.empty()) {
    ranks_of_load_ = {job_size_};
    on_ = {1};
  } else {
    const std::unordered_set<const sg4::Host*> rank_set(ranks.begin(), ranks.end());
    for (const auto& hosts : hosts_of_load) {
      int n = 0;
      for (const auto* host : hosts)
        n += rank_set.count(host) != 0 ? 1 : 0;
      ranks_of_load_.push_back(n);
      on_.push_back(!hosts.empty() && hosts.front()->is_on() ? 1 : 0);
    }
  }
  throttled_.assign(ranks_of_load_.size(), 0);
  for (std::size_t l = 0; l < ranks_of_load_.size(); ++l) {
    if (ranks_of_load_[l] > 0)
      job_loads_.push_back(static_cast<int>(l));
    if (on_[l])
      ranks_full_ += ranks_of_load_[l];
  }
}

void PowerDynamicsRun::set_step(const workload::StepTime& step, double now) {
  const dynamics::PowerDynamicsSpec& spec = *scenario_.power_dynamics;
  integrate(now);
  swing_ = dynamics::step_swing(step, full_, spec.smoothing);
  // Rack storage acts on each rack's accelerators together; racks of the job hold the same number
  // (a scale-up domain's trays), so the fullest rack's figures stand for every one.
  const int per_rack = *std::max_element(ranks_of_load_.begin(), ranks_of_load_.end());
  rack_wave_ = swing_->wave;
  if (spec.rack_storage && facility_ != nullptr && per_rack > 0) {
    const dynamics::Smoothed sm = dynamics::smooth(swing_->wave.scaled(per_rack), *spec.rack_storage);
    rack_wave_ = sm.source.scaled(1.0 / per_rack);
    rack_loss_w_ = sm.loss_w / per_rack;
    rack_discharged_j_ = sm.discharged_j / per_rack;
  }
  computing_w_ = rack_wave_.mean_w();
  std::vector<dynamics::MonitoredNode> nodes;
  if (facility_ != nullptr) {
    nodes = monitored_nodes(*facility_, monitored_node_);
    for (const int v : monitored_node_) {
      const power::GraphNode& g = facility_->chain().graph().node(v);
      peukert_.push_back(g.kind == power::kind_of<power::UpsSpec>
                             ? facility_->spec().ups[g.index].battery.peukert_exponent
                             : 0.0);
    }
    discharge_factor_.assign(monitored_node_.size(), 1.0);
    beyond_seen_.assign(monitored_node_.size(), 0);
    const std::vector<power::LoadSpec>& loads = facility_->spec().loads;
    for (std::size_t l = 0; l < loads.size(); ++l)
      if (!loads[l].it() && loads[l].cop > 0)
        following_loads_.push_back(static_cast<int>(l));
  } else
    nodes.push_back({"job", "it", 0, false, std::nullopt});
  monitor_ = std::make_unique<dynamics::SwingMonitor>(
      std::move(nodes), rack_wave_, facility_ ? spec.facility_storage : std::nullopt, spec.grid);
  monitor_->set_detail_window(detail_from_, detail_to_);
  active_ = true;
  computing_since_ = now;
  changed(now, job_loads_);
}

double PowerDynamicsRun::state_w(Phase phase, bool throttled) const {
  const dynamics::AcceleratorPower& p = throttled ? throttled_power_ : full_;
  switch (phase) {
  case Phase::computing: {
    const double w = staging() ? stage_w_ : computing_w_;
    return throttled ? p.full_w * w / full_.full_w : w;
  }
  case Phase::checkpointing:
    return p.idle_w + scenario_.power_dynamics->state_power.checkpoint * (p.full_w - p.idle_w);
  case Phase::restarting:
  case Phase::waiting:
    return p.idle_w;
  }
  return p.idle_w;
}

double PowerDynamicsRun::adjust_w(int load) const {
  if (!active_ || !on_[load] || ranks_of_load_[load] == 0)
    return 0;
  return ranks_of_load_[load] * (throttled_[load] ? rank_adjust_throttled_w_ : rank_adjust_full_w_);
}

void PowerDynamicsRun::integrate(double now) {
  const double dt = now - last_t_;
  if (dt > 0) {
    adjust_j_ += total_adjust_w_ * dt;
    if (active_ && phase_ == Phase::computing)
      (staging() ? staging_s_ : computing_s_) += dt;
  }
  last_t_ = std::max(last_t_, now);
}

void PowerDynamicsRun::changed(double now, const std::vector<int>& loads) {
  // Every load's adjustment is its ranks times one of two per-rank figures (adjust_w).
  rank_adjust_full_w_ = phase_w(false) - full_.full_w;
  rank_adjust_throttled_w_ = phase_w(true) - throttled_power_.full_w;
  total_adjust_w_ =
      active_ ? ranks_full_ * rank_adjust_full_w_ + ranks_throttled_ * rank_adjust_throttled_w_ : 0.0;
  if (on_adjusted && facility_ != nullptr && !loads.empty())
    on_adjusted(loads);
  if (facility_ == nullptr)
    observe_job(now);
}

// Without a facility: the job's own draw is the one node watched.
void PowerDynamicsRun::observe_job(double t) {
  if (!monitor_)
    return;
  const double kw = job_size_ * phase_w(false) / 1e3;
  if (t != instant_t_) {
    instant_t_ = t;
    job_at_instant_ = job_prev_.empty() ? std::vector<double>{kw} : job_prev_;
  }
  const double step = kw - job_at_instant_[0];
  const double swinging = phase_ == Phase::computing && !staging() ? static_cast<double>(job_size_) : 0.0;
  monitor_->observe(t, {dynamics::NodeView{kw, swinging, step, step, 0, 0}}, computing_since_);
  job_prev_ = {kw};
}

void PowerDynamicsRun::job_state(Phase phase, double now) {
  if (phase == phase_)
    return;
  integrate(now);
  const bool was_staging = staging();
  stage_fractions_.clear();
  if (phase == Phase::computing && staged_ && active_ && facility_ != nullptr) {
    stage_fractions_ = plan_stages(phase_);
    stage_from_w_ = phase_w(false);
    if (stage_fractions_.size() <= 1) // one step the plants accept: no staging
      stage_fractions_.clear();
  }
  phase_ = phase;
  if (phase == Phase::computing)
    computing_since_ = now;
  if (staging()) {
    ++staged_restarts_;
    start_stage(0, now);
  } else if (was_staging && schedule_stage) {
    schedule_stage(-1); // interrupted while staging
  }
  if (was_staging != staging() && on_work_rate)
    on_work_rate(work_rate(), now);
  if (active_)
    changed(now, job_loads_);
}

// The step the job's return to computing would put on each genset plant that carries it, and the
// stages that keep it within the plant's acceptance; the plant with the most stages sets them, as
// fractions of the job's step.
std::vector<double> PowerDynamicsRun::plan_stages(Phase from) {
  const power::PowerChain& chain = facility_->chain();
  const std::size_t loads = ranks_of_load_.size();
  scratch_.assign(loads, 0.0);
  for (std::size_t l = 0; l < loads; ++l)
    if (on_[l] && ranks_of_load_[l] > 0) {
      const bool t = throttled_[l] != 0;
      const double to_w = t ? throttled_power_.full_w * computing_w_ / full_.full_w : computing_w_;
      scratch_[l] = ranks_of_load_[l] * (to_w - state_w(from, t)) / 1e3;
    }
  chain.carried(scratch_, job_carried_);
  std::vector<double> fractions;
  for (std::size_t i = 0; i < monitored_node_.size(); ++i) {
    const int v = monitored_node_[i];
    const std::optional<dynamics::LoadAcceptanceSpec>& acceptance = monitor_->nodes()[i].acceptance;
    const double step = job_carried_[v];
    const double capacity = std::visit([](const auto& c) { return c.capacity_kw(); }, chain.component(v));
    if (!acceptance || !(step > 0) || !(capacity > 0))
      continue;
    const double preload = chain.out_kw(v);
    const dynamics::ReloadPlan plan = dynamics::staged_reload(*acceptance, capacity, preload, preload + step);
    if (plan.load_kw.size() <= fractions.size())
      continue;
    fractions.clear();
    for (const double kw : plan.load_kw)
      fractions.push_back(std::min(1.0, (kw - preload) / step));
    fractions.back() = 1.0; // the last stage is the job's full draw (a plant short of it is overloaded)
    stage_recovery_s_ = acceptance->recovery_s;
  }
  return fractions;
}

// Stage k: the accelerators held at the stage's share of the way to computing, for one recovery.
void PowerDynamicsRun::start_stage(std::size_t k, double now) {
  stage_ = k;
  stage_w_ = stage_from_w_ + stage_fractions_[k] * (computing_w_ - stage_from_w_);
  if (k + 1 == stage_fractions_.size()) { // the last stage is the job computing in full
    stage_fractions_.clear();
    stage_ = 0;
    computing_since_ = now;
    if (on_work_rate)
      on_work_rate(work_rate(), now);
    return;
  }
  if (schedule_stage)
    schedule_stage(now + stage_recovery_s_);
}

void PowerDynamicsRun::stage_due(double now) {
  if (!staging())
    return;
  integrate(now);
  start_stage(stage_ + 1, now);
  changed(now, job_loads_);
}

// A load's flag (on, throttled) at `now`: what came before integrates at the old value.
void PowerDynamicsRun::set_load_flag(std::vector<char>& flags, int load, bool value, double now) {
  if (facility_ == nullptr || flags[load] == (value ? 1 : 0))
    return;
  integrate(now);
  const auto count = [&](double sign) {
    if (on_[load])
      (throttled_[load] ? ranks_throttled_ : ranks_full_) += sign * ranks_of_load_[load];
  };
  count(-1);
  flags[load] = value ? 1 : 0;
  count(+1);
  ++flags_epoch_;
  changed(now, {load});
}

void PowerDynamicsRun::hosts_state(int load, bool on, double now) {
  set_load_flag(on_, load, on, now);
}

void PowerDynamicsRun::hosts_throttle(int load, bool throttled, double now) {
  set_load_flag(throttled_, load, throttled, now);
}

void PowerDynamicsRun::observe(double t) {
  if (!monitor_ || facility_ == nullptr)
    return;
  const power::PowerChain& chain = facility_->chain();
  const std::size_t loads = ranks_of_load_.size();
  job_now_.assign(loads, 0.0);
  swinging_.assign(loads, 0.0);
  for (std::size_t l = 0; l < loads; ++l) {
    if (on_[l] && ranks_of_load_[l] > 0) {
      job_now_[l] = ranks_of_load_[l] * phase_w(throttled_[l] != 0) / 1e3;
      if (phase_ == Phase::computing && !throttled_[l] && !staging())
        swinging_[l] = ranks_of_load_[l];
    }
  }
  out_now_.resize(monitored_node_.size());
  for (std::size_t i = 0; i < monitored_node_.size(); ++i)
    out_now_[i] = chain.out_kw(monitored_node_[i]);
  const std::vector<double>& out_now = out_now_;
  const RankDraw now{phase_w(false) / 1e3, phase_w(true) / 1e3, flags_epoch_};
  const bool new_instant = t != instant_t_;
  if (new_instant) { // a new instant: its changes count from the state the last one left
    instant_t_ = t;
    job_at_instant_ = job_prev_.empty() ? job_now_ : job_prev_;
    at_instant_ = job_prev_.empty() ? now : prev_;
    out_at_instant_ = out_prev_.empty() ? out_now : out_prev_;
  }
  carried_since_instant(now);
  carry_following(new_instant);
  prev_ = now;
  std::vector<dynamics::NodeView>& view = view_;
  view.resize(monitored_node_.size());
  for (std::size_t i = 0; i < monitored_node_.size(); ++i) {
    const int v = monitored_node_[i];
    view[i].load_kw = out_now[i];
    view[i].step_kw = out_now[i] - out_at_instant_[i];
    view[i].job_step_kw = job_carried_[v];
    view[i].swinging = carried_[v];
    view[i].capacity_kw = std::visit([](const auto& c) { return c.capacity_kw(); }, chain.component(v));
    view[i].following_kw = following_carried_.empty() ? 0.0 : following_carried_[v];
  }
  monitor_->observe(t, view, computing_since_);
  job_prev_ = job_now_;
  out_prev_ = out_now;
  update_discharge_factors();
  trip_plants_beyond();
}

// What each node carries of the change of the cooling loads that follow the heat since the
// instant began (nothing to do without such loads).
void PowerDynamicsRun::carry_following(bool new_instant) {
  if (following_loads_.empty())
    return;
  following_now_.resize(following_loads_.size());
  for (std::size_t k = 0; k < following_loads_.size(); ++k)
    following_now_[k] = facility_->draw_kw(following_loads_[k]);
  if (new_instant)
    following_at_instant_ = following_prev_.empty() ? following_now_ : following_prev_;
  following_prev_ = following_now_;
  if (following_now_ == following_at_instant_) { // nothing changed in the instant: nothing to carry
    following_carried_.clear();
    return;
  }
  scratch_.assign(ranks_of_load_.size(), 0.0);
  for (std::size_t k = 0; k < following_loads_.size(); ++k)
    scratch_[following_loads_[k]] = following_now_[k] - following_at_instant_[k];
  facility_->chain().carried(scratch_, following_carried_);
}

// A plant that trips on a step beyond its acceptance (load_acceptance.hpp) does so at the step.
void PowerDynamicsRun::trip_plants_beyond() {
  for (std::size_t i = 0; i < monitored_node_.size(); ++i) {
    const long beyond = monitor_->figures()[i].steps_beyond_acceptance;
    if (beyond == beyond_seen_[i])
      continue;
    beyond_seen_[i] = beyond;
    const std::optional<dynamics::LoadAcceptanceSpec>& acceptance = monitor_->nodes()[i].acceptance;
    if (acceptance && acceptance->trips_beyond && trip_plant)
      trip_plant(monitored_node_[i]);
  }
}

// A UPS on battery carrying n of the job's swinging ranks sees its mean load plus n times the
// wave's swing about its mean; its battery drains at that load's Peukert equivalent. Only the
// batteries that carry are set (the factor does nothing while a UPS has its input).
void PowerDynamicsRun::update_discharge_factors() {
  if (!set_discharge_factors)
    return;
  const power::PowerChain& chain = facility_->chain();
  factor_changes_.clear();
  for (std::size_t i = 0; i < monitored_node_.size(); ++i) {
    const int v = monitored_node_[i];
    double factor = 1.0;
    const double load_w = out_now_[i] * 1e3, n = view_[i].swinging;
    if (peukert_[i] > 0 && n > 0 && load_w > 0 && chain.on_storage(v)) {
      std::vector<dynamics::WavePoint> points = rack_wave_.points();
      for (auto& p : points)
        p.power_w = load_w + n * (p.power_w - rack_wave_.mean_w());
      factor = dynamics::peukert_equivalent_w(dynamics::PowerWave(rack_wave_.period_s(), std::move(points)),
                                              peukert_[i]) /
               load_w;
    }
    if (factor != discharge_factor_[i]) {
      discharge_factor_[i] = factor;
      factor_changes_.emplace_back(v, factor);
    }
  }
  if (!factor_changes_.empty())
    set_discharge_factors(factor_changes_);
}

// What each node carries of the job's step since the instant began (job_carried_) and of its
// swinging ranks (carried_).
void PowerDynamicsRun::carried_since_instant(const RankDraw& now) {
  if (at_instant_.flags == flags_epoch_) {
    // No load's flags changed since the instant began: the job's step is the change of the two
    // per-rank draws through the two fixed flows, and its swing the full-speed flow.
    refresh_basis();
    job_carried_.resize(basis_full_.size());
    carried_.resize(basis_full_.size());
    const bool swings = phase_ == Phase::computing && !staging();
    for (const int v : monitored_node_) {
      job_carried_[v] = (now.full_kw - at_instant_.full_kw) * basis_full_[v] +
                        (now.throttled_kw - at_instant_.throttled_kw) * basis_throttled_[v];
      carried_[v] = swings ? basis_full_[v] : 0.0;
    }
    return;
  }
  const std::size_t loads = ranks_of_load_.size();
  scratch_.assign(loads, 0.0);
  for (std::size_t l = 0; l < loads; ++l)
    scratch_[l] = job_now_[l] - job_at_instant_[l];
  facility_->chain().carried(scratch_, swinging_, job_carried_, carried_);
}

// The flows of one kW per rank on the loads at full speed and on the throttled ones, passed up the
// chain once per settle of the chain and change of the loads' flags.
void PowerDynamicsRun::refresh_basis() {
  const power::PowerChain& chain = facility_->chain();
  if (basis_settles_ == chain.settles() && basis_flags_ == flags_epoch_)
    return;
  basis_settles_ = chain.settles();
  basis_flags_ = flags_epoch_;
  const std::size_t loads = ranks_of_load_.size();
  std::vector<double> full(loads, 0.0), throttled(loads, 0.0);
  for (std::size_t l = 0; l < loads; ++l)
    if (on_[l] && ranks_of_load_[l] > 0)
      (throttled_[l] ? throttled : full)[l] = ranks_of_load_[l];
  chain.carried(full, throttled, basis_full_, basis_throttled_);
}

void PowerDynamicsRun::write_trace(const std::string& path, const std::string& preamble) const {
  StagedFile file(path);
  std::FILE* f = file.get();
  bool ok = std::fputs(preamble.c_str(), f) >= 0 && std::fputs("time_s,node,kind,power_kw\n", f) >= 0;
  if (monitor_) {
    std::vector<dynamics::SwingMonitor::TraceRow> rows = monitor_->trace();
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.t_s < b.t_s; });
    for (const auto& row : rows) {
      const dynamics::MonitoredNode& n = monitor_->nodes()[row.node];
      ok =
          ok && std::fprintf(f, "%.6f,%s,%s,%.6f\n", row.t_s, n.id.c_str(), n.kind.c_str(), row.power_kw) > 0;
    }
  }
  if (!ok)
    file.mark_failed();
  file.commit("the power trace");
}

void PowerDynamicsRun::finish(double t) {
  integrate(t);
  if (monitor_)
    monitor_->finish(t);
}

DynamicsResult PowerDynamicsRun::result() const {
  DynamicsResult r;
  r.present = true;
  r.accelerator = full_;
  r.job_accelerators = job_size_;
  r.it_energy_adjust_kwh = adjust_j_ / 3.6e6;
  r.computing_s = computing_s_;
  r.staged = staged_;
  r.staged_restarts = staged_restarts_;
  r.staging_s = staging_s_;
  if (!swing_)
    return r;
  r.step_measured = true;
  r.step_s = swing_->wave.period_s();
  r.compute_window_s = swing_->compute_window_s;
  r.natural_mean_w = swing_->natural_mean_w;
  r.natural_high_w = swing_->natural_high_w;
  r.natural_low_w = full_.communication_w;
  r.high_w = rack_wave_.max_w();
  r.low_w = rack_wave_.min_w();
  r.mean_w = rack_wave_.mean_w();
  r.smoothing_energy_cost_j = swing_->energy_cost_j;
  r.work_rate = swing_->work_rate;
  r.rack_storage_loss_w = rack_loss_w_;
  r.rack_storage_discharged_j = rack_discharged_j_;
  r.job_swing_kw = rack_wave_.swing_w() * job_size_ / 1e3;
  r.job_natural_swing_kw = (swing_->natural_high_w - full_.communication_w) * job_size_ / 1e3;
  r.job_fundamental_kw = rack_wave_.harmonic_w(1) * job_size_ / 1e3;
  r.frequency_hz = rack_wave_.frequency_hz();
  r.rack_storage_discharged_kwh = rack_discharged_j_ / r.step_s * computing_s_ * job_size_ / 3.6e6;
  r.wave = rack_wave_.points();
  const dynamics::PowerWave natural = dynamics::PowerWave::square(
      swing_->wave.period_s() - swing_->stretch_s, swing_->compute_window_s - swing_->stretch_s,
      swing_->natural_high_w, full_.communication_w);
  for (int n = 1; n <= harmonics_reported; ++n) {
    r.harmonics_kw.push_back(rack_wave_.harmonic_w(n) * job_size_ / 1e3);
    r.natural_harmonics_kw.push_back(natural.harmonic_w(n) * job_size_ / 1e3);
  }
  if (monitor_) {
    r.nodes = monitor_->nodes();
    r.figures = monitor_->figures();
    // The plants' own counts: a trip asked for at the run's last instant never happens.
    for (const int v : monitored_node_) {
      const auto* g = std::get_if<power::GensetNode>(&facility_->chain().component(v));
      r.trips.push_back(g != nullptr ? g->plant().trips() : 0);
    }
    r.facility_storage_discharged_kwh = monitor_->facility_storage_discharged_kwh();
    r.facility_storage_loss_kwh = monitor_->facility_storage_loss_kwh();
  }
  return r;
}

} // namespace aidcsim
