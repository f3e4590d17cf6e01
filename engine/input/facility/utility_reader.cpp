// `facility.utility[]`: a utility feed (models/power/utility_feed.hpp).
#include "engine/input/facility/kind_readers.hpp"

namespace aidcsim {

void read_utility_item(ItemContext& c) {
  power::UtilitySpec u;
  u.id = read_id(c);
  u.outages = read_interruptions(c.r, "outages", "duration");
  u.major_events = read_interruptions(c.r, "major_events", "duration");
  c.r.finish();
  c.spec.utilities.push_back(u);
}

} // namespace aidcsim
