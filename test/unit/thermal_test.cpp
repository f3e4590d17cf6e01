// Lumped thermal capacitance against its closed forms and its energy balance.
#include "models/thermal/first_order.hpp"

#include <gtest/gtest.h>

#include <cmath>

using aidcsim::thermal::FirstOrderThermal;

TEST(FirstOrderThermal, RelaxesExponentiallyToEquilibrium) {
  // 100 L of water (418.6 kJ/K), 145 kW in, 15.17 kW/K removed to 30 C water: T_eq = 39.56 C.
  FirstOrderThermal loop(100 * 4186.0, 30.0);
  const double g = 145.0 / 9.556 * 1000; // W/K
  loop.set_inputs(145e3, g, 30.0);
  EXPECT_NEAR(loop.equilibrium_c(), 30.0 + 145e3 / g, 1e-12);
  const double tau = 100 * 4186.0 / g;
  loop.advance(tau);
  EXPECT_NEAR(loop.temp_c(), loop.equilibrium_c() + (30.0 - loop.equilibrium_c()) * std::exp(-1.0), 1e-9);
}

TEST(FirstOrderThermal, TimeToThresholdIsTheClosedForm) {
  FirstOrderThermal loop(418600.0, 30.0);
  loop.set_inputs(145e3, 10e3, 30.0); // T_eq = 44.5 C, tau = 41.86 s
  const double t = loop.time_until(40.0);
  EXPECT_NEAR(t, 41.86 * std::log(14.5 / 4.5), 1e-9);
  loop.advance(t);
  EXPECT_NEAR(loop.temp_c(), 40.0, 1e-9);
  EXPECT_EQ(loop.time_until(50.0), FirstOrderThermal::never); // above the equilibrium: never
}

TEST(FirstOrderThermal, StoppedPumpHeatsLinearly) {
  // Pump loss on an NVL72 loop: 145 kW into 100 L of water at 39.56 C reaches 87 C (throttle)
  // after (87 - 39.56) x 418.6 kJ/K / 145 kW = 137 s.
  FirstOrderThermal loop(418600.0, 39.56);
  loop.set_inputs(145e3, 0.0, 30.0);
  EXPECT_NEAR(loop.time_until(87.0), (87.0 - 39.56) * 418600.0 / 145e3, 1e-9);
  loop.advance(60);
  EXPECT_NEAR(loop.temp_c(), 39.56 + 145e3 * 60 / 418600.0, 1e-9);
}

TEST(FirstOrderThermal, EnergyBalanceHoldsToOnePartInAMillion) {
  FirstOrderThermal loop(418600.0, 35.0);
  const double start = loop.temp_c();
  // A sequence of loads, pump stops and restarts.
  const double steps[][4] = {{145e3, 15e3, 30.0, 600},
                             {145e3, 0.0, 30.0, 45},
                             {20e3, 15e3, 30.0, 900},
                             {0.0, 15e3, 28.0, 300},
                             {145e3, 8e3, 32.0, 1200}};
  for (const auto& s : steps) {
    loop.set_inputs(s[0], s[1], s[2]);
    loop.advance(s[3]);
  }
  const double stored = loop.capacity_j_per_k() * (loop.temp_c() - start);
  EXPECT_NEAR(loop.heat_in_j(), loop.heat_removed_j() + stored, 1e-6 * loop.heat_in_j());
}

#include "models/thermal/rack_loop.hpp"

using aidcsim::thermal::RackLoop;
using aidcsim::thermal::RackLoopSpec;

namespace {
RackLoopSpec nvl72_loop() {
  RackLoopSpec s;
  s.design_heat_w = 145e3; // seed-figures: NVL72 rack power
  return s;
}
} // namespace

TEST(RackLoop, FlowOfOnePointFiveLitresPerKilowattKeepsTheLoopTenKelvinAboveWater) {
  const RackLoopSpec s = nvl72_loop();
  // 1.5 L/min/kW x 145 kW = 217.5 L/min of water: 15.17 kW/K, so 145 kW raise it 9.56 K.
  EXPECT_NEAR(s.flow_heat_capacity_w_per_k(), 217.5 / 60 * 4186, 1e-9);
  RackLoop loop(s, 30.0);
  loop.set_inputs(145e3, true, 30.0);
  loop.advance(3600); // many time constants (27.6 s)
  EXPECT_NEAR(loop.coolant_c(), 30.0 + 145e3 / (217.5 / 60 * 4186), 1e-6);
  EXPECT_NEAR(loop.chip_c(), loop.coolant_c() + 1200 * 0.025, 1e-12); // 30 K over the coolant
  EXPECT_EQ(loop.time_until_next_threshold(),
            aidcsim::thermal::FirstOrderThermal::never); // 69.6 C, no threshold
}

TEST(RackLoop, PumpLossThrottlesThenShutsDownAtTheClosedFormTimes) {
  const RackLoopSpec s = nvl72_loop();
  RackLoop loop(s, 30.0);
  loop.set_inputs(145e3, true, 30.0);
  loop.advance(3600);
  const double coolant0 = loop.coolant_c();
  const double c = 100 * 4186.0;       // J/K
  loop.set_inputs(145e3, false, 30.0); // the CDU pumps stop
  // Chips 30 K above the coolant: throttle when the coolant reaches 57 C.
  const double to_throttle = loop.time_until_next_threshold();
  EXPECT_NEAR(to_throttle, (87.0 - 30.0 - coolant0) * c / 145e3, 1e-9); // about 50 s
  EXPECT_LT(to_throttle, 60.0); // published-figures: loss of liquid cooling, shutdown in under a minute
  loop.advance(to_throttle);
  EXPECT_TRUE(loop.update_state());
  EXPECT_EQ(loop.state(), RackLoop::State::throttled);
  const double to_shutdown = loop.time_until_next_threshold();
  EXPECT_NEAR(to_shutdown, 5.0 * c / 145e3, 1e-9); // 5 K more: 14.4 s
  loop.advance(to_shutdown);
  EXPECT_TRUE(loop.update_state());
  EXPECT_EQ(loop.state(), RackLoop::State::shutdown);
  // Shut down: no heat; the pumps restart and the loop cools until chips at full power would be
  // at 80 C, a coolant at 50 C: from 62 C towards 30 C with tau = C / (m_dot c_p) = 27.6 s.
  loop.set_inputs(0.0, true, 30.0);
  const double tau = c / s.flow_heat_capacity_w_per_k();
  EXPECT_NEAR(loop.time_until_next_threshold(), tau * std::log(32.0 / 20.0), 1e-9);
  loop.advance(loop.time_until_next_threshold());
  EXPECT_TRUE(loop.update_state());
  EXPECT_EQ(loop.state(), RackLoop::State::normal);
  EXPECT_NEAR(loop.coolant_c(), 50.0, 1e-9);
}
