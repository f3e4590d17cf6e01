// Importance sampling of rare outages by failure biasing: while the facility has a failure active
// (a feed down, a unit in repair), failures are drawn more often, and the run keeps the likelihood
// ratio of what it drew so that its estimates stay unbiased.
//
// The change of measure is balanced failure biasing (Shahabuddin, "Importance sampling for the
// simulation of highly reliable Markovian systems", Management Science 40(3), 1994) in continuous
// time: each exposed failure mode is drawn at the same total rate, a multiple of the rate at which
// the active failures are being repaired, unless its own rate is higher; a per-demand failure (a
// genset's start) at a floor probability. Which modes, and how strongly, the power chain decides
// from its state (PowerChain::set_failure_bias). With everything up only the choice of the
// component that fails first is biased, the total rate kept (first_failure_bias.hpp), so the time
// to a regenerative cycle's first failure keeps its law. Outage and repair durations
// are drawn with heavier tails in every state, from a defensive mixture of the tilted and the
// natural distribution (DurationDistribution::sample_tilted): long outages, not more failures,
// are what makes a Tier III design's downtime.
//
// Likelihood ratio of an exponential clock of rate r drawn at b r (dP/dQ): each failure drawn
// contributes 1/b, each exposure of length dt exp((b - 1) r dt); of a demand drawn at p' for p:
// p / p' on failure, (1 - p) / (1 - p') on success; of a tilted duration, its density ratio.
// Logs are summed.
#pragma once

#include "engine/base/random_stream.hpp"

#include <algorithm>
#include <cmath>

namespace aidcsim::power {

// What the facility asks of every failure mode while it has failures active; zeros: no bias.
struct FailureBias {
  double mode_rate_per_s = 0;    // each exposed rate mode drawn at no less than this in total
  double demand_probability = 0; // each per-demand mode drawn at no less than this
  double duration_shift = 0;     // outage and repair durations drawn with heavier tails
                                 // (DurationDistribution::sample_tilted), in every state
  double tilt_share = 1;         // the share of them drawn tilted, the rest natural (a defensive
                                 // mixture: each one's likelihood ratio stays below 1 / (1 - share))
  // With everything up, a cycle's first failure (first_failure_bias.hpp): the share of it drawn
  // towards the components whose loss matters; the chain turns it into the factors below, at
  // which each component's loss modes and its other modes are drawn (0: not in use).
  double first_failure_share = 0;
  double loss_factor = 0;
  double other_factor = 0;
};

// A component's failures as they stand with everything up, for the bias of a cycle's first
// failure (first_failure_bias.hpp).
struct FirstFailureFigures {
  double loss_rate_per_s = 0;       // the rate at which it is lost whole
  double loss_repair_s = 0;         // the mean time it then stays lost
  double other_rate_per_s = 0;      // its other failures: one unit of a redundant group
  double demand_failure = 0;        // a backup plant: probability it fails to take the load
  double running_failure_per_s = 0; // a backup plant: the rate at which it fails carrying it
};

// The failure draws of one component, as the sampler sees them.
class FailureDraws {
public:
  virtual ~FailureDraws() = default;
  // From now on, draw as `bias` says (redrawing the pending failure times if the rates change).
  virtual void set_failure_bias(const FailureBias& bias, double now) = 0;
  // log(dP/dQ) of every draw so far, the exposure closed at now.
  virtual double log_likelihood_ratio(double now) = 0;
  // The rate at which its active failures end (sum of 1 / mean repair time); 0 when none is active.
  virtual double repair_rate_per_s() const = 0;
  // The rate the bias is set from: the repair rate, unless a repair drawn long (the tilted tail)
  // counts by the time it has left (RepairableUnits, GensetPlant; utility outages keep the mean).
  virtual double bias_rate_per_s(double /*now*/) const { return repair_rate_per_s(); }
  // The natural rate at which what runs now fails (a genset plant's running units); 0 for the rest.
  virtual double running_failure_rate_per_s() const { return 0; }
  virtual FirstFailureFigures first_failure_figures() const { return {}; }
};

// One exponential failure mode: `units` exposed units at rate_per_s each, drawn at factor x rate.
class BiasedRate {
public:
  explicit BiasedRate(double rate_per_s) : rate_(rate_per_s) {}
  double rate_per_s() const { return rate_; }
  double drawn_per_s() const { return factor_ == 1 ? rate_ : rate_ * factor_; }
  // Closes the exposure since the last call: `units` were exposed at the current factor.
  void expose(double now, int units) {
    if (factor_ != 1 && units > 0)
      log_lr_ += (factor_ - 1) * rate_ * units * (now - last_);
    last_ = now;
  }
  void failed() {
    if (factor_ != 1)
      log_lr_ -= std::log(factor_);
  }
  // The factor `bias` gives with `units` exposed now (`loss`: this mode loses the component
  // whole); true when it changed (redraw the clocks).
  bool set(const FailureBias& bias, double now, int units, bool loss = false) {
    expose(now, units);
    const double total = rate_ * units;
    double f = 1.0;
    if (bias.other_factor > 0)
      f = loss ? bias.loss_factor : bias.other_factor;
    else if (bias.mode_rate_per_s > 0 && total > 0)
      f = std::max(1.0, bias.mode_rate_per_s / total);
    if (f == factor_)
      return false;
    factor_ = f;
    return true;
  }
  double log_lr() const { return log_lr_; }

private:
  double rate_;
  double factor_ = 1;
  double last_ = 0;
  double log_lr_ = 0;
};

// One per-demand failure mode: probability p, drawn at max(p, the bias's floor).
class BiasedDemand {
public:
  explicit BiasedDemand(double probability) : p_(probability), drawn_(probability) {}
  void set(const FailureBias& bias) { drawn_ = std::max(p_, bias.demand_probability); }
  // One demand: true if it fails. Draws nothing when p is 0.
  bool fails(RandomStream& rng) {
    if (p_ <= 0)
      return false;
    const bool fail = rng.uniform01() < drawn_;
    if (drawn_ != p_)
      log_lr_ += fail ? std::log(p_ / drawn_) : std::log1p(-p_) - std::log1p(-drawn_);
    return fail;
  }
  double log_lr() const { return log_lr_; }

private:
  double p_, drawn_;
  double log_lr_ = 0;
};

} // namespace aidcsim::power
