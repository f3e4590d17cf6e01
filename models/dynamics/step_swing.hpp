// The power a training job's accelerators draw over one step, and what the accelerators' own
// power smoothing makes of it (the controls of NVIDIA's GB300 power smoothing in its driver, NVML:
// a power floor and ramp-up and ramp-down rates in W/s; published-figures, "AI load dynamics").
//
// The step (models/workload/step_plan.hpp) runs its compute, stretched by the pipeline bubble,
// then its collectives, not overlapped. Per accelerator:
//
//   compute window  W_h = step - collectives, at  P_h = P_c + (P_full - P_c) compute / W_h
//                   (a pipeline's stages compute at different times inside the window, so the job
//                   draws full power for `compute` seconds of it and communication power for the
//                   bubble)
//   collectives     the rest of the step, at P_c, the communication power
//
// all in phase across the job (synchronous data parallelism steps every replica together), so the
// facility sees N times this wave: a square wave of period `step`, duty W_h / step and swing
// N (P_h - P_c).
//
// Smoothing, per accelerator:
//   floor f      the draw never falls below f P_full: the low level is max(P_c, f P_full); the
//                energy it burns is the cost.
//   ramp down    on leaving compute the draw falls at most r_down W/s (the driver keeps the chip
//                busy meanwhile); the energy above the low level is the cost.
//   ramp up      on entering compute the draw rises at most r_up W/s. The chip computes at a speed
//                proportional to its power above the low level (a simplification: clocks follow
//                power), so the compute takes longer: the step stretches by the work it missed.
//                From a trough y0, with d = P_h - low: reaching P_h takes (P_h - y0) / r_up and
//                does (y0 - low) tau / d + r_up tau^2 / (2 d) seconds of full-speed work; with
//                complete ramps that is a stretch of (P_h - low) / (2 r_up).
// Incomplete ramps (a ramp longer than its phase) meet in a periodic steady state, found by
// running the limiter over successive steps until the trough repeats.
#pragma once

#include "models/dynamics/power_wave.hpp"
#include "models/workload/step_plan.hpp"

#include <cmath>
#include <limits>

namespace aidcsim::dynamics {

// One accelerator's power, from the platform (SimGrid's wattage per pstate: idle and busy) and the
// communication power of the job's collectives.
struct AcceleratorPower {
  double full_w = 0;          // busy at full speed
  double idle_w = 0;          // on, nothing running (a job restarting or waiting)
  double communication_w = 0; // during collectives and the pipeline bubble
};

struct PowerSmoothing {
  double floor_fraction = 0; // of full_w, kept during low phases
  double ramp_up_w_per_s = std::numeric_limits<double>::infinity();
  double ramp_down_w_per_s = std::numeric_limits<double>::infinity();
  bool any() const {
    return floor_fraction > 0 || std::isfinite(ramp_up_w_per_s) || std::isfinite(ramp_down_w_per_s);
  }
};

struct StepSwing {
  PowerWave wave;              // per accelerator, over one (stretched) step
  double compute_window_s = 0; // W_h, with the stretch
  double stretch_s = 0;        // added to the step by the ramp-up limit
  double natural_mean_w = 0;   // of the unsmoothed step
  double natural_high_w = 0;   // P_h
  // Energy per step smoothing adds, per accelerator: the smoothed step's energy less the natural
  // one's (J); and the work-rate factor left, step / (step + stretch).
  double energy_cost_j = 0;
  double work_rate = 1;
};

// The natural step: W_h at P_h, then P_c.
PowerWave natural_step_wave(const workload::StepTime& step, const AcceleratorPower& power);
// The step as the accelerators draw it under `smoothing`. Throws std::invalid_argument for a
// ramp rate that is not positive or a floor outside [0, 1].
StepSwing step_swing(const workload::StepTime& step, const AcceleratorPower& power,
                     const PowerSmoothing& smoothing);

} // namespace aidcsim::dynamics
