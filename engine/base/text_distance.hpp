// Edit distance, for "did you mean" suggestions on misspelled keys and names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aidcsim {

// Levenshtein distance (insertions, deletions, substitutions each cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate when it is near enough to be a likely typo, else an empty string.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

} // namespace aidcsim
