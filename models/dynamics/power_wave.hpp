// A periodic power draw over one period, as a piecewise-linear function of time: the shape of a
// training job's step (compute near full power, collectives much lower), after whatever smooths it
// (a power floor, ramp-rate limits, batteries). Everything a grid operator or a genset asks of a
// swing is a closed form over the wave's few breakpoints, never a sampled trace:
//
//   mean       (1/T) sum over segments of (p_a + p_b) / 2 (t_b - t_a)
//   harmonic n c_n = (1/T) integral of p(t) e^{-i w t}, w = 2 pi n / T; on a segment with slope s
//              the integral is (p_b e^{-i w t_b} - p_a e^{-i w t_a}) / (-i w)
//                                + s (e^{-i w t_b} - e^{-i w t_a}) / w^2
//              (integration by parts), and the harmonic's amplitude (peak, one-sided) is 2 |c_n|.
//              A square wave of swing A (peak to peak) and duty d has 2 A |sin(pi n d)| / (pi n).
//   energy above a level L   integral of max(0, p - L) over the period, exact on each segment
//
// Two breakpoints at the same time make a step (an instantaneous change); the wave closes from its
// last breakpoint back to its first one at t = T.
#pragma once

#include <cstddef>
#include <vector>

namespace aidcsim::dynamics {

struct WavePoint {
  double t_s = 0;
  double power_w = 0;
};

class PowerWave {
public:
  // `points`: times non-decreasing in [0, period], the first at 0. Throws std::invalid_argument
  // otherwise, or for a period that is not positive and finite.
  PowerWave(double period_s, std::vector<WavePoint> points);
  // `high_w` from 0 to `high_s`, `low_w` for the rest of the period.
  static PowerWave square(double period_s, double high_s, double high_w, double low_w);
  static PowerWave constant(double period_s, double power_w);

  double period_s() const { return period_s_; }
  double frequency_hz() const { return 1 / period_s_; }
  const std::vector<WavePoint>& points() const { return points_; }

  // The power at time t (any t: the wave repeats), after a step taken at t.
  double at(double t_s) const;
  double mean_w() const;
  double max_w() const;
  double min_w() const;
  double swing_w() const { return max_w() - min_w(); } // peak to peak
  // Largest instantaneous change (a step), up or down; 0 for a continuous wave.
  double largest_step_w() const;
  // Steepest rise and fall (W/s, both positive); infinite where the wave steps.
  double max_ramp_up_w_per_s() const;
  double max_ramp_down_w_per_s() const;
  // Per period: the integral of max(0, p - level) and of max(0, level - p).
  double energy_above_j(double level_w) const;
  double energy_below_j(double level_w) const;
  // The mean of p^k over the period, in W^k (Peukert's law weighs a battery's load so).
  double mean_of_power_to_the(double k) const;

  // Amplitude (peak, one-sided) of harmonic n >= 1, at frequency n / T.
  double harmonic_w(int n) const;
  // Root mean square of the harmonics whose frequency lies in [from_hz, to_hz] (the swing's part
  // in a grid operator's band), summing at most `max_harmonics` of them from the lowest.
  double band_rms_w(double from_hz, double to_hz, int max_harmonics = 20000) const;

  PowerWave scaled(double factor) const;
  // The wave held inside [lo_w, hi_w] (what the grid sees when a store takes the rest).
  PowerWave clamped(double lo_w, double hi_w) const;

private:
  WavePoint next(std::size_t i) const;
  template <class F> void for_each_segment(F&& f) const;
  double period_s_;
  std::vector<WavePoint> points_;
};

} // namespace aidcsim::dynamics
