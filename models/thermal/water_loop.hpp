// The facility water loop: the chilled water that the CDUs (and CRAH coils) reject their heat
// into, with its chillers, dry coolers or cooling towers and an optional storage tank.
//
// The loop's water (pipes plus a fully mixed tank) is one lumped capacitance C = V rho c_p. The
// plant holds the supply temperature at its setpoint while the running units' capacity covers the
// heat; otherwise the water warms (or, recovering, cools back) at the constant rate
//
//   dT/dt = (Q_in - Q_capacity) / C
//
// until the setpoint, where the plant holds it again. Between events Q_in and the running capacity
// are constant, so the temperature is piecewise linear and every crossing is a closed form. A
// mixed tank is the conservative choice: a stratified tank keeps its supply at the setpoint until
// the cold water is used up, and so rides through longer for the same volume.
#pragma once

#include <limits>

namespace aidcsim::thermal {

struct WaterLoopSpec {
  double supply_c = 18;          // chilled-water supply setpoint
  double volume_l = 10000;       // pipes, headers and heat exchangers
  double tank_l = 0;             // chilled-water storage, fully mixed
  double density_kg_per_l = 1.0; // water
  double cp_j_per_kg_k = 4186;   // water
  double capacity_j_per_k() const { return (volume_l + tank_l) * density_kg_per_l * cp_j_per_kg_k; }
};

class WaterLoop {
public:
  explicit WaterLoop(const WaterLoopSpec& spec);

  // Constant until the next call: heat into the water (W) and the running units' capacity (W).
  void set_inputs(double heat_w, double capacity_w);
  void advance(double dt_s);
  // Seconds until the water reaches `threshold_c`; +inf if it does not under the current inputs.
  double time_until(double threshold_c) const;
  // Seconds until the plant holds the setpoint again (recovering water reaches it); +inf if not.
  double time_until_held() const;

  double temp_c() const { return temp_c_; }
  bool held() const;           // at the setpoint with enough capacity
  double rate_k_per_s() const; // 0 while held
  double removed_w() const;    // heat the plant takes out now
  double heat_in_j() const { return heat_in_j_; }
  double heat_removed_j() const { return heat_removed_j_; }
  double stored_j() const { return (temp_c_ - spec_.supply_c) * spec_.capacity_j_per_k(); }
  const WaterLoopSpec& spec() const { return spec_; }

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  WaterLoopSpec spec_;
  double temp_c_;
  double heat_w_ = 0, capacity_w_ = 0;
  double heat_in_j_ = 0, heat_removed_j_ = 0;
};

} // namespace aidcsim::thermal
