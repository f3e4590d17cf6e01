#include "engine/base/text_distance.hpp"

#include <gtest/gtest.h>

using aidcsim::closest_match;
using aidcsim::edit_distance;

TEST(TextDistance, LevenshteinKnownValues) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("duration", "duration"), 0u);
  EXPECT_EQ(edit_distance("duraton", "duration"), 1u);
}

TEST(TextDistance, SuggestsCloseKeysOnly) {
  const std::vector<std::string> keys{"name", "platform", "duration", "seed", "workload"};
  EXPECT_EQ(closest_match("duraton", keys), "duration");
  EXPECT_EQ(closest_match("platfrom", keys), "platform");
  EXPECT_EQ(closest_match("sed", keys), "seed");
  EXPECT_EQ(closest_match("cooling_loop", keys), ""); // nothing close: no suggestion
}
