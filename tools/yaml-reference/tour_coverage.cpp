#include "tour_coverage.hpp"

#include "engine/input/facility/kind_readers.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace aidcsim {
namespace {

std::string last_key(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

// The one-of keys whose word picks which keys are read next.
bool selects_reader(const std::string& path) {
  static const std::vector<std::string> selectors{"kind",   "distribution", "technology", "supply",
                                                  "medium", "chemistry",    "role"};
  return std::find(selectors.begin(), selectors.end(), last_key(path)) != selectors.end();
}

} // namespace

std::vector<std::string> tour_gaps(const KeySchema& tour) {
  std::vector<std::string> gaps;
  const auto files = tour.files().find("scenario");
  if (files == tour.files().end())
    return {"the tour holds no scenario"};
  const auto& keys = files->second;
  const auto given = [&](const std::string& path) {
    const auto it = keys.find(path);
    return it != keys.end() && it->second.present;
  };
  for (const KindReader& kind : kind_readers)
    if (!given(std::string("facility.") + kind.section))
      gaps.push_back(std::string("no item of facility.") + kind.section);
  // A reader shared by several keys (a duration's distribution) needs each word once: keys are
  // grouped by their last name and their words.
  std::map<std::pair<std::string, std::set<std::string>>, std::set<std::string>> used;
  for (const auto& [path, r] : keys) {
    if (selects_reader(path))
      used[std::make_pair(last_key(path), r.words)].insert(r.words_used.begin(), r.words_used.end());
    if (path.rfind("faults[].", 0) == 0 && !r.present)
      gaps.push_back(path + ": no fault gives it");
  }
  for (const auto& [selector, words_used] : used)
    for (const auto& word : selector.second)
      if (words_used.count(word) == 0)
        gaps.push_back("'" + selector.first + ": " + word + "': no item uses it");
  return gaps;
}

} // namespace aidcsim
