// The power dynamics cores against closed forms: a step's wave and its spectrum, a power floor and
// ramp limits, storage that smooths a swing, a battery under a periodic load.
#include "models/dynamics/load_acceptance.hpp"
#include "models/dynamics/peukert_load.hpp"
#include "models/dynamics/power_wave.hpp"
#include "models/dynamics/smoothing_storage.hpp"
#include "models/dynamics/step_swing.hpp"
#include "models/power/ups_battery.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

namespace aidcsim::dynamics {
namespace {

constexpr double pi = std::numbers::pi;

TEST(PowerWave, SquareWaveMeanHarmonicsAndLevels) {
  const double T = 2.0, d = 0.3, hi = 1000, lo = 400, A = hi - lo;
  const PowerWave w = PowerWave::square(T, d * T, hi, lo);
  EXPECT_NEAR(w.mean_w(), d * hi + (1 - d) * lo, 1e-9);
  EXPECT_DOUBLE_EQ(w.swing_w(), A);
  EXPECT_DOUBLE_EQ(w.largest_step_w(), A);
  EXPECT_TRUE(std::isinf(w.max_ramp_up_w_per_s()));
  EXPECT_TRUE(std::isinf(w.max_ramp_down_w_per_s()));
  // Fourier series of a pulse train: harmonic n has peak 2 A |sin(pi n d)| / (pi n).
  for (int n = 1; n <= 7; ++n)
    EXPECT_NEAR(w.harmonic_w(n), 2 * A * std::abs(std::sin(pi * n * d)) / (pi * n), 1e-9 * A) << n;
  // All harmonics together carry the wave's variance, A^2 d (1 - d); the tail past harmonic N
  // holds about 2 A^2 / (pi^2 N) of it (the sine squared averages 1/2).
  const double variance = A * A * d * (1 - d);
  const double rms = w.band_rms_w(0, 1e9, 20000);
  EXPECT_NEAR(rms * rms, variance, 2 * A * A / (pi * pi * 20000) * 1.5);
  EXPECT_LT(rms * rms, variance);
  // The band holding only the fundamental (0.5 Hz).
  EXPECT_NEAR(w.band_rms_w(0.4, 0.6), w.harmonic_w(1) / std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(w.energy_above_j(700), (hi - 700) * d * T, 1e-9);
  EXPECT_NEAR(w.energy_below_j(700), (700 - lo) * (1 - d) * T, 1e-9);
}

TEST(PowerWave, TrapezoidSpectrumIsAPulseConvolvedWithItsRamp) {
  // A pulse of width w at half height with linear edges of tau each is a rectangle of width w
  // convolved with a unit-area rectangle of width tau: c_n = A w/T sinc(n w/T) sinc(n tau/T).
  const double T = 1.0, A = 600, tau = 0.1, w = 0.45;
  const PowerWave trap(T, {{0, 0}, {tau, A}, {w, A}, {w + tau, 0}});
  auto sinc = [](double x) { return x == 0 ? 1.0 : std::sin(pi * x) / (pi * x); };
  for (int n = 1; n <= 9; ++n)
    EXPECT_NEAR(trap.harmonic_w(n), 2 * A * w / T * std::abs(sinc(n * w / T) * sinc(n * tau / T)), 1e-9 * A)
        << n;
  EXPECT_NEAR(trap.max_ramp_up_w_per_s(), A / tau, 1e-9);
  EXPECT_NEAR(trap.max_ramp_down_w_per_s(), A / tau, 1e-9);
  EXPECT_EQ(trap.largest_step_w(), 0);
  EXPECT_NEAR(trap.mean_w(), A * w / T, 1e-9);
}

TEST(PowerWave, ClampedHoldsTheWaveBetweenLevels) {
  const PowerWave trap(1.0, {{0, 0}, {0.2, 1000}, {0.5, 1000}, {0.7, 0}});
  const PowerWave c = trap.clamped(250, 750);
  EXPECT_DOUBLE_EQ(c.max_w(), 750);
  EXPECT_DOUBLE_EQ(c.min_w(), 250);
  // Mean: the original's, less the area above 750, plus the area below 250.
  EXPECT_NEAR(c.mean_w(), trap.mean_w() - trap.energy_above_j(750) + trap.energy_below_j(250), 1e-9);
  EXPECT_THROW(PowerWave(1.0, {{0.1, 1}}), std::invalid_argument);
  EXPECT_THROW(PowerWave(0.0, {{0, 1}}), std::invalid_argument);
  EXPECT_THROW(PowerWave(1.0, {{0, 1}, {0.5, 2}, {0.4, 1}}), std::invalid_argument);
}

TEST(SmoothingStorage, FlatteningASquareWaveCyclesATOverFour) {
  const double T = 3.0, A = 2e6, lo = 1e6;
  const PowerWave w = PowerWave::square(T, T / 2, lo + A, lo);
  const Smoothed s = smooth(w, {1e9, 1e12, 1.0});
  EXPECT_NEAR(s.discharged_j, A * T / 4, 1e-6 * A * T);
  EXPECT_NEAR(s.source.swing_w(), 0, 1e-6 * A);
  EXPECT_NEAR(s.source.mean_w(), w.mean_w(), 1e-6 * A);
  // Duty d: A d (1 - d) T.
  const double d = 0.3;
  const Smoothed s3 = smooth(PowerWave::square(T, d * T, lo + A, lo), {1e9, 1e12, 1.0});
  EXPECT_NEAR(s3.discharged_j, A * d * (1 - d) * T, 1e-6 * A * T);
}

TEST(SmoothingStorage, PowerEnergyAndEfficiencyLimitWhatItRemoves) {
  const double T = 1.0, A = 1000, lo = 500;
  const PowerWave w = PowerWave::square(T, T / 2, lo + A, lo);
  // Power P at duty 1/2 takes P off the top and puts P under the bottom: swing A - 2P.
  EXPECT_NEAR(smooth(w, {A / 4, 1e9, 1.0}).source.swing_w(), A / 2, 1e-6 * A);
  // Energy E removes x with x T / 2 = E from the top, the same from the bottom.
  EXPECT_NEAR(smooth(w, {1e9, A * T / 8, 1.0}).source.swing_w(), A / 2, 1e-6 * A);
  // Round trip eta: whole flattening needs D / eta back; the source sits flat at mean + loss.
  const double eta = 0.8;
  const Smoothed s = smooth(w, {1e9, 1e9, eta});
  EXPECT_NEAR(s.source.swing_w(), 0, 1e-6 * A);
  EXPECT_NEAR(s.loss_w, s.discharged_j * (1 / eta - 1) / T, 1e-9);
  EXPECT_NEAR(s.source.mean_w(), w.mean_w() + s.loss_w, 1e-6 * A);
  // Flat at h: (hi - h) T/2 = D and (h - lo) T/2 = D / eta.
  const double h = lo + A / (1 + eta) * 1.0 + 0; // from (lo + A - h) eta = (h - lo)
  EXPECT_NEAR(s.high_w, h, 1e-6 * A);
  // No store: nothing changes.
  EXPECT_NEAR(smooth(w, {0, 0, 1.0}).source.swing_w(), A, 1e-9);
  EXPECT_THROW(smooth(w, {1, 1, 0.0}), std::invalid_argument);
}

workload::StepTime step_of(double compute_s, double collectives_s) {
  workload::StepTime t;
  t.compute_s = compute_s;
  t.data_s = collectives_s;
  t.step_s = compute_s + collectives_s;
  return t;
}

TEST(StepSwing, NaturalStepAndPipelineBubble) {
  const AcceleratorPower p{1200, 150, 500};
  const PowerWave w = natural_step_wave(step_of(0.6, 0.4), p);
  EXPECT_NEAR(w.mean_w(), 0.6 * 1200 + 0.4 * 500, 1e-9);
  EXPECT_DOUBLE_EQ(w.swing_w(), 700);
  // A bubble of 0.2 s: the window is 0.8 s at the average of full and communication power.
  workload::StepTime t = step_of(0.6, 0.4);
  t.step_s += 0.2;
  const PowerWave b = natural_step_wave(t, p);
  EXPECT_NEAR(b.mean_w() * t.step_s, 0.6 * 1200 + 0.6 * 500, 1e-9);
  EXPECT_NEAR(b.max_w(), 500 + 700 * 0.6 / 0.8, 1e-9);
}

TEST(StepSwing, PowerFloorCostsTheEnergyItBurnsInLowPhases) {
  const AcceleratorPower p{1000, 100, 300};
  const workload::StepTime t = step_of(0.7, 0.3);
  const StepSwing s = step_swing(t, p, {.floor_fraction = 0.6});
  EXPECT_NEAR(s.energy_cost_j, (600 - 300) * 0.3, 1e-9);
  EXPECT_NEAR(s.wave.swing_w(), 400, 1e-9);
  EXPECT_DOUBLE_EQ(s.work_rate, 1.0);
  // A floor below the communication power changes nothing.
  EXPECT_NEAR(step_swing(t, p, {.floor_fraction = 0.2}).energy_cost_j, 0, 1e-12);
}

TEST(StepSwing, RampLimitsCompleteAndIncomplete) {
  const AcceleratorPower p{1000, 100, 200};
  const workload::StepTime t = step_of(1.0, 1.0);
  // Ramp down at 2000 W/s: 0.4 s to fall 800 W, burning a triangle of 800 x 0.4 / 2 J.
  const StepSwing down = step_swing(t, p, {.ramp_down_w_per_s = 2000});
  EXPECT_NEAR(down.energy_cost_j, 800.0 * 0.4 / 2, 1e-9);
  EXPECT_NEAR(down.wave.max_ramp_down_w_per_s(), 2000, 1e-9);
  EXPECT_DOUBLE_EQ(down.stretch_s, 0);
  // Ramp up at 4000 W/s: 0.2 s to rise, half of it lost to work: the step stretches 0.1 s.
  const StepSwing up = step_swing(t, p, {.ramp_up_w_per_s = 4000});
  EXPECT_NEAR(up.stretch_s, 800.0 / (2 * 4000), 1e-12);
  EXPECT_NEAR(up.work_rate, 2.0 / 2.1, 1e-12);
  EXPECT_NEAR(up.wave.max_ramp_up_w_per_s(), 4000, 1e-9);
  // Ramp down slower than the communication phase: the trough is 1000 - 500 x 1 = 500 W and the
  // swing halves; the rise from 500 W is instant.
  const StepSwing slow = step_swing(t, p, {.ramp_down_w_per_s = 500});
  EXPECT_NEAR(slow.wave.min_w(), 500, 1e-6);
  EXPECT_NEAR(slow.wave.swing_w(), 500, 1e-6);
  EXPECT_THROW(step_swing(t, p, {.ramp_up_w_per_s = 0}), std::invalid_argument);
  EXPECT_THROW(step_swing(t, p, {.floor_fraction = 1.5}), std::invalid_argument);
}

TEST(PeukertLoad, PeriodicLoadDrainsAtTheMeanOfItsRates) {
  const power::UpsBattery b({.rated_kw = 1000, .runtime_at_rated_s = 600, .peukert_exponent = 1.15});
  const double d = 0.6, hi = 900, lo = 300;
  const PowerWave w = PowerWave::square(1.0, d, hi, lo);
  const double expected = 1 / (d / b.runtime_from_full_s(hi) + (1 - d) / b.runtime_from_full_s(lo));
  EXPECT_NEAR(b.runtime_from_full_s(peukert_equivalent_w(w, 1.15)), expected, 1e-9 * expected);
  // The swing drains faster than its mean would.
  EXPECT_LT(expected, b.runtime_from_full_s(w.mean_w()));
  // A capped load at half lasts 2^k as long, more than twice.
  EXPECT_NEAR(b.runtime_from_full_s(500) / b.runtime_from_full_s(1000), std::pow(2.0, 1.15), 1e-12);
  // A ramp integrates p^k exactly: mean over a linear rise from 0 to P is P^k / (k + 1).
  const PowerWave ramp(1.0, {{0, 0}, {1.0, 800}});
  EXPECT_NEAR(ramp.mean_of_power_to_the(1.15), std::pow(800.0, 1.15) / 2.15, 1e-9 * std::pow(800.0, 1.15));
}

} // namespace
} // namespace aidcsim::dynamics

namespace aidcsim::dynamics {
namespace {

TEST(LoadAcceptance, StaircaseOfGuideSteps) {
  const LoadAcceptanceSpec iacs; // 33, 23, 18, 26 %
  const double C = 10000;
  EXPECT_NEAR(allowed_step_kw(iacs, C, 0), 3300, 1e-9);
  EXPECT_NEAR(allowed_step_kw(iacs, C, 3300), 2300, 1e-9);
  EXPECT_NEAR(allowed_step_kw(iacs, C, 4000), 1600, 1e-9); // the rest of the second stage
  EXPECT_NEAR(allowed_step_kw(iacs, C, 7400), 2600, 1e-9);
  // The dip grows with the step: half the allowed step dips half the class limit.
  const StepCheck half = check_step(iacs, C, 0, 1650);
  EXPECT_TRUE(half.accepted);
  EXPECT_NEAR(half.frequency_dip, 0.05, 1e-12);
  const StepCheck all = check_step(iacs, C, 0, C);
  EXPECT_FALSE(all.accepted);
  EXPECT_NEAR(all.frequency_dip, 0.10 / 0.33, 1e-12);
}

TEST(LoadAcceptance, ReloadInKStepsTakesKMinusOneRecoveries) {
  // Uniform steps a: k = ceil(L / (a C)) steps, (k - 1) recoveries.
  const LoadAcceptanceSpec uniform{{0.25, 0.25, 0.25, 0.25}, 0.1, 4.0};
  for (const double target : {1000.0, 2500.0, 5000.0, 7600.0, 10000.0}) {
    const ReloadPlan p = staged_reload(uniform, 10000, 0, target);
    const int k = static_cast<int>(std::ceil(target / 2500 - 1e-12));
    EXPECT_EQ(p.steps, k) << target;
    EXPECT_NEAR(p.time_s, (k - 1) * 4.0, 1e-12) << target;
  }
  const ReloadPlan iacs = staged_reload(LoadAcceptanceSpec{}, 8000, 0, 8000);
  EXPECT_EQ(iacs.steps, 4);
  EXPECT_NEAR(iacs.time_s, 15, 1e-12);
  EXPECT_NEAR(iacs.load_kw[1], 0.56 * 8000, 1e-9);
  EXPECT_THROW(check_load_acceptance({{0.5, 0.4}, 0.1, 5}), std::invalid_argument);
  EXPECT_THROW(check_load_acceptance({{0.5, -0.5, 1}, 0.1, 5}), std::invalid_argument);
  EXPECT_NO_THROW(check_load_acceptance(LoadAcceptanceSpec{}));
}

} // namespace
} // namespace aidcsim::dynamics

#include "models/dynamics/swing_monitor.hpp"

namespace aidcsim::dynamics {
namespace {

// One accelerator swings 200-1000 W, 2 s steps of duty 1/2.
const PowerWave one = PowerWave::square(2.0, 1.0, 1000, 200);

TEST(SwingMonitor, TimesAboveGridLimitsAndLargestSteps) {
  GridLimits grid;
  grid.band_from_hz = 0.4; // the fundamental alone (0.5 Hz)
  grid.band_to_hz = 0.6;
  const double rms_one = one.harmonic_w(1) / std::sqrt(2.0); // 2 x 800 / pi / sqrt 2
  grid.swing_limit_w = 75 * rms_one;                         // 100 swinging exceed it, 50 do not
  grid.ramp_limit_w_per_s = 1e9;                             // any step exceeds a ramp limit
  SwingMonitor m({{"grid", "utility", 0, true, std::nullopt}}, one, std::nullopt, grid);
  m.observe(0, {{100, 100, 0, 0, 0}});
  m.observe(10, {{60, 50, -40, -40, 0}});
  m.finish(40);
  const NodeFigures& f = m.figures()[0];
  EXPECT_DOUBLE_EQ(f.swinging_s, 40);
  EXPECT_DOUBLE_EQ(f.swing_above_limit_s, 10);
  EXPECT_DOUBLE_EQ(f.ramp_above_limit_s, 40);
  EXPECT_NEAR(f.max_swing_kw, 80, 1e-9);
  EXPECT_NEAR(f.max_band_rms_kw, 100 * rms_one / 1e3, 1e-9);
  EXPECT_NEAR(f.swing_frequency_hz, 0.5, 1e-12);
  EXPECT_NEAR(f.largest_step_kw, 80, 1e-9); // the swing's own step beats the 40 kW drop
  EXPECT_TRUE(f.swing_steps);
}

TEST(SwingMonitor, GensetAcceptanceOfSwingAndJobSteps) {
  MonitoredNode gen{"gen", "gensets", 1000, false, LoadAcceptanceSpec{}};
  SwingMonitor m({gen}, one, std::nullopt, GridLimits{});
  // 100 swinging around 200 kW: the 80 kW rise from the 160 kW trough is within the 170 kW left
  // of the first stage (33 %).
  m.observe(0, {{200, 100, 0, 0, 1000}});
  // The job restarts onto the plant: +400 kW from 200 kW, where 130 kW is allowed.
  m.observe(5, {{600, 0, 400, 400, 1000}});
  m.observe(5, {{650, 0, 450, 450, 1000}}); // more of the same instant counts once
  m.finish(10);
  const NodeFigures& f = m.figures()[0];
  EXPECT_EQ(f.steps_beyond_acceptance, 1);
  EXPECT_NEAR(f.worst_frequency_dip, 0.10 * 450 / 130, 1e-12);
  EXPECT_DOUBLE_EQ(f.swing_beyond_acceptance_s, 0);
  EXPECT_NEAR(f.largest_job_step_kw, 450, 1e-12);
  // A swing that does not fit: 300 swinging (240 kW rise) from a 600-120 = 480 kW trough, where
  // 80 kW is left of the second stage.
  SwingMonitor big({gen}, one, std::nullopt, GridLimits{});
  big.observe(0, {{600, 300, 0, 0, 1000}});
  big.finish(7);
  EXPECT_DOUBLE_EQ(big.figures()[0].swing_beyond_acceptance_s, 7);
  EXPECT_NEAR(big.figures()[0].worst_frequency_dip, 0.10 * 240 / 80, 1e-12);
}

// The cooling that follows the heat (pumps, chillers at their COP) moves with the job's step in the
// model but over seconds to minutes in a plant: it is neither in the step nor in its preload.
TEST(SwingMonitor, CoolingThatFollowsTheStepIsNotItsPreload) {
  MonitoredNode gen{"gen", "gensets", 1000, false, LoadAcceptanceSpec{}};
  // From 100 kW, 230 kW is allowed (to 33 %). The job adds 225 kW and the pumps and chillers
  // following it 25 kW more: within acceptance; taken as preload they would leave 205 kW.
  SwingMonitor m({gen}, one, std::nullopt, GridLimits{});
  m.observe(0, {{100, 0, 0, 0, 1000, 0}});
  m.observe(5, {{350, 0, 250, 225, 1000, 25}});
  m.finish(10);
  EXPECT_EQ(m.figures()[0].steps_beyond_acceptance, 0);
  EXPECT_NEAR(m.figures()[0].worst_frequency_dip, 0.10 * 225 / 230, 1e-12);
  SwingMonitor without({gen}, one, std::nullopt, GridLimits{});
  without.observe(0, {{100, 0, 0, 0, 1000, 0}});
  without.observe(5, {{350, 0, 250, 225, 1000, 0}});
  without.finish(10);
  EXPECT_EQ(without.figures()[0].steps_beyond_acceptance, 1);
}

TEST(SwingMonitor, FacilityStorageFlattensTheFeedsAndCountsItsCycling) {
  SwingMonitor m({{"grid", "utility", 0, true, std::nullopt}}, one, StorageSpec{1e9, 1e12, 1.0},
                 GridLimits{});
  m.observe(0, {{60, 100, 0, 0, 0}});
  m.finish(10);
  // Swing A = 80 kW, T = 2 s: A T / 4 per period, for 5 periods.
  EXPECT_NEAR(m.facility_storage_discharged_kwh(), 80e3 * 2 / 4 * 5 / 3.6e6, 1e-9);
  EXPECT_NEAR(m.figures()[0].max_swing_kw, 0, 1e-6);
  EXPECT_NEAR(m.facility_storage_loss_kwh(), 0, 1e-12);
}

} // namespace
} // namespace aidcsim::dynamics
