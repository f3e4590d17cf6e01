// The facility water loop and a rack loop on warming water, against closed forms, an independent
// numerical integration and their energy balance.
#include "models/thermal/first_order.hpp"
#include "models/thermal/rack_loop.hpp"
#include "models/thermal/water_loop.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using aidcsim::thermal::FirstOrderThermal;
using aidcsim::thermal::RackLoop;
using aidcsim::thermal::RackLoopSpec;
using aidcsim::thermal::WaterLoop;
using aidcsim::thermal::WaterLoopSpec;

namespace {

// C dT/dt = Q - G (T - (S0 + r t)) by classic Runge-Kutta with a small step: an independent
// check of the closed form. Returns T(t_end), and the first time T crosses `threshold` (or -1).
struct Numeric {
  double temp, crossing, max;
};
Numeric integrate_rk4(double c, double q, double g, double s0, double r, double t0_c, double t_end,
                      double threshold) {
  auto f = [&](double t, double x) { return (q - g * (x - (s0 + r * t))) / c; };
  const long steps = std::lround(t_end * 1000);
  const double h = t_end / steps;
  double x = t0_c, crossing = -1, top = t0_c;
  const bool above = t0_c > threshold;
  for (long i = 0; i < steps; ++i) {
    const double t = i * h;
    const double k1 = f(t, x), k2 = f(t + h / 2, x + h / 2 * k1), k3 = f(t + h / 2, x + h / 2 * k2),
                 k4 = f(t + h, x + h * k3);
    const double next = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    if (crossing < 0 && (next > threshold) != above)
      crossing = t + h * (threshold - x) / (next - x);
    x = next;
    top = std::max(top, x);
  }
  return {x, crossing, top};
}

} // namespace

TEST(FirstOrderThermal, WarmingSinkMatchesNumericalIntegration) {
  // An NVL72 loop (418.6 kJ/K, 15.17 kW/K) at 145 kW on water warming at 0.02 K/s.
  const double c = 418600, g = 15173, q = 145e3, r = 0.02;
  FirstOrderThermal loop(c, 39.556);
  loop.set_inputs(q, g, 30.0, r);
  const Numeric n = integrate_rk4(c, q, g, 30.0, r, 39.556, 600, 50.0);
  const double t = loop.time_until(50.0);
  EXPECT_NEAR(t, n.crossing, 1e-4);
  // Long after the transient the loop rides r tau below Q / G over the water: lag of a ramp.
  EXPECT_NEAR(t, (50.0 - (30.0 + q / g - r * c / g)) / r, 1e-3);
  loop.advance(600);
  EXPECT_NEAR(loop.temp_c(), n.temp, 1e-9);
  EXPECT_NEAR(loop.sink_c(), 30.0 + r * 600, 1e-12);
}

TEST(FirstOrderThermal, TurningPointIsFoundOnBothSides) {
  // A hot loop (70 C) on cold but warming water first cools, then follows the water up: it
  // crosses 45 C on the way down and again on the way up.
  const double c = 418600, g = 15173, q = 145e3, r = 0.01;
  FirstOrderThermal loop(c, 70.0);
  loop.set_inputs(q, g, 20.0, r);
  const double down = loop.time_until(45.0);
  EXPECT_NEAR(down, integrate_rk4(c, q, g, 20.0, r, 70.0, 200, 45.0).crossing, 1e-4);
  loop.advance(down);
  EXPECT_NEAR(loop.temp_c(), 45.0, 1e-9);
  // From the minimum (about 34 C) the loop warms with the water: 40 C once more, later.
  loop.advance(60);
  const double before_up = loop.temp_c();
  const double up = loop.time_until(40.0);
  ASSERT_LT(before_up, 40.0);
  loop.advance(up);
  EXPECT_NEAR(loop.temp_c(), 40.0, 1e-9);
  EXPECT_EQ(loop.time_until(30.0), FirstOrderThermal::never); // it will not come back down
}

TEST(FirstOrderThermal, EnergyBalanceHoldsOnAMovingSink) {
  FirstOrderThermal loop(418600.0, 35.0);
  const double start = loop.temp_c();
  const double steps[][5] = {{145e3, 15e3, 30.0, 0.01, 600},
                             {145e3, 0.0, 36.0, 0.01, 45},
                             {20e3, 15e3, 36.5, -0.005, 900},
                             {145e3, 8e3, 32.0, 0.03, 1200}};
  for (const auto& s : steps) {
    loop.set_inputs(s[0], s[1], s[2], s[3]);
    loop.advance(s[4]);
  }
  const double stored = loop.capacity_j_per_k() * (loop.temp_c() - start);
  EXPECT_NEAR(loop.heat_in_j(), loop.heat_removed_j() + stored, 1e-6 * loop.heat_in_j());
}

TEST(WaterLoop, HoldsTheSetpointWhileThePlantKeepsUp) {
  WaterLoop w(WaterLoopSpec{});
  w.set_inputs(1.16e6, 1.5e6);
  EXPECT_TRUE(w.held());
  EXPECT_EQ(w.rate_k_per_s(), 0.0);
  w.advance(3600);
  EXPECT_DOUBLE_EQ(w.temp_c(), 18.0);
  EXPECT_DOUBLE_EQ(w.heat_removed_j(), 1.16e6 * 3600);
}

TEST(WaterLoop, TankBuysTimeInProportionToItsVolume) {
  // 1.16 MW with every chiller off: the water warms at Q / (V rho c_p). 10 m3 of pipes alone:
  // 41.86 MJ/K, 0.0277 K/s, 18 -> 25 C in 252.6 s; with a 100 m3 tank 11 times longer.
  WaterLoopSpec spec;
  spec.volume_l = 10000;
  WaterLoop pipes(spec);
  pipes.set_inputs(1.16e6, 0.0);
  EXPECT_NEAR(pipes.time_until(25.0), 7.0 * 10000 * 4186 / 1.16e6, 1e-9);
  spec.tank_l = 100000;
  WaterLoop tank(spec);
  tank.set_inputs(1.16e6, 0.0);
  EXPECT_NEAR(tank.time_until(25.0), 11 * pipes.time_until(25.0), 1e-9);
}

TEST(WaterLoop, RecoversAtTheSpareCapacityAndConservesEnergy) {
  WaterLoopSpec spec;
  spec.tank_l = 50000;
  WaterLoop w(spec);
  w.set_inputs(1.16e6, 0.0); // chillers off for 5 min
  w.advance(300);
  const double peak = w.temp_c();
  EXPECT_NEAR(peak, 18.0 + 1.16e6 * 300 / spec.capacity_j_per_k(), 1e-9);
  w.set_inputs(1.16e6, 1.74e6); // back, with 50 % spare: recovery takes twice the outage
  EXPECT_FALSE(w.held());
  EXPECT_NEAR(w.time_until_held(), 600.0, 1e-9);
  w.advance(w.time_until_held());
  w.set_inputs(1.16e6, 1.74e6);
  EXPECT_TRUE(w.held());
  EXPECT_NEAR(w.heat_in_j(), w.heat_removed_j() + w.stored_j(), 1e-6 * w.heat_in_j());
  EXPECT_NEAR(w.heat_removed_j(), 1.74e6 * 600, 1e-3);
}

TEST(RackLoop, WarmingWaterThrottlesAtTheNumericalCrossing) {
  // The chillers stop: 10 m3 of water under 145 kW warms at 3.46 mK/s. The rack loop (tau 27.6 s)
  // follows it; the chips throttle when the coolant reaches 87 - 30 = 57 C.
  RackLoopSpec s;
  s.design_heat_w = 145e3;
  RackLoop loop(s, 30.0);
  loop.set_inputs(145e3, true, 30.0);
  loop.start_at_equilibrium();
  const double r = 145e3 / (10000 * 4186.0);
  loop.set_inputs(145e3, true, 30.0, r);
  const double t = loop.time_until_next_threshold();
  const double c = 100 * 4186.0, g = s.flow_heat_capacity_w_per_k();
  EXPECT_NEAR(t, integrate_rk4(c, 145e3, g, 30.0, r, loop.coolant_c(), 8000, 57.0).crossing, 1e-3);
  loop.advance(t);
  EXPECT_TRUE(loop.update_state());
  EXPECT_EQ(loop.state(), RackLoop::State::throttled);
}

TEST(FirstOrderThermal, PeakInsideAnIntervalOnACoolingSink) {
  // A loop below its particular solution on water cooling at 0.01 K/s first warms, then follows
  // the water down: its maximum (48.77 C at 79 s, against RK4) lies inside the interval.
  const double c = 418600, g = 15173, q = 145e3, r = -0.01;
  FirstOrderThermal loop(c, 45.0);
  loop.set_inputs(q, g, 40.0, r);
  const Numeric n = integrate_rk4(c, q, g, 40.0, r, 45.0, 1000, 1e9);
  EXPECT_NEAR(loop.max_within(1000), n.max, 1e-4);
  EXPECT_GT(loop.max_within(1000), std::max(45.0, n.temp) + 3); // not at either end
}
