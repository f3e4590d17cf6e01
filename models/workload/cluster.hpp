// The accelerators of a cluster, what is down and why: IT failures drawn from the failure classes
// (a superposed Poisson process: the next failure of any class is one exponential draw at the
// total rate, its class and component chosen in proportion), repairs, and outages imposed from
// outside (a rack without power, a thermal shutdown).
//
// An accelerator is up when nothing holds it down; a failure takes down its blast radius (its
// host, rack or scale-up domain) until repaired. A failure of something already wholly down is
// not a new outage (a dead component does not fail again).
#pragma once

#include "engine/base/random_stream.hpp"
#include "models/workload/failure_classes.hpp"

#include <limits>
#include <queue>
#include <string>
#include <vector>

namespace aidcsim::workload {

// Where each accelerator sits: its host (tray or server), rack and scale-up domain (pod), as
// dense indices.
struct Topology {
  std::vector<int> host_of, rack_of, pod_of;
  int hosts = 0, racks = 0, pods = 0;
  int accelerators() const { return static_cast<int>(host_of.size()); }
  // `n` accelerators in hosts of `per_host`, racks of `per_rack` and pods of `per_pod`.
  static Topology regular(int n, int per_host, int per_rack, int per_pod);
};

struct ClusterSize {
  int accelerators = 0, hosts = 0, pods = 0, job_accelerators = 0;
};

// How many components a class of `per` fails on: the accelerators, hosts or pods of the cluster,
// or the job's accelerators for software failures.
int components_subject_to(FailsPer per, const ClusterSize& size);

// One failure: its class (or an outside cause), and the accelerators it took down (empty for a
// job-only failure: the job restarts, nothing is down).
struct Failure {
  int cause = -1; // index into causes()
  std::vector<int> down;
  bool job_only() const { return down.empty(); }
};

class Cluster {
public:
  Cluster(Topology topology, std::vector<FailureClass> classes, int job_accelerators, RandomStream rng);

  double next_event_time() const;
  // Applies the failures and repairs due at t; failures are appended to `out`.
  void process(double t, std::vector<Failure>& out);
  // An outside cause (index from add_cause) holds `accelerators` down, or releases them.
  int add_cause(const std::string& name);
  void hold(const std::vector<int>& accelerators, int cause, bool down);

  bool up(int accelerator) const { return down_count_[accelerator] == 0; }
  int up_count() const { return up_count_; }
  const Topology& topology() const { return topology_; }
  const std::vector<std::string>& causes() const { return cause_names_; }
  // Failures per second hitting a set of `job` accelerators: the rate whose inverse is the job's
  // mean time between interruptions (for the checkpoint interval).
  double job_failure_rate_per_s(int job) const;

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  void take_down(const std::vector<int>& accelerators, int delta);
  const std::vector<int>& blast(const FailureClass& c, int component) const;
  int components_of(const FailureClass& c) const;
  void draw_next(double now);

  Topology topology_;
  std::vector<FailureClass> classes_;
  std::vector<double> class_rate_per_s_; // summed over the class's components
  double total_rate_per_s_ = 0;
  int job_accelerators_;
  RandomStream rng_;
  std::vector<std::string> cause_names_;
  std::vector<int> down_count_;
  // Accelerators of each accelerator, host, rack and pod, for blast radii.
  std::vector<std::vector<int>> of_accelerator_, of_host_, of_rack_, of_pod_;
  std::vector<int> empty_;
  int up_count_;
  double next_failure_ = never;
  struct Repair {
    double at;
    long order; // ties broken by creation, so runs are reproducible
    std::vector<int> accelerators;
    bool operator>(const Repair& o) const { return at != o.at ? at > o.at : order > o.order; }
  };
  std::priority_queue<Repair, std::vector<Repair>, std::greater<>> repairs_;
  long repairs_made_ = 0;
};

} // namespace aidcsim::workload
