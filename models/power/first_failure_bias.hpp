// Importance sampling of a regenerative cycle's first failure (failure_bias.hpp): which component
// fails first, drawn towards the ones whose loss puts IT power one failure from lost.
//
// With everything up every failure mode runs at a constant rate, so the time to the first failure
// is exponential at the total rate L and which mode fires is independent of it, mode i with
// probability r_i / L. Balanced failure biasing (Shahabuddin 1994) changes that choice only; here
// the modes are drawn with probability
//   pi_i = (1 - s) r_i / L + s r_i p_i / sum_j r_j p_j,
// a defensive mixture (Hesterberg 1995) of the natural choice and one in proportion to each mode's
// part of the IT-loss probability, r_i p_i, where p_i is a first-order estimate of the chance that
// IT is lost before a component lost whole by mode i is back (first_failure_risks). Drawing mode i
// at rate f_i r_i with f_i = pi_i L / r_i keeps the total rate at L, so the likelihood ratio of
// the time spent up is exactly 1 and that of the first failure is 1 / f_i, at most 1 / (1 - s).
// The estimate stays unbiased whatever the p_i; they only decide how much it gains. Without
// this, a Tier IV-like design's cycles start with a utility outage, a chiller or a UPS module
// nearly every time and with a PDU, transformer or switch, the failures that matter, once in a
// hundred (docs/MODELS.md, "Rare-event estimation").
#pragma once

#include <vector>

namespace aidcsim::power {

// One node of the power graph as the first-failure bias sees it, with everything up.
struct FirstFailureNode {
  enum class Role { source, backup_source, pass, it_load, other_load };
  Role role = Role::pass;
  std::vector<int> feeders;
  double loss_rate_per_s = 0;       // rate at which it is lost whole (for a source: its outages)
  double loss_repair_s = 0;         // mean time it then stays lost
  double other_rate_per_s = 0;      // its other failures (one unit of a redundant group)
  double demand_failure = 0;        // a backup source: probability it fails to take the load
  double running_failure_per_s = 0; // a backup source: rate at which it fails carrying it
  double it_share = 0;              // an IT rack: its share of the IT load
};

// Per node, p: the first-order probability that IT is lost (weighted by the racks' shares) while
// that node, lost whole from everything up, stays lost for its mean repair time R, through the
// exposure that loss adds to what there is with everything up (a single-corded rack's path is
// always exposed; the loss of a node it does not need adds nothing):
//   p = min(1, lost at once + sum over backup plants then carrying a rack alone of their demand
//       failure + R h),
// with h the rate at which a second failure takes a rack down: the loss rates of the nodes now
// single points of failure of a rack (found as PowerChain::compute_critical_flows finds them, on
// the statuses the loss leaves: secure, on a backup plant, lost), the running failure rate of a
// backup plant that carries a rack alone, and, for a node whose loss would leave a rack on a
// backup plant, its loss rate times the chance q = min(1, demand failure + R x running failure
// rate) of the least reliable plant that the backup fails too. 0 for nodes that cannot be lost
// whole or are not on the power path. Cost: one pass over the graph per node that can be lost.
std::vector<double> first_failure_risks(const std::vector<FirstFailureNode>& nodes,
                                        const std::vector<int>& topological_order);

// The rate factors of the first failure: each node's loss mode is drawn at loss[v] times its rate,
// every other mode (a redundant unit, a cooling load) at `other` = 1 - share. All 1 when no node
// has any risk or share is 0.
struct FirstFailureFactors {
  std::vector<double> loss;
  double other = 1;
};
FirstFailureFactors first_failure_factors(const std::vector<FirstFailureNode>& nodes,
                                          const std::vector<double>& risks, double share);

} // namespace aidcsim::power
