#include "models/power/first_failure_bias.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

namespace {
using Role = FirstFailureNode::Role;
enum Status : char { lost = 0, on_backup = 1, secure = 2 };

// What a node's feeders offer: how many are secure, how many on a backup plant, one of each.
struct Offer {
  int secure = 0, backup = 0;
  int a_secure = -1, a_backup = -1;
};

Offer offer(const FirstFailureNode& node, const std::vector<char>& status) {
  Offer o;
  for (int f : node.feeders) {
    if (status[f] == secure) {
      ++o.secure;
      o.a_secure = f;
    } else if (status[f] == on_backup) {
      ++o.backup;
      o.a_backup = f;
    }
  }
  return o;
}

// Statuses with `gone` lost and everything else up: a source is secure, a backup plant carries
// what it is switched to, every other node is as good as its best feeder (a UPS on battery counts
// as lost: its minutes are nothing next to a repair).
std::vector<char> statuses(const std::vector<FirstFailureNode>& nodes, const std::vector<int>& topo,
                           int gone) {
  std::vector<char> status(nodes.size(), lost);
  for (int v : topo) {
    const FirstFailureNode& n = nodes[v];
    if (v == gone)
      continue;
    if (n.role == Role::source || n.role == Role::backup_source) {
      status[v] = n.role == Role::source ? secure : on_backup;
      continue;
    }
    for (int f : n.feeders)
      status[v] = std::max(status[v], status[f]);
  }
  return status;
}

// The racks' exposure passed up as compute_critical_flows passes it: `critical` where one more loss
// takes a rack down, `weak` where it leaves the rack on a backup plant. Adds to `direct` the racks
// lost at once.
struct Exposure {
  std::vector<double> critical, weak;
  double direct = 0;
};

void expose_racks(const std::vector<FirstFailureNode>& nodes, const std::vector<char>& status, Exposure& e) {
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    if (nodes[v].role != Role::it_load)
      continue;
    const Offer o = offer(nodes[v], status);
    const double share = nodes[v].it_share;
    if (o.secure >= 2)
      continue;
    if (o.secure == 0 && o.backup == 0)
      e.direct += share;
    else if (o.secure == 1)
      (o.backup == 0 ? e.critical : e.weak)[o.a_secure] += share;
    else if (o.backup == 1)
      e.critical[o.a_backup] += share;
  }
}

void pass_up(const std::vector<FirstFailureNode>& nodes, const std::vector<int>& topo,
             const std::vector<char>& status, Exposure& e) {
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    const int v = *it;
    const Role role = nodes[v].role;
    if (role != Role::pass || (e.critical[v] == 0 && e.weak[v] == 0))
      continue;
    const Offer o = offer(nodes[v], status);
    if (o.secure == 1 && o.backup == 0) {
      e.critical[o.a_secure] += e.critical[v];
      e.weak[o.a_secure] += e.weak[v];
    } else if (o.secure == 1) { // weak exposure stops here: a second backup plant stands behind it
      e.weak[o.a_secure] += e.critical[v];
    } else if (o.secure == 0 && o.backup == 1) {
      e.critical[o.a_backup] += e.critical[v];
    }
  }
}

// The exposure with `gone` lost (-1: none), less what there is with everything up (a single-corded
// rack's path is exposed all the time; a loss adds only what it adds).
Exposure exposure_of(const std::vector<FirstFailureNode>& nodes, const std::vector<int>& topo, int gone,
                     const Exposure* base) {
  const std::vector<char> status = statuses(nodes, topo, gone);
  Exposure e{std::vector<double>(nodes.size(), 0.0), std::vector<double>(nodes.size(), 0.0)};
  expose_racks(nodes, status, e);
  pass_up(nodes, topo, status, e);
  if (base == nullptr)
    return e;
  e.direct = std::max(0.0, e.direct - base->direct);
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    e.critical[v] = std::max(0.0, e.critical[v] - base->critical[v]);
    e.weak[v] = std::max(0.0, e.weak[v] - base->weak[v]);
  }
  return e;
}

double risk_of(const std::vector<FirstFailureNode>& nodes, const std::vector<int>& topo, int gone,
               const Exposure& base) {
  const Exposure e = exposure_of(nodes, topo, gone, &base);
  const double repair_s = nodes[gone].loss_repair_s;
  // The chance that a backup plant fails while it carries a rack through a second loss: over the
  // shorter of the two repairs, for the least reliable plant.
  double demand = 0, running_per_s = 0;
  for (const FirstFailureNode& n : nodes)
    if (n.role == Role::backup_source) {
      demand = std::max(demand, n.demand_failure);
      running_per_s = std::max(running_per_s, n.running_failure_per_s);
    }
  double at_start = e.direct, rate_per_s = 0;
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    const FirstFailureNode& n = nodes[v];
    const double q =
        e.weak[v] > 0 ? std::min(1.0, demand + running_per_s * std::min(repair_s, n.loss_repair_s)) : 0.0;
    rate_per_s += n.loss_rate_per_s * (e.critical[v] + q * e.weak[v]);
    if (n.role == Role::backup_source) {
      at_start += e.critical[v] * n.demand_failure;
      rate_per_s += e.critical[v] * n.running_failure_per_s;
    }
  }
  return std::min(1.0, at_start + repair_s * rate_per_s);
}
} // namespace

std::vector<double> first_failure_risks(const std::vector<FirstFailureNode>& nodes,
                                        const std::vector<int>& topological_order) {
  std::vector<double> risks(nodes.size(), 0.0);
  const Exposure base = exposure_of(nodes, topological_order, -1, nullptr);
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    const Role role = nodes[v].role;
    if (nodes[v].loss_rate_per_s > 0 && role != Role::other_load && role != Role::backup_source)
      risks[v] = risk_of(nodes, topological_order, static_cast<int>(v), base);
  }
  return risks;
}

FirstFailureFactors first_failure_factors(const std::vector<FirstFailureNode>& nodes,
                                          const std::vector<double>& risks, double share) {
  FirstFailureFactors f{std::vector<double>(nodes.size(), 1.0), 1.0};
  double total_per_s = 0, weighted_per_s = 0;
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    total_per_s += nodes[v].loss_rate_per_s + nodes[v].other_rate_per_s;
    weighted_per_s += nodes[v].loss_rate_per_s * risks[v];
  }
  if (!(share > 0) || !(weighted_per_s > 0))
    return f;
  f.other = 1 - share;
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    const double x = 1 - share + share * total_per_s * risks[v] / weighted_per_s;
    // A design whose modes all weigh alike (two identical feeds and nothing else) is left exactly
    // as it is, not redrawn at a factor one rounding error away from 1.
    f.loss[v] = std::abs(x - 1) < 1e-9 ? 1.0 : x;
  }
  return f;
}

} // namespace aidcsim::power
