#include "engine/sim/battery_policy_run.hpp"
#include "engine/base/event_time.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aidcsim {

namespace {

constexpr double never = std::numeric_limits<double>::infinity();

// The storage nodes above graph node v (every path up to the sources).
std::vector<int> storage_above(const power::PowerChain& chain, int v) {
  std::vector<char> seen(chain.size(), 0);
  std::vector<int> stack = {v}, found;
  const std::vector<int>& storage = chain.storage_nodes();
  while (!stack.empty()) {
    const int u = stack.back();
    stack.pop_back();
    for (const int f : chain.graph().feeders(u))
      if (!seen[f]) {
        seen[f] = 1;
        stack.push_back(f);
        if (std::find(storage.begin(), storage.end(), f) != storage.end())
          found.push_back(f);
      }
  }
  std::sort(found.begin(), found.end());
  return found;
}

void add_all(std::vector<int>& into, const std::vector<int>& nodes) {
  for (const int v : nodes)
    if (std::find(into.begin(), into.end(), v) == into.end())
      into.push_back(v);
  std::sort(into.begin(), into.end());
}

// A rack action over `loads`, released at once (a cap) or after each load's boot (a shed rack).
RackAction rack_action(const power::Facility& facility, const std::vector<int>& node_of_load, double after_s,
                       const std::vector<int>& loads, bool boots, std::vector<int>& storage) {
  std::vector<std::vector<int>> above;
  std::vector<double> release;
  for (const int l : loads) {
    above.push_back(storage_above(facility.chain(), node_of_load[l]));
    add_all(storage, above.back());
    release.push_back(boots ? facility.spec().loads[l].boot_s : 0.0);
  }
  return {after_s, loads, std::move(above), std::move(release)};
}

} // namespace

BatteryPolicyRun::BatteryPolicyRun(const workload::BatteryPolicySpec& spec, const power::Facility& facility,
                                   const PolicyLoads& loads, double checkpoint_write_s, double end_s)
    : Model("aidcsim-battery-policies"), spec_(spec), facility_(facility), write_s_(checkpoint_write_s),
      end_s_(end_s), checkpoint_due_(never), job_since_(std::nan("")), next_due_(never), last_due_(never),
      racks_next_due_(never) {
  const power::PowerChain& chain = facility.chain();
  std::vector<int> node_of_load(facility.spec().loads.size(), -1);
  for (int v = 0; v < chain.size(); ++v)
    if (chain.node_load(v) >= 0)
      node_of_load[chain.node_load(v)] = v;
  if (spec.cap_after_s) {
    cap_.emplace(rack_action(facility, node_of_load, *spec.cap_after_s, loads.it, false, storage_));
    cap_->apply = [this](int load, bool on, double now) {
      if (cap)
        cap(load, on, now);
    };
  }
  if (spec.shed) {
    shed_.emplace(rack_action(facility, node_of_load, spec.shed->after_s, loads.shed, true, storage_));
    shed_->apply = [this](int load, bool on, double now) {
      if (shed)
        shed(load, on, now);
    };
  }
  for (const int l : loads.job)
    add_all(job_storage_, storage_above(chain, node_of_load[l]));
  add_all(storage_, job_storage_);
  since_.assign(chain.size(), std::nan(""));
  figures_.present = true;
  figures_.checkpoint = spec.checkpoint.has_value();
  figures_.cap = spec.cap_after_s.has_value();
  figures_.shed = spec.shed.has_value();
  figures_.checkpoint_after_s = spec.checkpoint ? spec.checkpoint->after_s : 0;
  figures_.cap_after_s = spec.cap_after_s.value_or(0);
  if (spec.shed) {
    figures_.shed_workload = spec.shed->workload;
    figures_.shed_after_s = spec.shed->after_s;
    figures_.shed_racks = static_cast<long>(loads.shed.size());
  }
}

double BatteryPolicyRun::on_battery_since(const std::vector<int>& nodes) const {
  double since = std::nan("");
  for (const int v : nodes)
    if (!std::isnan(since_[v]) && !(since_[v] >= since))
      since = since_[v];
  return since;
}

// A battery started or stopped carrying (its UPS lost or regained its input; the racks a policy
// shed leave it on battery): the job's and each rack's time on battery follow.
void BatteryPolicyRun::observe(double t) {
  const power::PowerChain& chain = facility_.chain();
  bool changed = false;
  for (const int v : storage_) {
    const bool carrying = chain.on_storage(v);
    if (carrying == !std::isnan(since_[v]))
      continue;
    since_[v] = carrying ? t : std::nan("");
    changed = true;
  }
  if (changed)
    batteries_changed(t);
  else if (last_due_ < never)
    plan_last_checkpoint(t); // the load changed: so did the battery's runtime
}

// The battery's runtime at what the job's batteries carry now: the last write starts when it is
// down to the write and the margin.
void BatteryPolicyRun::plan_last_checkpoint(double t) {
  if (!spec_.checkpoint || !spec_.checkpoint->before_empty || std::isnan(job_since_) || last_done_)
    return;
  last_due_ = workload::last_checkpoint_start_s(t, job_runtime_s(), write_s_, spec_.checkpoint->margin_s);
  if (last_due_ <= checkpoint_due_) // the battery ends before the first write is due: one write
    checkpoint_due_ = never;
  next_due_ = std::min({checkpoint_due_, last_due_, racks_next_due_});
}

double BatteryPolicyRun::job_runtime_s() const {
  double runtime = never;
  for (const int v : job_storage_)
    runtime = std::min(runtime, facility_.chain().storage_runtime_s(v));
  return runtime;
}

void BatteryPolicyRun::batteries_changed(double t) {
  const auto since = [this](const std::vector<int>& nodes) { return on_battery_since(nodes); };
  if (cap_)
    cap_->batteries_changed(since, t);
  if (shed_)
    shed_->batteries_changed(since, t);
  const double job_since = on_battery_since(job_storage_);
  if (std::isnan(job_since_) && !std::isnan(job_since)) {
    ++figures_.job_on_battery;
    checkpoint_due_ = spec_.checkpoint ? job_since + spec_.checkpoint->after_s : never;
    last_done_ = false;
  } else if (!std::isnan(job_since_) && std::isnan(job_since)) {
    figures_.job_on_battery_h += (t - job_since_) / 3600;
    checkpoint_due_ = never;
  }
  job_since_ = job_since;
  last_due_ = never;
  plan_last_checkpoint(t);
  fire(t);
}

// Applies what is due at t and finds the next due time.
void BatteryPolicyRun::fire(double t) {
  const double slack = event_slack_s(t);
  if (checkpoint_due_ <= t + slack) {
    checkpoint_due_ = never;
    try_checkpoint(t);
  }
  if (last_due_ <= t + slack) {
    last_due_ = never;
    last_done_ = true;
    try_checkpoint(t);
  }
  racks_next_due_ = never;
  if (cap_)
    racks_next_due_ = std::min(racks_next_due_, cap_->fire(t, slack));
  if (shed_)
    racks_next_due_ = std::min(racks_next_due_, shed_->fire(t, slack));
  next_due_ = std::min({checkpoint_due_, last_due_, racks_next_due_});
}

// A write that the battery outlasts, if the job is computing with work to save.
void BatteryPolicyRun::try_checkpoint(double t) {
  if (!workload::checkpoint_fits(job_runtime_s(), write_s_))
    ++figures_.checkpoints_skipped;
  else if (checkpoint && checkpoint(t))
    ++figures_.checkpoints;
}

double BatteryPolicyRun::next_occurring_event(double now) {
  if (next_due_ == never || next_due_ > end_s_)
    return -1.0;
  return std::max(0.0, next_due_ - now);
}

void BatteryPolicyRun::update_actions_state(double now, double /*delta*/) {
  if (next_due_ <= now + event_slack_s(now))
    fire(now);
}

PolicyResult BatteryPolicyRun::result(double end_s) const {
  PolicyResult r = figures_;
  if (!std::isnan(job_since_))
    r.job_on_battery_h += (end_s - job_since_) / 3600;
  if (cap_)
    r.capped_rack_h = cap_->hours(end_s);
  if (shed_)
    r.shed_rack_h = shed_->hours(end_s);
  return r;
}

} // namespace aidcsim
