// A group of identical units that fail and get repaired: UPS modules, a PDU, a transformer.
//
// Each unit fails after an exponential time (a constant rate, drawn when it is repaired) and is
// repaired after a time drawn from the repair distribution. Scheduled faults can also hold a
// number of units down until a given time.
//
// Common cause (beta factor, as in NUREG/CR-5485 and IEC 61508-6 annex D): with beta > 0 each
// unit fails on its own at (1 - beta) r, and the group has one more clock at beta r, running while
// any unit is up, whose event fails every unit up; each is then repaired on its own. A unit's
// total failure rate stays r.
#pragma once

#include "engine/base/random_stream.hpp"
#include "models/power/facility_spec.hpp"
#include "models/power/failure_bias.hpp"

#include <limits>
#include <vector>

namespace aidcsim::power {

class RepairableUnits final : public FailureDraws {
public:
  RepairableUnits(int count, const Interruptions& failures, RandomStream rng, double now = 0);

  int count() const { return static_cast<int>(units_.size()); }
  int failed() const { return failed_; }
  // Holds `count` more units down (the first ones up) until `until`.
  void force_down(int count, double until);
  // Applies transitions due at `now`; returns true if the number of failed units changed.
  bool process(double now);
  double next_event_time() const { return next_; }
  long failures() const { return failures_; }
  double rate_per_s() const { return spec_.rate_per_s; } // per unit, as given
  long common_cause_failures() const { return common_cause_failures_; }

  static constexpr double never = std::numeric_limits<double>::infinity();

  // The importance sampler's view (failure_bias.hpp): the units that are up are exposed.
  void set_failure_bias(const FailureBias& bias, double now) override;
  double log_likelihood_ratio(double now) override;
  double repair_rate_per_s() const override;
  // Each unit in repair by min(1 / mean repair, 1 / the time it has left): a repair drawn weeks
  // long is not biased as a two-day one for all its length (docs/MODELS.md).
  double bias_rate_per_s(double now) const override;
  // A group of one is lost by any failure; a larger one by its common cause alone (a single unit
  // of a redundant group is an other mode, UPS modules or genset units).
  FirstFailureFigures first_failure_figures() const override;

private:
  struct Unit {
    bool down = false;
    bool forced = false;
    double at; // next failure when up, end of repair when down
  };
  void refresh();
  double draw_time_to_failure(double now);

  int up() const { return count() - failed_; }
  void fail(Unit& u, double now);
  void draw_common_cause(double now);
  Interruptions spec_;
  RandomStream rng_;
  BiasedRate bias_;
  BiasedRate common_bias_;
  double common_at_ = never; // the next common-cause event, while any unit is up
  double duration_shift_ = 0, tilt_share_ = 1, duration_log_lr_ = 0;
  std::vector<Unit> units_;
  int failed_ = 0;
  double next_ = never;
  long failures_ = 0;
  long common_cause_failures_ = 0;
};

} // namespace aidcsim::power
