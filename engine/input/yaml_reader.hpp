// Checked access to YAML maps: every lookup is typed and unit-checked, unknown or duplicate keys
// are reported with a "did you mean", and every problem goes to a Diagnostics list with the
// file:line:col of the offending node (yaml_tree.hpp keeps yaml-cpp's Mark on every node).
//
// Include only from .cpp files: yaml-cpp headers are heavy.
#pragma once

#include "engine/base/diagnostics.hpp"
#include "engine/base/units.hpp"

#include "engine/input/key_schema.hpp"
#include "engine/input/yaml_tree.hpp"

#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace aidcsim {

// Loads a YAML file. On a missing file or a syntax error, adds a diagnostic and returns a document
// whose root is undefined.
YamlDocument load_yaml_file(const std::string& path, Diagnostics& diags);
// The same for `text` read from a file named `path` (messages and positions name it).
YamlDocument load_yaml_text(const std::string& text, const std::string& path, Diagnostics& diags);

SourcePos position_of(const YamlNode& node, const std::string& file);

class MapReader {
public:
  // `prefix` is the dotted path of this map ("" for the document root, "workload" below it).
  MapReader(const YamlNode& node, std::string prefix, std::string file, Diagnostics& diags);

  bool is_map() const { return is_map_; }

  // The child node, or an undefined node when absent (a diagnostic is added when required;
  // `expected` says what the key should hold, e.g. "a map with 'kind'").
  YamlNode node(const std::string& key, Need need, const std::string& expected = "");

  std::optional<std::string> string(const std::string& key, Need need);
  std::optional<double> quantity(const std::string& key, units::Dimension dim, Need need,
                                 Range range = Range::positive);
  std::optional<long long> integer(const std::string& key, Need need, long long min, long long max);
  std::optional<std::string> one_of(const std::string& key, const std::vector<std::string>& allowed,
                                    Need need);

  // An optional key and the value the reader applies without it (or when it is wrong: the error
  // stops the run anyway), with where that value comes from for docs/SCENARIOS.md.
  double quantity_or(const std::string& key, units::Dimension dim, double fallback, const Default& d,
                     Range range = Range::positive);
  long long integer_or(const std::string& key, long long min, long long max, long long fallback,
                       const Default& d);
  std::string one_of_or(const std::string& key, const std::vector<std::string>& allowed,
                        const std::string& fallback, const Default& d);
  std::string string_or(const std::string& key, const std::string& fallback, const Default& d);
  // The default of a key read some other way (node() and a check of its own), in `d.shown`.
  void note_default(const std::string& key, const Default& d);

  // A catalog entry written as {value: <quantity or integer>, source: "<where the number comes from>"}.
  std::optional<double> sourced_quantity(const std::string& key, units::Dimension dim, Need need,
                                         Range range = Range::positive);
  std::optional<long long> sourced_integer(const std::string& key, Need need, long long min, long long max);

  // Reports keys that were never asked for, with the closest known key as a suggestion.
  void finish();

  std::string path(const std::string& key) const { return prefix_.empty() ? key : prefix_ + "." + key; }
  // The key's path in the schema (key_schema.hpp): list indices as "[]", names as `set_pattern` says.
  std::string pattern_path(const std::string& key) const {
    const std::string& k = names_.empty() ? key : names_;
    return pattern_.empty() ? k : pattern_ + "." + k;
  }
  // This map's keys are names (failure classes): the schema has one row for all, `placeholder`.
  void keys_are_names(const std::string& placeholder) {
    if (KeySchema::active() != nullptr)
      names_ = placeholder;
  }
  // For a map below a map of names (failure classes, chips): its path in the schema, such as
  // "workload.failures.classes.<class>". Only noted while a schema is recorded.
  void set_pattern(const std::string& pattern) {
    if (KeySchema::active() != nullptr)
      pattern_ = pattern;
  }
  // Where to report a problem with node n: its own position, or its key's position when n was
  // reached through an alias (yaml-cpp gives an alias the mark of its anchor, elsewhere).
  SourcePos pos(const YamlNode& n) const;
  const std::string& file() const { return file_; }
  Diagnostics& diagnostics() { return diags_; }

  // Scalar checks usable on any node (list items, nested values).
  std::optional<double> scalar_quantity(const YamlNode& n, const std::string& key_path, units::Dimension dim,
                                        Range range);
  std::optional<long long> scalar_integer(const YamlNode& n, const std::string& key_path, long long min,
                                          long long max);
  // `list`, the value of `key` (from node()), as two quantities [from, to], each in its own range;
  // `what` says what it holds ("a list of two frequencies, [from, to], such as [0.1 Hz, 20 Hz]").
  // An item absent or wrong is empty, with a diagnostic.
  std::array<std::optional<double>, 2> quantity_pair(const YamlNode& list, const std::string& key,
                                                     units::Dimension dim, std::array<Range, 2> ranges,
                                                     const std::string& what);

private:
  std::optional<double> check_quantity(const YamlNode& n, const std::string& key_path, units::Dimension dim,
                                       Range range);
  std::optional<long long> check_integer(const YamlNode& n, const std::string& key_path, long long min,
                                         long long max);
  template <class Expected> YamlNode find(const std::string& key, Need need, const Expected& expected);

  YamlNode map_;
  std::string prefix_;
  std::string pattern_; // prefix_ with list indices as "[]", while a schema is recorded
  std::string names_;   // the placeholder of every key, for a map of names
  std::string file_;
  Diagnostics& diags_;
  bool is_map_ = false;
  struct Entry {
    std::string_view key; // the key node's text, in the document
    YamlNode key_node, value;
  };
  std::vector<Entry> keys_;        // in file order, each key once
  std::vector<std::string> known_; // sorted: the keys this map's reader asked for
  YamlNode last_value_;            // the value node() returned last, and its key's mark
  YamlMark last_key_mark_;
};

// "a, b, c", for lists of allowed values in messages.
std::string join_words(const std::vector<std::string>& words);

// Calls `item` for each map in the list under `key`.
template <class F> void for_each_item(MapReader& parent, const std::string& key, F item) {
  const YamlNode list = parent.node(key, Need::optional, "a list of maps");
  if (!list.IsDefined())
    return;
  if (!list.IsSequence()) {
    parent.diagnostics().add(parent.pos(list), parent.path(key), "",
                             "expected a list of maps (lines starting with '- ')");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapReader r(list[i], parent.path(key) + "[" + std::to_string(i) + "]", parent.file(),
                parent.diagnostics());
    if (r.is_map())
      item(r, list[i]);
  }
}

} // namespace aidcsim
