// The registry of the facility's component kinds as the scenario writes them: each list under
// `facility:` and the reader of one of its items. Adding a kind adds its reader file and one line
// here (docs/DEVELOPING.md). The readers take defaults from the model's spec (models/power), where
// their sources are cited, never numbers of their own.
#pragma once

#include "engine/input/facility/component_reader.hpp"

namespace aidcsim {

void read_utility_item(ItemContext& c);
void read_genset_item(ItemContext& c);
void read_onsite_item(ItemContext& c);
void read_switch_item(ItemContext& c);
void read_ups_item(ItemContext& c);
void read_distribution_item(ItemContext& c);
void read_load_item(ItemContext& c);

struct KindReader {
  const char* section; // the list's key under `facility:`
  void (*read)(ItemContext&);
};

// In this order: the power graph numbers nodes by it, and random streams and results follow.
inline constexpr KindReader kind_readers[] = {
    {"utility", read_utility_item},
    {"gensets", read_genset_item},
    {"onsite_generation", read_onsite_item},
    {"transfer_switches", read_switch_item},
    {"ups", read_ups_item},
    {"distribution", read_distribution_item},
    {"loads", read_load_item},
};

} // namespace aidcsim
