#include "models/network/fluid_flows.hpp"

#include "models/network/flow_classes.hpp"
#include "models/network/fluid_sharing.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <stdexcept>
#include <unordered_map>

namespace aidcsim::network {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

// A flow's own parameters: when it starts sharing, its bound and its sharing penalty.
struct Params {
  double start_s = 0, bound = inf, penalty = 0;
};

// Sums in increasing order, so flows over links of the same parameters get the same bits in
// whatever order their routes list the links (and so fall in one class, flow_classes.hpp). Routes
// are a few links long: an insertion sort in place.
double canonical_sum(double* terms, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i)
    for (std::size_t j = i; j > 0 && terms[j] < terms[j - 1]; --j)
      std::swap(terms[j], terms[j - 1]);
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i)
    sum += terms[i];
  return sum;
}

class FlowPrep {
public:
  FlowPrep(const std::vector<FluidLink>& links, const FlowTable& table, const FluidModel& model)
      : links_(links), table_(table), model_(model) {}

  // The flow's parameters; those of the flow before when its links have the same parameters in
  // the same order (neighbours in a collective often do), without summing again.
  Params params(std::size_t f) {
    if (f > 0 && alike(f - 1, f))
      return last_;
    last_ = compute(f);
    return last_;
  }

private:
  static bool same(const FluidLink& a, const FluidLink& b) {
    return a.bandwidth_Bps == b.bandwidth_Bps && a.latency_s == b.latency_s && a.fatpipe == b.fatpipe;
  }
  bool alike(std::size_t a, std::size_t b) const {
    if (table_.first[a + 1] - table_.first[a] != table_.first[b + 1] - table_.first[b] ||
        table_.back[a] - table_.first[a] != table_.back[b] - table_.first[b])
      return false;
    for (std::uint32_t i = table_.first[a], j = table_.first[b]; i < table_.first[a + 1]; ++i, ++j)
      if (!same(links_[table_.links[i]], links_[table_.links[j]]))
        return false;
    return true;
  }

  Params compute(std::size_t f) {
    const std::uint32_t begin = table_.first[f], end = table_.back[f];
    latencies_.resize(std::max<std::size_t>(latencies_.size(), end - begin));
    weights_.resize(latencies_.size());
    Params p;
    double narrowest = inf;
    for (std::uint32_t i = begin; i < end; ++i) {
      const FluidLink& l = links_[table_.links[i]];
      latencies_[i - begin] = l.latency_s;
      weights_[i - begin] = model_.weight_s / l.bandwidth_Bps;
      narrowest = std::min(narrowest, l.bandwidth_Bps);
      if (l.fatpipe) // bounds the flow alone
        p.bound = std::min(p.bound, l.bandwidth_Bps);
    }
    if (model_.crosstraffic > 0)
      for (std::uint32_t i = table_.back[f]; i < table_.first[f + 1]; ++i)
        if (links_[table_.links[i]].fatpipe)
          p.bound = std::min(p.bound, links_[table_.links[i]].bandwidth_Bps / model_.crosstraffic);
    const double latency = canonical_sum(latencies_.data(), end - begin);
    p.start_s = latency * model_.latency_factor;
    p.penalty = latency + canonical_sum(weights_.data(), end - begin);
    p.bound = std::min(p.bound, narrowest);
    if (latency > 0)
      p.bound = std::min(p.bound, model_.tcp_gamma_bytes / (2 * latency));
    if (!(p.penalty > 0))
      throw std::invalid_argument("simulate_flows: a flow whose route has no latency and no bandwidth term");
    return p;
  }

  const std::vector<FluidLink>& links_;
  const FlowTable& table_;
  const FluidModel& model_;
  std::vector<double> latencies_, weights_;
  Params last_;
};

struct BitsHash {
  std::size_t operator()(const std::array<double, 4>& k) const {
    std::size_t h = 0;
    for (double v : k)
      h = h * 0x9e3779b97f4a7c15ULL + std::hash<double>{}(v);
    return h;
  }
  std::size_t operator()(double v) const { return std::hash<double>{}(v); }
};

// Dense ids for exact keys, in order of first appearance.
template <class Key>
std::uint32_t dense_id(std::unordered_map<Key, std::uint32_t, BitsHash>& ids, const Key& k) {
  return ids.try_emplace(k, static_cast<std::uint32_t>(ids.size())).first->second;
}

// The flows on the links they share, with links numbered in order of first use (links no flow
// shares take no part), and each flow's and each link's starting class: flows that agree on
// their own parameters and bytes, links that agree on their bandwidth.
struct Shared {
  std::vector<Params> params;
  std::vector<double> bytes;
  Incidence incidence;
  std::vector<int> link; // the caller's link of each shared link
  std::vector<std::uint32_t> flow_key, link_key;
};

// Each link's id among the shared links, given on first use; FATPIPE links are not shared.
class SharedLinks {
public:
  SharedLinks(const std::vector<FluidLink>& links, Shared& s)
      : links_(links), s_(s), local_(links.size(), unseen) {
    for (std::size_t l = 0; l < links.size(); ++l)
      if (links[l].fatpipe)
        local_[l] = fatpipe;
  }
  // Appends the elements of links[begin, end) at this weight class.
  void add(const int* begin, const int* end, std::uint8_t weight_class) {
    Incidence& inc = s_.incidence;
    for (const int* l = begin; l != end; ++l) {
      std::uint32_t id = local_[*l];
      if (id == fatpipe)
        continue;
      if (id == unseen)
        id = first_use(*l);
      inc.link.push_back(id);
      inc.weight_class.push_back(weight_class);
    }
  }

private:
  static constexpr std::uint32_t unseen = none, fatpipe = none - 1;
  std::uint32_t first_use(int l) {
    local_[l] = static_cast<std::uint32_t>(s_.link.size());
    s_.link.push_back(l);
    s_.link_key.push_back(dense_id(ids_, links_[l].bandwidth_Bps));
    return local_[l];
  }
  const std::vector<FluidLink>& links_;
  Shared& s_;
  std::vector<std::uint32_t> local_;
  std::unordered_map<double, std::uint32_t, BitsHash> ids_;
};

Shared share(const std::vector<FluidLink>& links, FlowTable table, const FluidModel& model) {
  Shared s;
  const std::size_t n = table.size();
  FlowPrep prep(links, table, model);
  s.params.resize(n);
  s.flow_key.resize(n);
  s.incidence.first.reserve(n + 1);
  s.incidence.link.reserve(table.links.size());
  s.incidence.weight_class.reserve(table.links.size());
  SharedLinks shared(links, s);
  std::unordered_map<std::array<double, 4>, std::uint32_t, BitsHash> flow_ids;
  std::array<double, 4> last_key{};
  std::uint32_t last_id = none;
  const int* at = table.links.data();
  for (std::size_t f = 0; f < n; ++f) {
    s.params[f] = prep.params(f);
    const std::array<double, 4> key{s.params[f].start_s, s.params[f].bound, s.params[f].penalty,
                                    table.bytes[f]};
    if (last_id == none || key != last_key) // neighbours are often alike: no hash then
      last_id = dense_id(flow_ids, key);
    last_key = key;
    s.flow_key[f] = last_id;
    // The route's links at weight 1 (class 0), the reverse route's at the cross traffic's (class 1).
    shared.add(at + table.first[f], at + table.back[f], 0);
    if (model.crosstraffic > 0)
      shared.add(at + table.back[f], at + table.first[f + 1], 1);
    s.incidence.first.push_back(static_cast<std::uint32_t>(s.incidence.link.size()));
  }
  s.bytes = std::move(table.bytes);
  return s;
}

// An element's weight: 1 on the route's own links (class 0), the cross traffic's on the reverse
// route's (class 1).
double weight_of(std::uint8_t weight_class, const FluidModel& model) {
  return weight_class == 0 ? 1.0 : model.crosstraffic;
}

SharedFlow flow_of(const Params& p, double bytes) {
  SharedFlow g;
  g.start_s = p.start_s;
  g.bound = p.bound;
  g.penalty = p.penalty;
  g.remaining = g.bytes = bytes;
  return g;
}

// One flow per class on one link per class (flow_classes.hpp): a class's element on a link class
// weighs what all its flows put on one link of that class.
std::vector<SharedFlow> quotient(const Classes& c, const Shared& s, const FluidModel& model) {
  std::vector<std::uint32_t> rep(c.flow_classes, none), flows_in(c.flow_classes, 0),
      links_in(c.link_classes, 0);
  for (std::size_t f = 0; f < c.flow.size(); ++f) {
    if (rep[c.flow[f]] == none)
      rep[c.flow[f]] = static_cast<std::uint32_t>(f);
    ++flows_in[c.flow[f]];
  }
  for (std::uint32_t l : c.link)
    ++links_in[l];
  std::vector<SharedFlow> out;
  out.reserve(c.flow_classes);
  std::vector<double> per_class(c.link_classes, 0.0);
  std::vector<std::uint32_t> touched;
  const Incidence& inc = s.incidence;
  for (std::uint32_t k = 0; k < c.flow_classes; ++k) {
    SharedFlow g = flow_of(s.params[rep[k]], s.bytes[rep[k]]);
    for (std::uint32_t e = inc.first[rep[k]]; e < inc.first[rep[k] + 1]; ++e) {
      const std::uint32_t lc = c.link[inc.link[e]];
      if (per_class[lc] == 0)
        touched.push_back(lc);
      per_class[lc] += weight_of(inc.weight_class[e], model);
    }
    for (std::uint32_t lc : touched) {
      g.elements.push_back({static_cast<int>(lc), per_class[lc] * flows_in[k] / links_in[lc]});
      per_class[lc] = 0;
    }
    touched.clear();
    out.push_back(std::move(g));
  }
  return out;
}

// Every flow on every shared link.
std::vector<SharedFlow> every_flow(const Shared& s, const FluidModel& model) {
  std::vector<SharedFlow> out;
  out.reserve(s.params.size());
  const Incidence& inc = s.incidence;
  for (std::size_t f = 0; f < s.params.size(); ++f) {
    out.push_back(flow_of(s.params[f], s.bytes[f]));
    for (std::uint32_t e = inc.first[f]; e < inc.first[f + 1]; ++e)
      out.back().elements.push_back({static_cast<int>(inc.link[e]), weight_of(inc.weight_class[e], model)});
  }
  return out;
}

} // namespace

FluidResult simulate_flows(const std::vector<FluidLink>& links, FlowTable table, const FluidModel& model) {
  const std::size_t n = table.size();
  Shared s = share(links, std::move(table), model);
  std::optional<Classes> c;
  if (model.by_classes)
    c = refine_classes(s.incidence, std::move(s.flow_key), std::move(s.link_key), model.class_passes);
  std::vector<SharedFlow> flows;
  std::vector<FluidLink> solved_links;
  if (c && c->stable) { // one flow per class on one link per class
    flows = quotient(*c, s, model);
    solved_links.resize(c->link_classes);
    for (std::size_t l = 0; l < s.link.size(); ++l)
      solved_links[c->link[l]] = links[s.link[l]];
  } else {
    flows = every_flow(s, model);
    for (int l : s.link)
      solved_links.push_back(links[l]);
  }
  FluidResult result = run_sharing(solved_links, flows, model);
  result.flows = n;
  result.solved_flows = flows.size();
  if (c) {
    result.class_rounds = c->rounds;
    result.class_passes = c->work_passes;
  }
  return result;
}

FluidResult simulate_flows(const std::vector<FluidLink>& links, const std::vector<FluidFlow>& in,
                           const FluidModel& model) {
  FlowTable table;
  for (const FluidFlow& f : in) {
    table.begin_flow(f.bytes);
    table.links.insert(table.links.end(), f.route.begin(), f.route.end());
    table.begin_reverse();
    table.links.insert(table.links.end(), f.back.begin(), f.back.end());
    table.end_flow();
  }
  return simulate_flows(links, std::move(table), model);
}

} // namespace aidcsim::network
