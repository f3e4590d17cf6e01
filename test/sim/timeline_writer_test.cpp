// The streaming timeline: what a window and a component set keep, the states at the window's
// edges, and no file unless the run committed it.
#include "engine/sim/timeline_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

aidcsim::power::TimelineRow row(double t, const std::string& id, const std::string& kind,
                                const std::string& state, double kw) {
  return aidcsim::power::TimelineRow{t, id, kind, state, kw, -1};
}

const std::string header = "time_s,component,kind,state,load_kw,state_of_charge,coolant_c,chip_c\n";

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string("aidcsim-") + name + ".csv")).string();
}

} // namespace

TEST(TimelineWriter, WindowKeepsTheEdgesStates) {
  const std::string path = temp_path("window");
  aidcsim::TimelineFilter filter;
  filter.from_s = 10;
  filter.to_s = 20;
  filter.components = {"grid", "ups"};
  aidcsim::TimelineWriter w(path, filter);
  w.add(row(0, "grid", "utility", "up", 100));
  w.add(row(0, "gen", "gensets", "stopped", 0));
  w.add(row(5, "grid", "utility", "down", 0));
  w.add(row(12, "ups", "ups", "on battery", 100));
  w.add(row(15, "grid", "utility", "up", 100));
  w.add(row(25, "grid", "utility", "down", 0));
  w.add(row(30, "ups", "ups", "online", 100));
  w.commit();
  EXPECT_EQ(w.rows(), 7u);
  EXPECT_EQ(w.written(), 5u);
  EXPECT_EQ(read(path), header + "10.000000,grid,utility,down,0.000,,,\n" // the state at 10 s
                                 "12.000000,ups,ups,on battery,100.000,,,\n"
                                 "15.000000,grid,utility,up,100.000,,,\n"
                                 "20.000000,grid,utility,up,100.000,,,\n" // the states at 20 s
                                 "20.000000,ups,ups,on battery,100.000,,,\n");
  std::filesystem::remove(path);
}

TEST(TimelineWriter, KindsChooseComponentsAndNothingIsCapped) {
  const std::string path = temp_path("kinds");
  aidcsim::TimelineFilter filter;
  filter.components = {"utility"};
  aidcsim::TimelineWriter w(path, filter);
  for (int i = 0; i < 2000000; ++i)
    w.add(row(i, i % 2 ? "grid-a" : "gen", i % 2 ? "utility" : "gensets", "up", 1));
  w.commit();
  EXPECT_EQ(w.rows(), 2000000u);
  EXPECT_EQ(w.written(), 1000000u);
  const std::string text = read(path);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1000001); // the header and every chosen row
  EXPECT_EQ(text.substr(header.size(), 36), "1.000000,grid-a,utility,up,1.000,,,\n");
  const std::string last = "1999999.000000,grid-a,utility,up,1.000,,,\n";
  EXPECT_EQ(text.substr(text.size() - last.size()), last);
  std::filesystem::remove(path);
}

TEST(TimelineWriter, NoFileWithoutCommit) {
  const std::string path = temp_path("uncommitted");
  std::filesystem::remove(path);
  {
    aidcsim::TimelineWriter w(path, {});
    w.add(row(0, "grid", "utility", "up", 100));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
    EXPECT_EQ(entry.path().string().rfind(path + ".tmp.", 0), std::string::npos) << entry.path();
}

// A number equal to the row before's is copied from it: the same bits only (-0 prints "-0.000").
// A row longer than the buffer (a 3 MB state) is written whole.
TEST(TimelineWriter, RepeatedNumbersAndLongRowsAreWrittenExactly) {
  const std::string path = temp_path("repeats");
  aidcsim::TimelineWriter w(path, {});
  w.add(row(5, "ups", "ups", "online", 145));
  w.add(aidcsim::power::TimelineRow{5, "ups", "ups", "recharging", 145, 0.5});
  w.add(row(5, "rack", "rack", "powered", -0.0));
  w.add(row(6.25, "rack", "rack", "unpowered", 0.0));
  const std::string long_state(3 << 20, 'x');
  w.add(row(6.25, "gen", "gensets", long_state, 0.0));
  w.add(row(7, "gen", "gensets", "stopped", 0.0));
  w.commit();
  EXPECT_EQ(read(path), header +
                            "5.000000,ups,ups,online,145.000,,,\n"
                            "5.000000,ups,ups,recharging,145.000,0.500000,,\n"
                            "5.000000,rack,rack,powered,-0.000,,,\n"
                            "6.250000,rack,rack,unpowered,0.000,,,\n"
                            "6.250000,gen,gensets," +
                            long_state +
                            ",0.000,,,\n"
                            "7.000000,gen,gensets,stopped,0.000,,,\n");
  std::filesystem::remove(path);
}
