// Routes of many host pairs at the cost of a few per pod.
//
// SimGrid computes a host's first route with a shortest-path search over its whole zone (a
// leaf group of 14 NVL72 racks: about 1,000 hosts, 164 us per source host), so asking for the
// routes of 98,304 ranks costs seconds before any flow is timed. On a cluster of scale-up domains
// (hosts with a "pod" property) a route splits into parts: between two hosts of a pod, the source's
// own links out and the destination's own links in; between pods, the source's own links, the
// links between the two pods and the destination's own links. The book learns each host's own
// links from routes out of two hosts of its pod and out of one host elsewhere, and the links
// between two pods from one route between them, and composes every other route from those.
// Before it is trusted it is checked against SimGrid's own routes on a sample of the pairs it is
// asked for; on any difference (a platform whose routes do not split this way) it answers with
// SimGrid's routes for every pair.
//
// Hosts are named by their index in the list the book was prepared with (a job's ranks), so a
// route of millions is a few array reads and appends, with no allocation.
#pragma once

#include <unordered_map>
#include <utility>
#include <vector>

namespace simgrid::s4u {
class Host;
class Link;
} // namespace simgrid::s4u

namespace aidcsim {

class RouteBook {
public:
  using Links = std::vector<const simgrid::s4u::Link*>; // as a set: sorted by address
  using Pairs = std::vector<std::pair<int, int>>;       // indices into hosts()

  // Prepares the book for routes between `hosts`, checked both ways on the `sample` pairs; false
  // when it falls back to SimGrid's routes.
  bool prepare(std::vector<simgrid::s4u::Host*> hosts, const Pairs& sample);
  // Prepares the book for these pairs (and their reverses), checked on a sample of them.
  bool prepare(const std::vector<std::pair<simgrid::s4u::Host*, simgrid::s4u::Host*>>& pairs);
  bool composed() const { return composed_; }

  const std::vector<simgrid::s4u::Host*>& hosts() const { return hosts_; }
  int index_of(const simgrid::s4u::Host* host) const { return index_.at(host); }

  // The route between two hosts of the book, as a set.
  Links route(simgrid::s4u::Host* from, simgrid::s4u::Host* to);
  // The same route as ids into links(), appended to `out` (in no particular order): what the
  // fluid model takes for millions of flows.
  void append_route(int from, int to, std::vector<int>& out);
  const std::vector<const simgrid::s4u::Link*>& links() const { return links_; }

private:
  using Ids = std::vector<int>;
  struct HostParts { // as ids into links_
    int pod = -1;
    Ids own_in, own_out; // toward a host of another pod
    Ids pod_in, pod_out; // inside its pod
  };
  static Links simgrid_route(simgrid::s4u::Host* from, simgrid::s4u::Host* to);
  bool learn();
  void learn_pod(const std::vector<int>& pod);
  void learn_own(const std::vector<int>& pod, simgrid::s4u::Host* outside);
  simgrid::s4u::Host* outside_of(std::size_t pod);
  bool check(int from, int to);
  Links compose(int from, int to);
  const Ids& between(int from_pod, int to_pod);
  Ids ids(const Links& links);
  Links links_of(const Ids& ids) const;

  bool composed_ = false;
  std::vector<simgrid::s4u::Host*> hosts_;
  std::unordered_map<const simgrid::s4u::Host*, int> index_;
  std::vector<HostParts> parts_;       // per host
  std::vector<std::vector<int>> pods_; // hosts of each pod, in the order given
  std::unordered_map<long long, Ids> between_;
  std::vector<const simgrid::s4u::Link*> links_;
  std::unordered_map<const simgrid::s4u::Link*, int> id_of_;
};

} // namespace aidcsim
