#include "engine/sim/route_book.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>

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

// Inside the pod, from its first host r (one shortest-path search per pod: SimGrid searches the
// whole zone for a host's first route out): r's own way out is what its routes to the second and
// third hosts share; another host's way in is what r's route to it does not share with r's way
// out; and r's way in is its way out reversed, as every host's is (the sample check holds the
// book to it).
void RouteBook::learn_pod(const std::vector<int>& pod) {
  sg4::Host* r = hosts_[pod[0]];
  const Links up_r = intersect(simgrid_route(r, hosts_[pod[1]]), simgrid_route(r, hosts_[pod[2]]));
  for (int h : pod) {
    const Links in = h == pod[0] ? reversed(up_r) : minus(simgrid_route(r, hosts_[h]), up_r);
    parts_[h].pod_in = ids(in);
    parts_[h].pod_out = ids(reversed(in));
  }
}

// From a host of another pod: what reaches h and not its pod's other host is h's own.
void RouteBook::learn_own(const std::vector<int>& pod, sg4::Host* outside) {
  const Links to_first = simgrid_route(outside, hosts_[pod[0]]);
  const Links to_second = simgrid_route(outside, hosts_[pod[1]]);
  for (int h : pod) {
    const Links& to_other = h == pod[0] ? to_second : to_first;
    const Links in = minus(h == pod[0]   ? to_first
                           : h == pod[1] ? to_second
                                         : simgrid_route(outside, hosts_[h]),
                           to_other);
    parts_[h].own_in = ids(in);
    parts_[h].own_out = ids(reversed(in));
  }
}

// A host of another pod, in the same zone when there is one: SimGrid resolves a route inside one
// zone (one shortest-path look-up) faster than across zones (one per zone it crosses).
sg4::Host* RouteBook::outside_of(std::size_t pod) {
  const sg4::NetZone* zone = hosts_[pods_[pod][0]]->get_englobing_zone();
  const std::size_t n = pods_.size();
  // Pods of a zone are neighbours in rank order: look a few pods either way.
  for (std::size_t step = 1; step < n && step <= 64; ++step)
    for (std::size_t other : {(pod + step) % n, (pod + n - step) % n})
      if (hosts_[pods_[other][0]]->get_englobing_zone() == zone)
        return hosts_[pods_[other][0]];
  return hosts_[pods_[pod == 0 ? 1 : 0][0]];
}

bool RouteBook::learn() {
  std::map<std::string, int> pod_index;
  parts_.assign(hosts_.size(), HostParts{});
  for (std::size_t h = 0; h < hosts_.size(); ++h) {
    const char* pod = hosts_[h]->get_property("pod");
    if (pod == nullptr)
      return false;
    const auto [it, fresh] = pod_index.try_emplace(pod, static_cast<int>(pods_.size()));
    if (fresh)
      pods_.emplace_back();
    pods_[it->second].push_back(static_cast<int>(h));
    parts_[h].pod = it->second;
  }
  for (const auto& pod : pods_)
    if (pod.size() < 3)
      return false; // the parts need three hosts of the pod
  for (const auto& pod : pods_)
    learn_pod(pod);
  if (pods_.size() >= 2)
    for (std::size_t q = 0; q < pods_.size(); ++q)
      learn_own(pods_[q], outside_of(q));
  return true;
}

RouteBook::Ids RouteBook::ids(const Links& links) {
  Ids out;
  out.reserve(links.size());
  for (const sg4::Link* l : links) {
    const auto [it, fresh] = id_of_.try_emplace(l, static_cast<int>(links_.size()));
    if (fresh)
      links_.push_back(l);
    out.push_back(it->second);
  }
  return out;
}

Links RouteBook::links_of(const Ids& ids) const {
  Links out;
  out.reserve(ids.size());
  for (int id : ids)
    out.push_back(links_[id]);
  std::sort(out.begin(), out.end());
  return out;
}

// The links between two pods: a route between their first hosts less those hosts' own parts.
const RouteBook::Ids& RouteBook::between(int from_pod, int to_pod) {
  const long long key = static_cast<long long>(from_pod) * (1LL << 32) + to_pod;
  auto it = between_.find(key);
  if (it == between_.end()) {
    const int a = pods_[from_pod][0], b = pods_[to_pod][0];
    const Links own = unite(links_of(parts_[a].own_out), links_of(parts_[b].own_in));
    it = between_.emplace(key, ids(minus(simgrid_route(hosts_[a], hosts_[b]), own))).first;
  }
  return it->second;
}

void RouteBook::append_route(int from, int to, std::vector<int>& out) {
  if (!composed_) {
    const Ids route = ids(simgrid_route(hosts_[from], hosts_[to]));
    out.insert(out.end(), route.begin(), route.end());
    return;
  }
  const HostParts& a = parts_[from];
  const HostParts& b = parts_[to];
  auto append = [&](const Ids& part) { out.insert(out.end(), part.begin(), part.end()); };
  if (a.pod == b.pod) {
    append(a.pod_out);
    append(b.pod_in);
    return;
  }
  append(a.own_out);
  append(between(a.pod, b.pod));
  append(b.own_in);
}

// The composed route as a set; parts that overlapped would list a link twice and differ from
// SimGrid's route in the check.
Links RouteBook::compose(int from, int to) {
  std::vector<int> out;
  append_route(from, to, out);
  return links_of(out);
}

bool RouteBook::check(int from, int to) {
  return compose(from, to) == simgrid_route(hosts_[from], hosts_[to]);
}

bool RouteBook::prepare(std::vector<sg4::Host*> hosts, const Pairs& sample) {
  hosts_ = std::move(hosts);
  index_.clear();
  pods_.clear();
  between_.clear();
  for (std::size_t h = 0; h < hosts_.size(); ++h)
    index_.emplace(hosts_[h], static_cast<int>(h));
  composed_ = learn();
  for (std::size_t i = 0; composed_ && i < sample.size(); ++i)
    composed_ = check(sample[i].first, sample[i].second) && check(sample[i].second, sample[i].first);
  return composed_;
}

bool RouteBook::prepare(const std::vector<std::pair<sg4::Host*, sg4::Host*>>& pairs) {
  std::vector<sg4::Host*> hosts;
  hosts.reserve(2 * pairs.size());
  for (const auto& [a, b] : pairs) {
    hosts.push_back(a);
    hosts.push_back(b);
  }
  // Distinct hosts (by address: cheap), in name order.
  std::sort(hosts.begin(), hosts.end());
  hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
  std::sort(hosts.begin(), hosts.end(),
            [](const sg4::Host* x, const sg4::Host* y) { return x->get_name() < y->get_name(); });
  std::unordered_map<const sg4::Host*, int> index;
  for (std::size_t h = 0; h < hosts.size(); ++h)
    index.emplace(hosts[h], static_cast<int>(h));
  // Checked on a sample spread over the pairs.
  Pairs sample;
  const std::size_t step = std::max<std::size_t>(1, pairs.size() / 128);
  for (std::size_t i = 0; i < pairs.size(); i += step)
    sample.emplace_back(index.at(pairs[i].first), index.at(pairs[i].second));
  return prepare(std::move(hosts), sample);
}

Links RouteBook::route(sg4::Host* from, sg4::Host* to) {
  return composed_ ? compose(index_of(from), index_of(to)) : simgrid_route(from, to);
}

} // namespace aidcsim
