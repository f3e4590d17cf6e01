// Automatic or static transfer switch between a normal and an alternate source.
//
// On the normal source: when it fails, the switch asks for the alternate (a genset plant starts)
// and transfers as soon as the alternate is energized. The transfer is an open transition: the
// output is dead for `transfer_s` (an ATS, about 0.1-0.5 s; an STS, a quarter cycle), which the
// UPS downstream bridges. On the alternate: once the normal source has been back for
// `retransfer_after_s` without a break, the switch transfers back (again open for transfer_s),
// and only then releases the alternate. If the alternate fails while the normal source is back,
// it transfers back at once.
#pragma once

#include "models/power/facility_spec.hpp"

#include <limits>

namespace aidcsim::power {

class TransferSwitch {
public:
  enum class Position { normal, alternate, open };

  explicit TransferSwitch(const TransferSwitchSpec& spec) : spec_(spec) {}

  // Applies every transition due at `now` for the given input states.
  void update(double now, bool normal_ok, bool alternate_ok);
  bool energized(bool normal_ok, bool alternate_ok) const {
    return (position_ == Position::normal && normal_ok) || (position_ == Position::alternate && alternate_ok);
  }
  // True while the alternate is needed: the normal source is lost or the switch is not back on it.
  bool wants_alternate(bool normal_ok) const { return !(position_ == Position::normal && normal_ok); }
  double next_event_time() const;
  Position position() const { return position_; }
  long transfers() const { return transfers_; }
  const TransferSwitchSpec& spec() const { return spec_; }

  // The switch's moving parts, to undo the decisions of a trial settle (power_chain.cpp).
  struct State {
    Position position, target;
    double transfer_done, normal_back_since;
    long transfers;
  };
  State state() const { return {position_, target_, transfer_done_, normal_back_since_, transfers_}; }
  void restore(const State& s) {
    position_ = s.position;
    target_ = s.target;
    transfer_done_ = s.transfer_done;
    normal_back_since_ = s.normal_back_since;
    transfers_ = s.transfers;
  }

  static constexpr double never = std::numeric_limits<double>::infinity();

private:
  void begin_transfer(Position target, double now);

  TransferSwitchSpec spec_;
  Position position_ = Position::normal;
  Position target_ = Position::normal;
  double transfer_done_ = never;
  double normal_back_since_ = -1;
  long transfers_ = 0;
};

} // namespace aidcsim::power
