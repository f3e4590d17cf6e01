// The compact YAML tree (engine/input/yaml_tree.*) against yaml-cpp's own YAML::Node on the same
// texts: node kinds, scalars, marks, sizes, aliases, documents, syntax errors and the emitter.
#include "engine/base/diagnostics.hpp"
#include "engine/input/yaml_reader.hpp"
#include "engine/input/yaml_tree.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

namespace {

using aidcsim::YamlNode;

// Every node of `ours` equals yaml-cpp's node at the same place: kind, text, mark and size.
void expect_same(const YamlNode& ours, const YAML::Node& theirs, const std::string& at) {
  ASSERT_EQ(ours.IsNull(), theirs.IsNull()) << at;
  ASSERT_EQ(ours.IsScalar(), theirs.IsScalar()) << at;
  ASSERT_EQ(ours.IsSequence(), theirs.IsSequence()) << at;
  ASSERT_EQ(ours.IsMap(), theirs.IsMap()) << at;
  EXPECT_EQ(ours.Scalar(), theirs.Scalar()) << at;
  EXPECT_EQ(ours.Tag(), theirs.Tag()) << at;
  EXPECT_EQ(ours.Mark().line, theirs.Mark().line) << at;
  EXPECT_EQ(ours.Mark().column, theirs.Mark().column) << at;
  ASSERT_EQ(ours.size(), theirs.size()) << at;
  if (theirs.IsSequence())
    for (std::size_t i = 0; i < theirs.size(); ++i)
      expect_same(ours[i], theirs[i], at + "[" + std::to_string(i) + "]");
  if (theirs.IsMap()) {
    auto it = theirs.begin();
    for (auto ot = ours.begin(); ot != ours.end(); ++ot, ++it) {
      expect_same(ot->first, it->first, at + ".<key>");
      expect_same(ot->second, it->second, at + "." + it->first.Scalar());
    }
  }
}

aidcsim::YamlDocument parsed(const std::string& text) {
  return aidcsim::parse_yaml_documents(text).first;
}

TEST(YamlTree, NestedMapsListsAndScalarsMatchYamlCpp) {
  const std::string text = "name: a test\n"
                           "facility:\n"
                           "  ups:\n"
                           "    - {id: ups, fed_by: grid, rating: 2 MW, battery: {runtime: 10 min}}\n"
                           "  loads:\n"
                           "    - id: rack-1\n"
                           "      fed_by: [pdu-a, pdu-b]\n"
                           "      load: '145 kW'\n"
                           "      note: \"quoted: yes\"\n"
                           "      empty:\n"
                           "      tilde: ~\n"
                           "      tagged: !!str 5\n"
                           "      block: |\n"
                           "        two\n"
                           "        lines\n";
  const aidcsim::YamlDocument doc = parsed(text);
  expect_same(doc.root(), YAML::Load(text), "root");
  const YamlNode rack = doc.root()["facility"]["loads"][0];
  EXPECT_EQ(rack["id"].Scalar(), "rack-1");
  EXPECT_EQ(rack["fed_by"][1].Scalar(), "pdu-b");
  EXPECT_EQ(rack["fed_by"][1].Mark().line, 6);
  EXPECT_EQ(rack["fed_by"][1].Mark().column, 22);
  EXPECT_EQ(rack["load"].Scalar(), "145 kW");
  EXPECT_TRUE(rack["empty"].IsNull());
  EXPECT_EQ(rack["block"].Scalar(), "two\nlines\n");
  EXPECT_FALSE(rack["nope"].IsDefined());
  EXPECT_FALSE(rack["fed_by"][2].IsDefined());
  EXPECT_EQ(doc.root()["facility"]["ups"][0]["battery"]["runtime"].Mark().column, 63);
}

TEST(YamlTree, DuplicateKeysAreKeptInOrderAndLookupFindsTheFirst) {
  const std::string text = "a: 1\nb: 2\na: 3\n";
  const aidcsim::YamlDocument doc = parsed(text);
  expect_same(doc.root(), YAML::Load(text), "root");
  EXPECT_EQ(doc.root().size(), 3U);
  EXPECT_EQ(doc.root()["a"].Scalar(), "1");
  EXPECT_EQ(doc.root()["a"].Mark().line, 0);
}

TEST(YamlTree, AnAliasIsItsAnchorsNode) {
  const std::string text = "a: &x {k: 1}\nb: *x\nc: {k: 1}\n";
  const aidcsim::YamlDocument doc = parsed(text);
  expect_same(doc.root(), YAML::Load(text), "root");
  EXPECT_TRUE(doc.root()["b"].is(doc.root()["a"]));
  EXPECT_FALSE(doc.root()["c"].is(doc.root()["a"]));
  EXPECT_EQ(doc.root()["b"].Mark().line, 0); // the anchor's mark, as yaml-cpp gives it
  EXPECT_EQ(doc.root()["b"].Mark().column, 3);
}

TEST(YamlTree, DocumentsAreCountedAndTheSecondRootIsPlaced) {
  const auto one = aidcsim::parse_yaml_documents("a: 1\n");
  EXPECT_EQ(one.count, 1U);
  const auto two = aidcsim::parse_yaml_documents("a: 1\n---\nb: 2\n---\nc: 3\n");
  EXPECT_EQ(two.count, 3U);
  EXPECT_EQ(two.second_root.line, 2);
  EXPECT_EQ(two.second_root.column, 0);
  const auto none = aidcsim::parse_yaml_documents("");
  EXPECT_EQ(none.count, 0U);
  EXPECT_FALSE(none.first.root().IsDefined());
}

// yaml-cpp's message and mark for each syntax error, also in a later document.
TEST(YamlTree, SyntaxErrorsAreYamlCppsWithTheirPositions) {
  for (const std::string text :
       {"a: [1, 2\nb: 3\n", "a: 1\n b: 2\n  c\n", "a: *nope\n", "a: 1\n---\nb: [\n", "a: 1\n- b\n"}) {
    std::string theirs, ours;
    YAML::Mark their_mark, our_mark;
    try {
      YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
      theirs = e.msg;
      their_mark = e.mark;
    }
    try {
      aidcsim::parse_yaml_documents(text);
    } catch (const YAML::Exception& e) {
      ours = e.msg;
      our_mark = e.mark;
    }
    EXPECT_FALSE(theirs.empty()) << text;
    EXPECT_EQ(ours, theirs) << text;
    EXPECT_EQ(our_mark.line, their_mark.line) << text;
    EXPECT_EQ(our_mark.column, their_mark.column) << text;
  }
}

TEST(YamlTree, ALoneCommaEnds) {
  // YAML::LoadAll loops forever on this text (yaml-cpp 0.7.0): the parser returns a document
  // without consuming the token.
  try {
    aidcsim::parse_yaml_documents(",");
    ADD_FAILURE() << "no error";
  } catch (const YAML::Exception& e) {
    EXPECT_EQ(e.msg, "cannot read on from here (a ',' outside a [list] or {map}?)");
    EXPECT_EQ(e.mark.line, 0);
    EXPECT_EQ(e.mark.column, 0);
  }
}

TEST(YamlTree, OverridesRemoveThenAppendAndEmitLikeYamlCpp) {
  aidcsim::YamlDocument doc = parsed("a: 1\nb: &x [1, 2]\nc: *x\n");
  const YamlNode root = doc.root();
  const aidcsim::YamlDocument value = aidcsim::parse_yaml_value("{runtime: 5 min}");
  aidcsim::remove_key(root, "b");
  aidcsim::set_key(root, "b", aidcsim::graft(doc.tree(), value.root()));
  ASSERT_EQ(root.size(), 3U);
  EXPECT_EQ((*root.begin()).first.Scalar(), "a");
  const YamlNode b = root["b"];
  EXPECT_EQ(b["runtime"].Scalar(), "5 min");
  EXPECT_EQ(b.Mark().line, 0); // the value's own text
  EXPECT_EQ(root["c"][1].Scalar(), "2");
  YAML::Emitter ours, theirs;
  ours << YAML::Flow << aidcsim::to_yaml_cpp(root);
  theirs << YAML::Flow << YAML::Load("a: 1\nc: &x [1, 2]\nb: {runtime: 5 min}\n");
  // The block map stays block, as yaml-cpp emits a parsed node's own style.
  EXPECT_EQ(std::string(ours.c_str()), "a: 1\nc: [1, 2]\nb: {runtime: 5 min}");
  EXPECT_EQ(std::string(ours.c_str()), std::string(theirs.c_str()));
  EXPECT_TRUE(aidcsim::parse_yaml_value("").root().IsNull());
}

TEST(YamlTree, MapReaderPlacesDuplicatesUnknownKeysAndValues) {
  const std::string path = ::testing::TempDir() + "yaml_tree_test_" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(path) << "top:\n  rate: 2 /y\n  rate: 3 /y\n  ratte: 1\n  size: -4\n";
  aidcsim::Diagnostics diags;
  const aidcsim::YamlDocument doc = aidcsim::load_yaml_file(path, diags);
  ASSERT_TRUE(diags.empty());
  aidcsim::MapReader top(doc.root(), "", path, diags);
  aidcsim::MapReader r(top.node("top", aidcsim::Need::required), "top", path, diags);
  EXPECT_FALSE(r.integer("size", aidcsim::Need::required, 0, 10).has_value());
  EXPECT_EQ(r.string("rate", aidcsim::Need::required).value_or(""), "2 /y");
  r.finish();
  const auto& items = diags.items();
  ASSERT_EQ(items.size(), 3U);
  EXPECT_EQ(items[0].pos.line, 3); // the second 'rate'
  EXPECT_EQ(items[0].pos.column, 3);
  EXPECT_EQ(items[0].key, "top.rate");
  EXPECT_EQ(items[1].pos.line, 5);
  EXPECT_EQ(items[1].pos.column, 9);
  EXPECT_EQ(items[1].value, "-4");
  EXPECT_EQ(items[2].key, "top.ratte");
  EXPECT_EQ(items[2].pos.line, 4);
  std::remove(path.c_str());
}

} // namespace
