// Estimates of IT unavailability, downtime per year and IT-loss episodes per year from
// regenerative cycles, with or without importance sampling (failure_bias.hpp).
//
// A cycle runs from one instant with everything up (PowerChain::all_up: no failure active, every
// switch normal, every rack powered, every battery full) to the next such instant after a
// failure. Under plain Monte Carlo the cycles are independent and identically distributed; with
// failure biasing each cycle's figures are weighted by its likelihood ratio L (dP/dQ), whose
// expectation is 1, so E_P[D] = E_Q[D L]. The ratio estimators (Crane and Iglehart 1975; with
// importance sampling, Goyal, Shahabuddin, Heidelberger, Nicola and Glynn, "A unified framework
// for simulating Markovian models of highly dependable systems", IEEE Trans. Computers 41(1),
// 1992) are
//   U = sum(D_i L_i) / sum(T_i L_i)      (D: IT downtime, T: cycle length)
// with the delta-method variance  var(U) = s^2 / (n mean(T L)^2),  s^2 the sample variance of
// D_i L_i - U T_i L_i. The last cycle, unfinished at the end of the run, is left out.
#pragma once

#include "models/power/failure_bias.hpp"

#include <string>
#include <vector>

namespace aidcsim::power {

struct SamplingOptions {
  bool biased = true;               // false: plain Monte Carlo, the same cycles and figures
  double balance = 0.5;             // biased failure rate over repair rate while degraded (Shahabuddin's
                                    // q / (1 - q): 0.5 is q = 1/3; test/unit/rare_event_test.cpp compares)
  double demand_floor = 0.2;        // a start attempt fails with at least this probability while degraded
  double duration_shift = 1.0;      // outage and repair durations drawn with heavier tails (always)
  double tilt_share = 0.8;          // of them, the share drawn tilted; the rest natural, which bounds
                                    // each one's likelihood ratio by 5 (DurationDistribution::sample_tilted)
  double first_failure_share = 0.5; // with everything up, the share of first failures drawn towards
                                    // the components whose loss matters (first_failure_bias.hpp)
  int tilted_failures = 3;          // only the first failures of a cycle have their durations tilted
                                    // (0: all); docs/MODELS.md says why
};

// A figure with its 95 % confidence half-width.
struct Interval {
  double value = 0;
  double half_width = 0;
  double low() const { return value - half_width; }
  double high() const { return value + half_width; }
};

// One first cause's part of the estimate (episode_recorder.hpp).
struct CauseEstimate {
  Interval downtime_min_per_year;
  Interval it_loss_episodes_per_year;
};

// Running totals of one cause, as the episode recorder keeps them (unweighted).
struct CauseCounts {
  long episodes = 0;
  double it_downtime_min = 0;
};

struct RareEventEstimate {
  std::string estimator; // "is" or "mc"
  long cycles = 0;
  long cycles_with_it_loss = 0;
  double simulated_years = 0; // in the completed cycles
  Interval unavailability;    // fraction of time, averaged over IT racks
  Interval downtime_min_per_year;
  Interval it_loss_episodes_per_year;
  double relative_error = 0;        // half-width / value of the unavailability (0 if none seen)
  double effective_sample_size = 0; // (sum L)^2 / sum L^2 over the cycles
  double largest_cycle_share = 0;   // the largest single cycle's part of sum(D L)
  // What plain Monte Carlo would need: its variance of the unavailability per cycle,
  // E_P[(D - U T)^2] / E_P[T]^2 (D in seconds here), estimated from these cycles (by their weights
  // L under importance sampling), and this estimator's own, n var(U). Their ratio is the variance
  // reduction per cycle.
  double plain_variance_per_cycle = 0;
  double variance_per_cycle = 0;
  std::vector<std::string> warnings;       // likelihood ratios that degenerate, too few events
  std::vector<CauseEstimate> by_cause;     // by the episode recorder's cause index
  std::vector<CauseEstimate> by_component; // by its component index
};

class RegenerativeEstimator {
public:
  RegenerativeEstimator(SamplingOptions options, int failure_rate_modes);

  // The bias for the chain's state: none with no failure active, else balanced; durations tilted
  // while the cycle has seen fewer than tilted_failures failures.
  FailureBias bias(double repair_rate_per_s, int cycle_failures = 0) const;
  // A cycle ended at `now` with these running totals (IT downtime in minutes, IT-loss onsets,
  // log likelihood ratio, and both by first cause); the next begins. Returns the cycle's
  // likelihood ratio L.
  double close_cycle(double now, double downtime_min, long onsets, double log_lr,
                     const std::vector<CauseCounts>& by_cause = {},
                     const std::vector<CauseCounts>& by_component = {});
  RareEventEstimate estimate() const;

private:
  SamplingOptions options_;
  int modes_;
  double start_s_ = 0, start_downtime_min_ = 0, start_log_lr_ = 0;
  long start_onsets_ = 0;
  // Sums over cycles of x = T L (s), y = D L (min), z = N L, w = L, their squares and products.
  long n_ = 0, with_loss_ = 0;
  double sx_ = 0, sy_ = 0, sz_ = 0, sw_ = 0, sxx_ = 0, syy_ = 0, szz_ = 0, sxy_ = 0, sxz_ = 0, sww_ = 0;
  // Sums of T^2 L, D^2 L and D T L (one weight): plain Monte Carlo's second moments under P.
  double stt_w_ = 0, sdd_w_ = 0, sdt_w_ = 0;
  double max_y_ = 0, sum_t_ = 0;
  // By cause: the totals at the cycle's start, and sums over cycles of y_c = D_c L, z_c = N_c L,
  // their squares and their products with x = T L.
  struct CauseSums {
    CauseCounts start;
    double sy = 0, syy = 0, sxy = 0, sz = 0, szz = 0, sxz = 0;
  };
  std::vector<CauseSums> causes_, components_;
  static void add_groups(double x, double w, const std::vector<CauseCounts>& counts,
                         std::vector<CauseSums>& sums);
  std::vector<CauseEstimate> group_estimates(const std::vector<CauseSums>& sums) const;
};

} // namespace aidcsim::power
