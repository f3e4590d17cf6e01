// Exact references for availability estimates: the steady state of a finite continuous-time
// Markov chain, and the chain of independent components in series and parallel.
//
// The steady state pi of a generator Q (pi Q = 0, sum pi = 1) comes from the GTH algorithm
// (Grassmann, Taksar and Heyman, "Regenerative analysis and steady state distributions for Markov
// chains", Operations Research 33(5), 1985): states are eliminated one at a time and the diagonal
// is never formed, so there is no subtraction and probabilities of 1e-12 keep full relative
// accuracy (Gaussian elimination on Q loses them to cancellation).
//
// Test code only: dense, O(n^3) in the states.
#pragma once

#include <functional>
#include <vector>

namespace aidcsim::reference {

// rates[i][j]: the rate from state i to state j (i != j; the diagonal is ignored). Every state
// must reach every other (irreducible).
std::vector<double> steady_state(std::vector<std::vector<double>> rates);

// A component whose up and down times alternate, both exponential: a unit that fails at
// `failure_per_s` and is repaired at `repair_per_s`. Or, with `arrivals` true, a utility feed whose
// outages arrive at `failure_per_s` whether it is up or not and last exponential times at
// `repair_per_s` each, overlapping (an M/M/infinity queue, down while any outage is active),
// truncated at `max_active` outages at once.
struct MarkovComponent {
  double failure_per_s = 0;
  double repair_per_s = 0;
  bool arrivals = false;
  int max_active = 6;
};

// The chain of independent components (the product of their chains) and its steady state:
// the probability that `down(states)` holds, where states[k] is component k's state (0 up; a
// two-state unit 1 down; an arrival feed the number of active outages).
double probability_down(const std::vector<MarkovComponent>& components,
                        const std::function<bool(const std::vector<int>&)>& down);

} // namespace aidcsim::reference
