// Where facility ids and fields were written: the first note of each wins, a field falls back to
// its component's position.
#include "engine/input/facility_positions.hpp"

#include <gtest/gtest.h>

namespace {

TEST(FacilityPositions, FirstNoteWinsAndFieldsFallBackToTheirComponent) {
  aidcsim::FacilityPositions p;
  p.note("rack-1", "", {"s.yaml", 10, 7});
  p.note("rack-1", "fed_by", {"s.yaml", 10, 30});
  p.note("rack-1", "fed_by", {"s.yaml", 99, 1}); // a second note of a field is ignored
  p.note("rack-1", "", {"s.yaml", 50, 7});       // so is a second item with the same id
  p.note("pdu", "fed_by", {"", 0, 0});           // noted before its id: it places the component too

  EXPECT_EQ(p.of("rack-1", "fed_by").line, 10);
  EXPECT_EQ(p.of("rack-1", "fed_by").column, 30);
  EXPECT_EQ(p.of("rack-1", "fed_by").file, "s.yaml");
  EXPECT_EQ(p.of("rack-1", "boot").column, 7);
  EXPECT_EQ(p.of("rack-1", "").line, 10);
  EXPECT_EQ(p.of("nope", "fed_by").file, "");
  EXPECT_EQ(p.of("nope", "fed_by").line, 0);
  ASSERT_TRUE(p.find("rack-1").has_value());
  EXPECT_EQ(p.find("rack-1")->column, 7);
  EXPECT_FALSE(p.find("rack-1", "boot").has_value());
  EXPECT_EQ(p.find("rack-1", "fed_by")->column, 30);
  ASSERT_TRUE(p.find("pdu").has_value());
  EXPECT_EQ(p.find("pdu")->file, "");
  EXPECT_FALSE(p.find("nope").has_value());
}

} // namespace
