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

  // Prepares the book for these pairs (and their reverses); false when it falls back to
  // SimGrid's routes.
  bool prepare(const std::vector<std::pair<simgrid::s4u::Host*, simgrid::s4u::Host*>>& pairs);
  Links route(simgrid::s4u::Host* from, simgrid::s4u::Host* to);
  bool composed() const { return composed_; }

private:
  struct HostParts {
    int pod = -1;
    Links own_in, own_out; // toward a host of another pod
    Links pod_in, pod_out; // inside its pod
  };
  static Links simgrid_route(simgrid::s4u::Host* from, simgrid::s4u::Host* to);
  bool learn(const std::vector<simgrid::s4u::Host*>& hosts);
  Links compose(simgrid::s4u::Host* from, simgrid::s4u::Host* to);
  const Links& between(int from_pod, int to_pod);

  bool composed_ = false;
  std::unordered_map<const simgrid::s4u::Host*, HostParts> parts_;
  std::vector<std::vector<simgrid::s4u::Host*>> pods_; // hosts of each pod seen, first two first
  std::unordered_map<long long, Links> between_;
};

} // namespace aidcsim
