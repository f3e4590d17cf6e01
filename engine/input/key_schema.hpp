// The schema of the YAML files as the readers ask for their keys, for docs/SCENARIOS.md
// (tools/yaml-reference). MapReader notes every lookup here while a KeySchema is active; none is
// outside the generator, so a simulation pays one pointer test per lookup.
#pragma once

#include "engine/base/units.hpp"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace aidcsim {

enum class Need { required, optional };
// A temperature is never below absolute zero, whatever the range. `fraction`: above 0, at most 1
// (100 %), for efficiencies and effectivenesses.
// fraction: (0, 1]; share: [0, 1] (a share that may be none at all).
enum class Range { any, positive, non_negative, fraction, share };

// Where an optional key's default comes from. Give `row` when docs/MODELS.md has a row for it (its
// first cell, checked by the generator), `why` otherwise; `shown` when the default is not one
// number but follows from other keys ("by chemistry: ...").
struct Default {
  std::string_view row = {};
  std::string_view why = {};
  std::string_view shown = {};
};

// One key path as every document read so far asked for it; each set holds the distinct answers.
struct KeyRecord {
  bool required = false, optional = false; // how its map's reader first asked for it
  std::set<std::string> types;             // what the key holds, in the reader's words
  std::set<std::string> item_types;        // what a value checked on its own holds (list items)
  std::set<std::string> ranges;
  std::set<std::string> defaults;
  std::set<std::string> sources;
  std::set<std::string> models_rows; // docs/MODELS.md rows cited
  std::set<std::string> words;       // of a one-of key: the words it allows
  std::set<std::string> words_used;  // and those the documents gave
  bool present = false;              // some document gave the key
};

class KeySchema {
public:
  // The schema being recorded, or nullptr (always, outside tools/yaml-reference).
  static KeySchema* active() { return active_; }
  void enable() { active_ = this; }
  void disable() { active_ = nullptr; }

  // "[3]" and "[ups-a]" become "[]": one row per list, whatever the item.
  static std::string pattern_of(std::string_view path);
  // A default in the unit a person writes: "10 min", "1.2 MW", "96 %" (a fraction), "30 C".
  static std::string quantity_text(double si, units::Dimension dim, Range range);

  void key(const std::string& path, Need need, bool first, std::string expected);
  void item_type(const std::string& path, std::string type);
  void range(const std::string& path, std::string range);
  void default_value(const std::string& path, std::string shown, const Default& d);
  void present(const std::string& path) { at(path).present = true; }
  void words(const std::string& path, const std::vector<std::string>& allowed) {
    at(path).words.insert(allowed.begin(), allowed.end());
  }
  void word_used(const std::string& path, const std::string& word) { at(path).words_used.insert(word); }

  // File kind ("scenario", "sweep", "catalog") -> key path -> its record.
  const std::map<std::string, std::map<std::string, KeyRecord>>& files() const { return files_; }

private:
  friend class SchemaScope;
  KeyRecord& at(const std::string& path) { return files_[file_kind_][path]; }

  static inline KeySchema* active_ = nullptr;
  std::string file_kind_ = "scenario";
  std::map<std::string, std::map<std::string, KeyRecord>> files_;
};

// The kind of file a loader reads, for the keys it notes until it returns (a sweep reads its base
// scenario: those keys are the scenario's).
class SchemaScope {
public:
  explicit SchemaScope(const char* file_kind) {
    if (KeySchema* s = KeySchema::active()) {
      previous_ = s->file_kind_;
      s->file_kind_ = file_kind;
    }
  }
  ~SchemaScope() {
    if (KeySchema* s = KeySchema::active())
      s->file_kind_ = previous_;
  }
  SchemaScope(const SchemaScope&) = delete;
  SchemaScope& operator=(const SchemaScope&) = delete;

private:
  std::string previous_;
};

} // namespace aidcsim
