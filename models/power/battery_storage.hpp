// A battery energy storage system (BESS) in the power chain: one input, one output, a battery
// behind an inverter. Two duties, each closed form between events:
//
//   peak shaving   while its input is live and the load below it is above `shave_above_kw`, the
//                  battery supplies the excess (up to its power), so the input carries at most
//                  the threshold; below it, the battery recharges from the input (up to its power
//                  and the threshold's headroom) until full
//   ride-through   while its input is lost, the battery carries the whole load (up to its power)
//                  until it is empty
//
// Energy: E (kWh stored). The round-trip efficiency eta is split evenly between charge and
// discharge (sqrt(eta) each, as a battery's DC side is symmetric to first order): supplying P
// drains P / sqrt(eta); charging at C from the input stores C sqrt(eta). So, at a constant load,
//
//   time to empty = E sqrt(eta) / P_discharge,   time to full = (E_max - E) / (C sqrt(eta))
//
// and a square wave of swing A above the threshold for half of each period T discharges A T / 4
// per period (docs/MODELS.md). Defaults: round trip 90 % (NREL REopt: 0.96 x 0.96 x 0.975).
#pragma once

#include <limits>

namespace aidcsim::power {

struct BatteryStorageParams {
  double power_kw = 0;                                             // inverter rating, charge and discharge
  double energy_kwh = 0;                                           // usable energy when full
  double round_trip = 0.90;                                        // efficiency of a charge and discharge
  double shave_above_kw = std::numeric_limits<double>::infinity(); // input held below this
  bool ride_through = true;                                        // carries the load while its input is lost
};

class BatteryStorage {
public:
  static constexpr double never = std::numeric_limits<double>::infinity();
  explicit BatteryStorage(const BatteryStorageParams& p);

  // With the input live (or not) and `out_kw` drawn below: what the battery supplies and what it
  // takes in (both >= 0, at most one positive), and what the input carries.
  struct Flow {
    double discharge_kw = 0, charge_kw = 0, input_kw = 0;
  };
  Flow flow(bool input_ok, double out_kw) const;
  // Whether the output is live: from the input, or (ride-through) from a battery not empty.
  bool output_ok(bool input_ok) const;
  void integrate(double dt_s, bool input_ok, double out_kw);
  // The next instant the flow changes by itself: the battery empty or full.
  double next_event_in_s(bool input_ok, double out_kw) const;

  double energy_kwh() const { return energy_kwh_; }
  double state_of_charge() const { return energy_kwh_ / params_.energy_kwh; }
  const BatteryStorageParams& params() const { return params_; }
  double discharged_kwh() const { return discharged_kwh_; } // delivered at the output
  double charged_kwh() const { return charged_kwh_; }       // taken from the input
  double shaved_kwh() const { return shaved_kwh_; }         // delivered while the input was live
  double min_state_of_charge() const { return min_soc_; }

private:
  BatteryStorageParams params_;
  double half_ = 1; // sqrt(round trip)
  double energy_kwh_ = 0;
  double discharged_kwh_ = 0, charged_kwh_ = 0, shaved_kwh_ = 0, min_soc_ = 1;
};

} // namespace aidcsim::power
