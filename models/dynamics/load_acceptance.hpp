// What a running generating plant accepts of a sudden load increase (ISO 8528-5, "load
// acceptance"), and what a larger step does to it.
//
// A turbocharged engine cannot take its full rating at once: the turbocharger needs time to spin
// up, so the load goes on in steps, each within a guide value, with the speed (frequency) allowed
// to recover in between. The guide steps used here are cumulative: from the rest, the set takes
// s_1 of its rating; once it carries s_1, another s_2; and so on. From a preload x (a fraction of
// the running rating) the largest step is the rest of the stage x falls in:
//
//   allowed(x) = (s_1 + ... + s_i) - x,   i the first stage with s_1 + ... + s_i > x
//
// so a step that keeps within the staircase is accepted and one that crosses a stage boundary is
// not. The performance class bounds the transient frequency dip at such a step and the time to
// recover; a governed set's dip grows in proportion to the step (its speed first falls at
// df/dt = -f0 dP / (2 H S), the swing equation, for the governor's fixed response delay), so
//
//   dip(step) = class limit x step / allowed(x)
//
// and a step beyond the allowed one takes the frequency past the class's limit: the plant trips
// on under-frequency, or the transfer switch refuses the step and the UPS batteries keep carrying
// it (a setting). Re-loading a plant then goes in stages: the allowed step, a recovery time, the
// next one; k steps take (k - 1) recovery times.
//
// Defaults (docs/MODELS.md): high-BMEP (18-27 bar) medium-speed diesel sets, steps 33, 23, 18 and
// 26 % (the class-society rule in MAN Diesel & Turbo B 21 01 1, 2016), dip within 10 % and back
// within 5 s (the same rule, as ISO 8528-5 class G2).
#pragma once

#include <vector>

namespace aidcsim::dynamics {

struct LoadAcceptanceSpec {
  std::vector<double> step_fractions{0.33, 0.23, 0.18, 0.26}; // of the running rating, cumulative
  double frequency_dip_limit = 0.10; // at an allowed step (fraction of nominal frequency)
  double recovery_s = 5.0;           // before the plant takes the next step
  bool trips_beyond = true;          // a step beyond the allowed one trips the plant (else: reported)
};

// Throws std::invalid_argument unless every step is positive and they add up to at least 1 (the
// plant can be loaded to its rating), the dip limit is positive and the recovery not negative.
void check_load_acceptance(const LoadAcceptanceSpec& spec);

// The largest sudden increase a plant of `capacity_kw` running at `preload_kw` accepts.
double allowed_step_kw(const LoadAcceptanceSpec& spec, double capacity_kw, double preload_kw);

struct StepCheck {
  double allowed_kw = 0;
  double frequency_dip = 0; // fraction of nominal frequency
  bool accepted = true;
};
StepCheck check_step(const LoadAcceptanceSpec& spec, double capacity_kw, double preload_kw, double step_kw);

// Loading `target_kw` onto the plant from `preload_kw`, each step the largest allowed, a recovery
// time between steps.
struct ReloadPlan {
  int steps = 0;
  double time_s = 0;           // from the first step to the last
  std::vector<double> load_kw; // after each step
};
ReloadPlan staged_reload(const LoadAcceptanceSpec& spec, double capacity_kw, double preload_kw,
                         double target_kw);

} // namespace aidcsim::dynamics
