#include "models/power/transfer_switch.hpp"

namespace aidcsim::power {

void TransferSwitch::begin_transfer(Position target, double now) {
  ++transfers_;
  normal_back_since_ = -1;
  if (spec_.transfer_s <= 0) {
    position_ = target;
    transfer_done_ = never;
    return;
  }
  position_ = Position::open;
  target_ = target;
  transfer_done_ = now + spec_.transfer_s;
}

void TransferSwitch::update(double now, bool normal_ok, bool alternate_ok) {
  // A few passes: finishing a transfer can make the next decision due at the same instant.
  for (int pass = 0; pass < 3; ++pass) {
    const Position before = position_;
    switch (position_) {
    case Position::open:
      if (now >= transfer_done_) {
        transfer_done_ = never;
        position_ = target_;
      }
      break;
    case Position::normal:
      if (!normal_ok && alternate_ok)
        begin_transfer(Position::alternate, now);
      break;
    case Position::alternate:
      if (!normal_ok) {
        normal_back_since_ = -1;
      } else if (!alternate_ok) {
        begin_transfer(Position::normal, now);
      } else {
        if (normal_back_since_ < 0)
          normal_back_since_ = now;
        if (now >= normal_back_since_ + spec_.retransfer_after_s)
          begin_transfer(Position::normal, now);
      }
      break;
    }
    if (position_ == before)
      return;
  }
}

double TransferSwitch::next_event_time() const {
  if (position_ == Position::open)
    return transfer_done_;
  if (position_ == Position::alternate && normal_back_since_ >= 0)
    return normal_back_since_ + spec_.retransfer_after_s;
  return never;
}

} // namespace aidcsim::power
