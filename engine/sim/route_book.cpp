#include "engine/sim/route_book.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <algorithm>
#include <iterator>
#include <map>
#include <string>

namespace aidcsim {

namespace sg4 = simgrid::s4u;
using Links = RouteBook::Links;

namespace {

Links sorted(Links v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}
Links unite(const Links& a, const Links& b) {
  Links out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}
Links intersect(const Links& a, const Links& b) {
  Links out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}
Links minus(const Links& a, const Links& b) {
  Links out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// The other direction of a split-duplex link ("x_UP" and "x_DOWN"); a shared link is its own.
const sg4::Link* reverse_of(const sg4::Link* l) {
  const std::string& name = l->get_name();
  auto swap = [&](const std::string& from, const std::string& to) -> const sg4::Link* {
    if (name.size() < from.size() || name.compare(name.size() - from.size(), from.size(), from) != 0)
      return nullptr;
    return sg4::Link::by_name_or_null(name.substr(0, name.size() - from.size()) + to);
  };
  if (const auto* r = swap("_UP", "_DOWN"))
    return r;
  if (const auto* r = swap("_DOWN", "_UP"))
    return r;
  return l;
}

Links reversed(const Links& links) {
  Links out;
  out.reserve(links.size());
  for (const auto* l : links)
    out.push_back(reverse_of(l));
  return sorted(out);
}

} // namespace

Links RouteBook::simgrid_route(sg4::Host* from, sg4::Host* to) {
  std::vector<sg4::Link*> route;
  double latency = 0;
  from->route_to(to, route, &latency);
  return sorted(Links(route.begin(), route.end()));
}

bool RouteBook::learn(const std::vector<sg4::Host*>& hosts) {
  std::map<std::string, int> pod_index;
  for (auto* h : hosts) {
    const char* pod = h->get_property("pod");
    if (pod == nullptr)
      return false;
    const auto [it, fresh] = pod_index.emplace(pod, static_cast<int>(pods_.size()));
    if (fresh)
      pods_.emplace_back();
    pods_[it->second].push_back(h);
    parts_[h].pod = it->second;
  }
  for (const auto& pod : pods_) {
    if (pod.size() < 3)
      return false; // the parts need three hosts of the pod
    sg4::Host *r = pod[0], *r2 = pod[1], *r3 = pod[2];
    // Inside the pod: r's own way out is what its routes to r2 and r3 share.
    const Links up_r = intersect(simgrid_route(r, r2), simgrid_route(r, r3));
    const Links up_r2 = intersect(simgrid_route(r2, r), simgrid_route(r2, r3));
    for (auto* h : pod) {
      HostParts& p = parts_[h];
      p.pod_in = h == r ? minus(simgrid_route(r2, r), up_r2) : minus(simgrid_route(r, h), up_r);
      p.pod_out = reversed(p.pod_in);
    }
  }
  if (pods_.size() < 2)
    return true;
  for (std::size_t q = 0; q < pods_.size(); ++q) {
    // From a host of another pod: what reaches h and not its pod's other host is h's own.
    sg4::Host* x = pods_[q == 0 ? 1 : 0][0];
    for (auto* h : pods_[q]) {
      sg4::Host* other = h == pods_[q][0] ? pods_[q][1] : pods_[q][0];
      HostParts& p = parts_[h];
      p.own_in = minus(simgrid_route(x, h), simgrid_route(x, other));
      p.own_out = reversed(p.own_in);
    }
  }
  return true;
}

const Links& RouteBook::between(int from_pod, int to_pod) {
  const long long key = static_cast<long long>(from_pod) * (1LL << 32) + to_pod;
  auto it = between_.find(key);
  if (it == between_.end()) {
    sg4::Host* a = pods_[from_pod][0];
    sg4::Host* b = pods_[to_pod][0];
    it = between_.emplace(key, minus(simgrid_route(a, b), unite(parts_[a].own_out, parts_[b].own_in))).first;
  }
  return it->second;
}

Links RouteBook::compose(sg4::Host* from, sg4::Host* to) {
  const HostParts& a = parts_.at(from);
  const HostParts& b = parts_.at(to);
  if (a.pod == b.pod)
    return unite(a.pod_out, b.pod_in);
  return unite(unite(a.own_out, between(a.pod, b.pod)), b.own_in);
}

bool RouteBook::prepare(const std::vector<std::pair<sg4::Host*, sg4::Host*>>& pairs) {
  std::vector<sg4::Host*> hosts;
  for (const auto& [a, b] : pairs) {
    hosts.push_back(a);
    hosts.push_back(b);
  }
  std::sort(hosts.begin(), hosts.end(),
            [](const sg4::Host* x, const sg4::Host* y) { return x->get_name() < y->get_name(); });
  hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
  composed_ = learn(hosts);
  // Checked on a sample spread over the pairs, both ways, against SimGrid's own routes.
  const std::size_t step = std::max<std::size_t>(1, pairs.size() / 128);
  for (std::size_t i = 0; composed_ && i < pairs.size(); i += step) {
    const auto& [a, b] = pairs[i];
    composed_ = compose(a, b) == simgrid_route(a, b) && compose(b, a) == simgrid_route(b, a);
  }
  return composed_;
}

Links RouteBook::route(sg4::Host* from, sg4::Host* to) {
  return composed_ ? compose(from, to) : simgrid_route(from, to);
}

} // namespace aidcsim
