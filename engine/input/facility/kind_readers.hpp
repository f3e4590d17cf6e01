// The registry of the facility's component kinds as the scenario writes them: each list under
// `facility:`, the reader of one of its items and the kind's sizing step. Adding a kind adds its
// reader file and one line here (docs/DEVELOPING.md). The readers take defaults from the model's spec
// (models/power), where their sources are cited, never numbers of their own.
#pragma once

#include "engine/input/facility/component_reader.hpp"

#include <iterator>

namespace aidcsim {

void read_utility_item(ItemContext& c);
void read_genset_item(ItemContext& c);
void read_onsite_item(ItemContext& c);
void read_switch_item(ItemContext& c);
void read_ups_item(ItemContext& c);
void read_distribution_item(ItemContext& c);
void read_load_item(ItemContext& c);
void read_storage_item(ItemContext& c);
void size_genset_plants(SizingContext& c);
void size_onsite_plants(SizingContext& c);
void size_ups(SizingContext& c);
void check_distribution_ratings(SizingContext& c);

struct KindReader {
  const char* section;          // the list's key under `facility:`
  void (*read)(ItemContext&);   // one item of the list
  void (*size)(SizingContext&); // ratings and units from the design loads; nullptr: none
};

// In the order of FacilitySpec::lists(), the kinds' registry in models/power (checked below).
inline constexpr KindReader kind_readers[] = {
    {"utility", read_utility_item, nullptr},
    {"gensets", read_genset_item, size_genset_plants},
    {"onsite_generation", read_onsite_item, size_onsite_plants},
    {"transfer_switches", read_switch_item, nullptr},
    {"ups", read_ups_item, size_ups},
    {"distribution", read_distribution_item, check_distribution_ratings},
    {"loads", read_load_item, nullptr},
    {"storage", read_storage_item, nullptr},
};
static_assert(std::size(kind_readers) == power::kind_count, "one reader per kind of FacilitySpec::lists()");

} // namespace aidcsim
