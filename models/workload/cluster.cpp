#include "models/workload/cluster.hpp"

#include <cmath>
#include <stdexcept>

namespace aidcsim::workload {

Topology Topology::regular(int n, int per_host, int per_rack, int per_pod) {
  Topology t;
  for (int a = 0; a < n; ++a) {
    t.host_of.push_back(a / per_host);
    t.rack_of.push_back(a / per_rack);
    t.pod_of.push_back(a / per_pod);
  }
  t.hosts = (n + per_host - 1) / per_host;
  t.racks = (n + per_rack - 1) / per_rack;
  t.pods = (n + per_pod - 1) / per_pod;
  return t;
}

Cluster::Cluster(Topology topology, std::vector<FailureClass> classes, int job_accelerators, RandomStream rng)
    : topology_(std::move(topology)), classes_(std::move(classes)), job_accelerators_(job_accelerators),
      rng_(rng), down_count_(topology_.accelerators(), 0), up_count_(topology_.accelerators()) {
  const int n = topology_.accelerators();
  of_accelerator_.resize(n);
  of_host_.resize(topology_.hosts);
  of_rack_.resize(topology_.racks);
  of_pod_.resize(topology_.pods);
  for (int a = 0; a < n; ++a) {
    of_accelerator_[a].push_back(a);
    of_host_[topology_.host_of[a]].push_back(a);
    of_rack_[topology_.rack_of[a]].push_back(a);
    of_pod_[topology_.pod_of[a]].push_back(a);
  }
  for (const auto& c : classes_) {
    const double components = components_of(c);
    class_rate_per_s_.push_back(c.rate_per_component_h / 3600.0 * components);
    total_rate_per_s_ += class_rate_per_s_.back();
    cause_names_.push_back(c.name);
  }
  draw_next(0.0);
}

int Cluster::add_cause(const std::string& name) {
  cause_names_.push_back(name);
  return static_cast<int>(cause_names_.size()) - 1;
}

void Cluster::draw_next(double now) {
  next_failure_ = rng_.next_arrival(now, total_rate_per_s_);
}

double Cluster::next_event_time() const {
  return std::min(next_failure_, repairs_.empty() ? never : repairs_.top().at);
}

void Cluster::take_down(const std::vector<int>& accelerators, int delta) {
  for (int a : accelerators) {
    const bool was_up = down_count_[a] == 0;
    down_count_[a] += delta;
    if (down_count_[a] < 0)
      throw std::logic_error("Cluster: accelerator released more often than held");
    up_count_ += was_up && down_count_[a] > 0 ? -1 : !was_up && down_count_[a] == 0 ? 1 : 0;
  }
}

int components_subject_to(FailsPer per, const ClusterSize& size) {
  switch (per) {
  case FailsPer::accelerator:
    return size.accelerators;
  case FailsPer::host:
    return size.hosts;
  case FailsPer::pod:
    return size.pods;
  case FailsPer::job_accelerator:
    return size.job_accelerators;
  }
  return 0;
}

int Cluster::components_of(const FailureClass& c) const {
  return components_subject_to(
      c.per, {topology_.accelerators(), topology_.hosts, topology_.pods, job_accelerators_});
}

// The accelerators a failure of `c`'s component takes down: the blast radius around the first
// accelerator of the failing component.
const std::vector<int>& Cluster::blast(const FailureClass& c, int component) const {
  if (c.takes_down == BlastRadius::job)
    return empty_;
  const int first = c.per == FailsPer::host  ? of_host_[component].front()
                    : c.per == FailsPer::pod ? of_pod_[component].front()
                                             : component;
  switch (c.takes_down) {
  case BlastRadius::accelerator:
    return of_accelerator_[first];
  case BlastRadius::host:
    return of_host_[topology_.host_of[first]];
  case BlastRadius::rack:
    return of_rack_[topology_.rack_of[first]];
  case BlastRadius::pod:
    return of_pod_[topology_.pod_of[first]];
  case BlastRadius::job:
    break;
  }
  return empty_;
}

void Cluster::process(double t, std::vector<Failure>& out) {
  while (!repairs_.empty() && repairs_.top().at <= t) {
    take_down(repairs_.top().accelerators, -1);
    repairs_.pop();
  }
  while (next_failure_ <= t) {
    // Which class, in proportion to its rate; which component, uniformly.
    double x = rng_.uniform01() * total_rate_per_s_;
    std::size_t k = 0;
    while (k + 1 < classes_.size() && x >= class_rate_per_s_[k]) {
      x -= class_rate_per_s_[k];
      ++k;
    }
    const FailureClass& c = classes_[k];
    const int components = components_of(c);
    const int component =
        std::min(components - 1, static_cast<int>(rng_.uniform01() * static_cast<double>(components)));
    Failure f;
    f.cause = static_cast<int>(k);
    f.down = blast(c, component);
    bool any_up = f.down.empty(); // a job-only failure always counts
    for (int a : f.down)
      any_up = any_up || up(a);
    if (any_up) {
      if (!f.down.empty()) {
        take_down(f.down, +1);
        repairs_.push({next_failure_ + c.repair_s, repairs_made_++, f.down});
      }
      out.push_back(std::move(f));
    }
    draw_next(next_failure_);
  }
}

void Cluster::hold(const std::vector<int>& accelerators, int /*cause*/, bool down) {
  take_down(accelerators, down ? +1 : -1);
}

double Cluster::job_failure_rate_per_s(int job) const {
  double rate = 0;
  const double n = topology_.accelerators();
  for (std::size_t k = 0; k < classes_.size(); ++k) {
    const FailureClass& c = classes_[k];
    if (c.per == FailsPer::job_accelerator) {
      rate += class_rate_per_s_[k];
      continue;
    }
    // A hardware failure hits the job when its blast radius holds a job accelerator: with the job
    // spread over whole hosts and pods, that is its share of the components.
    const double share = c.per == FailsPer::accelerator ? job / n
                         : c.per == FailsPer::host ? std::ceil(job / (n / topology_.hosts)) / topology_.hosts
                                                   : std::ceil(job / (n / topology_.pods)) / topology_.pods;
    rate += class_rate_per_s_[k] * std::min(1.0, share);
  }
  return rate;
}

} // namespace aidcsim::workload
