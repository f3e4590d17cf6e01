// Whether the tour (test/data/reference/) makes every reader path run: without it, a kind's keys
// would be missing from docs/SCENARIOS.md without anything failing.
#pragma once

#include "engine/input/key_schema.hpp"

#include <string>
#include <vector>

namespace aidcsim {

// What the tour misses, one sentence each: a facility list without an item, a word of a key that
// selects a reader (kind, distribution, medium...) that no item uses, a fault kind or key never given.
std::vector<std::string> tour_gaps(const KeySchema& tour);

} // namespace aidcsim
