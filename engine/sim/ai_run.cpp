#include "engine/sim/ai_run.hpp"

#include "engine/sim/fluid_routes.hpp"
#include "engine/sim/rank_order.hpp"

#include "engine/sim/step_probe.hpp"

#include "engine/sim/full_load.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace aidcsim {

namespace sg4 = simgrid::s4u;

namespace {

std::string property(const sg4::Host* h, const char* key) {
  const char* v = h->get_property(key);
  return v != nullptr ? v : h->get_name();
}

// The platform's hosts as the failure model sees them: each accelerator's tray, rack and pod.
workload::Topology topology_of(const std::vector<sg4::Host*>& accelerators) {
  workload::Topology topo;
  std::map<std::string, int> trays, racks, pods;
  auto index = [](std::map<std::string, int>& m, const std::string& key) {
    return m.emplace(key, static_cast<int>(m.size())).first->second;
  };
  for (const auto* h : accelerators) {
    topo.host_of.push_back(index(trays, property(h, "tray")));
    topo.rack_of.push_back(index(racks, property(h, "rack")));
    topo.pod_of.push_back(index(pods, property(h, "pod")));
  }
  topo.hosts = static_cast<int>(trays.size());
  topo.racks = static_cast<int>(racks.size());
  topo.pods = static_cast<int>(pods.size());
  return topo;
}

// The job fits the platform beside the inference replicas, and its parallelism divides it.
void check_job_fits(const TrainingJobConfig& c, int job_size, int n, int serving, int domain,
                    Diagnostics& diags) {
  if (job_size <= 0)
    diags.add(c.where_accelerators, "workload.job.accelerators", "all",
              "no accelerator is left for the job: the inference replicas take all " + std::to_string(n));
  else if (job_size + serving > n)
    diags.add(c.where_accelerators, "workload.job.accelerators", std::to_string(job_size),
              "the platform has " + std::to_string(n) + " accelerators" +
                  (serving > 0 ? ", " + std::to_string(serving) + " of them serving inference" : ""));
  else if (job_size % (c.tensor * c.pipeline) != 0)
    diags.add(c.where_tensor, "workload.job.parallelism", "",
              "tensor x pipeline (" + std::to_string(c.tensor * c.pipeline) + ") must divide the job's " +
                  std::to_string(job_size) + " accelerators");
  else if ((job_size / (c.tensor * c.pipeline)) % c.expert != 0)
    diags.add(c.where_tensor, "workload.job.parallelism.expert", std::to_string(c.expert),
              "expert parallelism must divide the data-parallel size (" +
                  std::to_string(job_size / (c.tensor * c.pipeline)) + ")");
  else if (domain % c.tensor != 0)
    diags.add(c.where_tensor, "workload.job.parallelism.tensor", std::to_string(c.tensor),
              "a tensor-parallel group must fit whole in a scale-up domain of " + std::to_string(domain));
}

} // namespace

AiRun::AiRun(const Scenario& scenario, sg4::Engine& engine, std::vector<sg4::Host*> accelerators,
             const std::vector<ArrivalSource>& facility_arrivals, workload::FullLoad& full_load)
    : scenario_(scenario), full_load_(full_load), accelerators_(std::move(accelerators)) {
  // Rank order: scale-up domains in order, accelerators in order inside each.
  sort_in_rank_order(accelerators_);
  const workload::Topology topo = topology_of(accelerators_);
  const int n = topo.accelerators();
  const int domain = static_cast<int>(std::count(topo.pod_of.begin(), topo.pod_of.end(), 0));

  const WorkloadSpec& w = scenario.workload;
  Diagnostics diags;
  std::optional<workload::InferenceSpec> inference;
  int serving = 0;
  if (w.inference) {
    inference = w.inference->spec;
    if (inference->accelerators_per_replica == 0)
      inference->accelerators_per_replica = domain;
    serving = inference->replicas * inference->accelerators_per_replica;
    if (serving > n)
      diags.add(w.inference->where, "workload.inference.replicas", std::to_string(inference->replicas),
                std::to_string(serving) + " accelerators needed, the platform has " + std::to_string(n));
  }
  std::optional<std::pair<workload::TrainingJobSpec, workload::JobPlacement>> job;
  std::vector<workload::FailureClass> classes;
  if (w.failures.enabled)
    classes = w.failures.classes;
  if (w.job) {
    const TrainingJobConfig& c = *w.job;
    job_size_ = c.accelerators > 0 ? c.accelerators : n - serving;
    check_job_fits(c, job_size_, n, serving, domain, diags);
  }
  if (!diags.empty())
    throw InputError(std::move(diags));
  std::vector<ArrivalSource> arrivals =
      failure_class_sources(scenario, {n, topo.hosts, topo.pods, job_size_});
  arrivals.insert(arrivals.end(), facility_arrivals.begin(), facility_arrivals.end());
  check_event_budget(arrivals, scenario.duration_s);

  workload::Cluster cluster(topo, classes, job_size_, RandomStream(scenario.seed, "it-failures"));
  if (w.job) {
    const TrainingJobConfig& c = *w.job;
    job_rate_per_s_ = cluster.job_failure_rate_per_s(job_size_);
    // Auto: Daly's optimum for the job's failure rate; with no failures, a daily checkpoint.
    interval_s_ = c.checkpoint_interval_s > 0 ? c.checkpoint_interval_s
                  : job_rate_per_s_ > 0 ? workload::daly_interval_s(c.checkpoint_write_s, 1 / job_rate_per_s_)
                                        : 86400.0;
    job.emplace(workload::TrainingJobSpec{interval_s_, c.checkpoint_write_s, c.restart_s},
                workload::JobPlacement{job_size_, 0.5, c.spares});
    workload::StepInput in;
    in.accelerators = job_size_;
    in.tensor = c.tensor;
    in.pipeline = c.pipeline;
    in.expert = c.expert;
    in.parameters = c.model.parameters;
    in.active_parameters = c.model.active_parameters;
    in.expert_parameters = c.model.expert_parameters;
    in.layers = c.model.layers;
    in.moe_layers = c.model.moe_layers;
    in.hidden = c.model.hidden;
    in.top_k = c.model.top_k;
    in.bytes_per_value = c.model.bytes_per_value;
    in.tokens_per_step = c.tokens_per_step;
    in.microbatches = c.microbatches;
    in.kernel_efficiency = c.kernel_efficiency;
    plan_ = workload::plan_step(in);
  }
  workload_ = std::make_unique<workload::AiWorkload>(std::move(cluster), job, inference);
  clock_ = std::make_shared<WorkloadClock>(*workload_, scenario.duration_s);
  engine.add_model(clock_, {});

  // The busy hosts draw full power (their energy is the run's IT energy): the job's after its first
  // step has been measured, the replicas' from the start.
  serving_ = serving;
  std::vector<sg4::Host*> serving_hosts(accelerators_.begin() + job_size_,
                                        accelerators_.begin() + job_size_ + serving);
  if (!serving_hosts.empty())
    full_load_.start(serving_hosts);
}

void AiRun::begin() {
  if (scenario_.workload.job)
    start_probe();
}

// The job's first step, measured on its hosts once they all have power (at the start, or after an
// outage that caught the probe); then they compute at full load for the rest of the run.
void AiRun::start_probe() {
  std::vector<sg4::Host*> ranks(accelerators_.begin(), accelerators_.begin() + job_size_);
  for (const auto* r : ranks)
    if (!r->is_on()) { // a rank's rack has no power: measure once it is back (hosts_on)
      probe_ = Probe::pending;
      return;
    }
  probe_ = Probe::running;
  sg4::Host* h = ranks.front();
  const double ratio = h->get_pstate_speed(h->get_pstate_count() - 1) / h->get_pstate_speed(0);
  start_step_probe(
      ranks, plan_, ratio,
      [this, ranks](const workload::StepTime& t) {
        step_ = t;
        probe_ = Probe::done;
        clock_->set_throttled_rate(t.step_s / t.throttled_step_s, sg4::Engine::get_clock());
        full_load_.start(ranks);
        if (on_step_measured)
          on_step_measured(t, sg4::Engine::get_clock());
      },
      [this] { probe_ = Probe::pending; }, probe_model());
}

// The fluid model when the job asks for it, or by default above fluid_probe_min_ranks ranks or
// fluid_probe_min_flows all-to-all flows; SimGrid's own flows otherwise, and whenever its network
// model is not one the fluid model follows.
std::optional<network::FluidModel> AiRun::probe_model() const {
  const TrainingJobConfig& job = *scenario_.workload.job;
  if (job.step_probe == "simgrid" ||
      (job.step_probe == "auto" && !fluid_probe_by_default(job_size_, job.expert)))
    return std::nullopt;
  return fluid_model_of_engine();
}

void AiRun::hosts_on() {
  if (!scenario_.workload.job || probe_ != Probe::pending)
    return;
  for (int r = 0; r < job_size_; ++r)
    if (!accelerators_[r]->is_on())
      return;
  start_probe();
}

void AiRun::attach(FacilityClock& facility, const std::vector<std::vector<sg4::Host*>>& hosts_of_load) {
  std::map<const sg4::Host*, int> index;
  for (std::size_t a = 0; a < accelerators_.size(); ++a)
    index[accelerators_[a]] = static_cast<int>(a);
  auto accs = std::make_shared<std::vector<std::vector<int>>>(hosts_of_load.size());
  for (std::size_t l = 0; l < hosts_of_load.size(); ++l)
    for (const auto* h : hosts_of_load[l])
      if (auto it = index.find(h); it != index.end())
        (*accs)[l].push_back(it->second);
  WorkloadClock* clock = clock_.get();
  facility.on_hosts_state = [clock, accs](int load, bool on, bool thermal, double now) {
    clock->rack_hosts((*accs)[load], on, thermal, now);
  };
  facility.on_hosts_throttle = [clock, accs](int load, bool throttled, double now) {
    clock->rack_throttle((*accs)[load], throttled, now);
  };
  facility.read_every_rack = [this] { return probe_ == Probe::running; };
  facility.sync_hosts_state();
}

void AiRun::set_timeline(std::function<void(const power::TimelineRow&)> add) {
  clock_->on_job_state = [add](double now, const std::string& state) {
    // load_kw carries nothing for the job; its accelerators' power is in the rack rows.
    add(power::TimelineRow{now, "job", "job", state, 0.0, -1});
  };
}

AiResult AiRun::result(double duration_s, double energy_kwh) const {
  AiResult r;
  r.present = true;
  r.it_failures = workload_->failures();
  const auto& causes = workload_->cluster().causes();
  if (const workload::TrainingJob* job = workload_->job()) {
    r.training = true;
    TrainingResult& t = r.job;
    const TrainingJobConfig& c = *scenario_.workload.job;
    t.accelerators = job_size_;
    t.tensor = plan_.tensor;
    t.pipeline = plan_.pipeline;
    t.data = plan_.data;
    t.expert = plan_.expert;
    t.step = step_;
    t.step_measured = probe_ == Probe::done;
    t.tokens_per_step = c.tokens_per_step;
    t.checkpoint_interval_s = interval_s_;
    t.job_mtbf_h = job_rate_per_s_ > 0 ? 1 / job_rate_per_s_ / 3600 : 0;
    const workload::JobTime& time = job->time();
    t.training_goodput = time.useful_s / duration_s;
    t.checkpoints = job->checkpoints();
    t.checkpoint_overhead = time.checkpoint_s / duration_s;
    if (probe_ == Probe::done && step_.step_s > 0) {
      const double peak = accelerators_.front()->get_pstate_speed(0);
      t.tokens_per_s = c.tokens_per_step / step_.step_s;
      t.mfu = plan_.model_flops_per_step / (step_.step_s * job_size_ * peak);
      const double steps = time.useful_s / step_.step_s;
      t.tokens_trained = steps * c.tokens_per_step;
      t.effective_tokens_per_s = t.tokens_trained / duration_s;
      t.delivered_bf16_pflop_days = steps * plan_.model_flops_per_step / 1e15 / 86400;
      if (t.tokens_trained > 0)
        t.energy_per_million_tokens_kwh = energy_kwh / t.tokens_trained * 1e6;
    }
    const double gpu_h = job_size_ / 3600.0;
    double stopped = 0;
    for (std::size_t k = 0; k < causes.size(); ++k)
      stopped += time.restart_s[k] + time.waiting_s[k];
    t.job_availability = 1 - stopped / duration_s;
    for (std::size_t k = 0; k < causes.size(); ++k) {
      const double lost = time.lost_s[k] + time.restart_s[k] + time.waiting_s[k];
      if (time.interruptions[k] > 0 || lost > 0) {
        t.lost_accelerator_hours[causes[k]] = lost * gpu_h;
        t.interruptions_per_day[causes[k]] = time.interruptions[k] / (duration_s / 86400);
        t.interruptions += time.interruptions[k];
      }
    }
    t.lost_accelerator_hours["checkpoint_writes"] = time.checkpoint_s * gpu_h;
    t.lost_accelerator_hours["throttled"] = time.throttled_s * gpu_h;
    t.lost_accelerator_hours["uncommitted_at_end"] = time.uncommitted_s * gpu_h;
  }
  if (const workload::InferenceService* s = workload_->inference()) {
    r.inference = true;
    r.service.replicas = s->spec().replicas;
    r.service.accelerators_per_replica = s->spec().accelerators_per_replica;
    r.service.request_rate_per_s = s->spec().request_rate_per_s;
    r.service.served_fraction =
        s->offered_requests() > 0 ? s->served_requests() / s->offered_requests() : 1.0;
    r.service.below_slo_min = s->below_slo_s() / 60;
  }
  return r;
}

} // namespace aidcsim
