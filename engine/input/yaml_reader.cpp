#include "engine/input/yaml_reader.hpp"

#include "engine/base/text_distance.hpp"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace aidcsim {
namespace {

std::string scalar_text(const YamlNode& n) {
  if (n.IsScalar())
    return n.Scalar();
  if (n.IsSequence())
    return "<list>";
  if (n.IsMap())
    return "<map>";
  return "";
}

std::string node_kind(const YamlNode& n) {
  if (n.IsScalar())
    return "a scalar";
  if (n.IsSequence())
    return "a list";
  if (n.IsMap())
    return "a map";
  return "nothing";
}

std::string quantity_hint(units::Dimension dim) {
  return std::string(units::dimension_name(dim)) + " with a unit (" + units::allowed_units(dim) + ")";
}

std::string whole_number_text(long long min, long long max) {
  return "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
}

std::string range_text(Range range, units::Dimension dim) {
  const char* absolute_zero = dim == units::Dimension::temperature ? " (above -273.15 C)" : "";
  switch (range) {
  case Range::positive:
    return std::string("> 0") + absolute_zero;
  case Range::non_negative:
    return std::string(">= 0") + absolute_zero;
  case Range::fraction:
    return "0-100 %";
  case Range::share:
    return "0-100 %, 0 included";
  case Range::any:
    break;
  }
  return std::string("any") + absolute_zero;
}

std::string bounds_text(long long min, long long max) {
  return std::to_string(min) + ".." + std::to_string(max);
}

} // namespace

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty())
      out += ", ";
    out += w;
  }
  return out;
}

SourcePos position_of(const YamlNode& node, const std::string& file) {
  SourcePos pos{file, 0, 0};
  if (node.IsDefined()) {
    const YamlMark m = node.Mark();
    if (m.line >= 0) {
      pos.line = m.line + 1;
      pos.column = m.column + 1;
    }
  }
  return pos;
}

YamlDocument load_yaml_file(const std::string& path, Diagnostics& diags) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    diags.add(SourcePos{path, 0, 0}, "", "", "file not found or not a regular file");
    return YamlDocument();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.add(SourcePos{path, 0, 0}, "", "", "cannot open file for reading");
    return YamlDocument();
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_yaml_text(buffer.str(), path, diags);
}

YamlDocument load_yaml_text(const std::string& text, const std::string& path, Diagnostics& diags) {
  try {
    YamlDocuments documents = parse_yaml_documents(text);
    if (documents.count > 1) {
      const YamlMark m = documents.second_root;
      diags.add(SourcePos{path, m.line >= 0 ? m.line + 1 : 0, m.line >= 0 ? m.column + 1 : 0}, "", "",
                "a second YAML document ('---'); a file holds exactly one document");
      return YamlDocument();
    }
    // An empty document is a null root, as YAML::LoadAll gives it.
    const YamlNode root = documents.first.root();
    if (!root.IsMap()) {
      diags.add(SourcePos{path, 1, 1}, "", "",
                !root.IsDefined() || root.IsNull()
                    ? "file is empty; expected a YAML map of keys"
                    : "top level is " + node_kind(root) + "; expected a YAML map of keys");
      return YamlDocument();
    }
    return std::move(documents.first);
  } catch (const YAML::DeepRecursion& e) { // yaml-cpp says only "bad file"
    diags.add(
        SourcePos{path, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0},
        "", "",
        "YAML nested too deep here: more than " + std::to_string(e.depth() - 1) +
            " levels of [ ] or { }, the most the YAML parser reads");
    return YamlDocument();
  } catch (const YAML::Exception& e) {
    diags.add(
        SourcePos{path, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0},
        "", "", "YAML syntax error: " + e.msg);
    return YamlDocument();
  }
}

SourcePos MapReader::pos(const YamlNode& n) const {
  if (n.IsDefined() && last_value_.IsDefined() && n.is(last_value_)) {
    const YamlMark m = n.Mark();
    if (m.line < last_key_mark_.line || (m.line == last_key_mark_.line && m.column < last_key_mark_.column))
      return SourcePos{file_, last_key_mark_.line + 1, last_key_mark_.column + 1};
  }
  return position_of(n, file_);
}

MapReader::MapReader(const YamlNode& node, std::string prefix, std::string file, Diagnostics& diags)
    : map_(node), prefix_(std::move(prefix)), file_(std::move(file)), diags_(diags) {
  if (KeySchema::active() != nullptr)
    pattern_ = KeySchema::pattern_of(prefix_);
  if (!node.IsDefined())
    return;
  if (!node.IsMap()) {
    diags_.add(pos(node), prefix_, scalar_text(node), "expected a map of keys, found " + node_kind(node));
    return;
  }
  is_map_ = true;
  // A scenario's maps hold a handful of keys: a linear search for duplicates is cheapest (a
  // facility of 200,000 loads has as many maps); long maps get a set.
  constexpr std::size_t linear_keys = 32;
  std::set<std::string_view> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YamlEntry pair = *it;
    const std::string_view key =
        pair.first.IsScalar() ? std::string_view(pair.first.Scalar()) : "<complex key>";
    const bool duplicate =
        keys_.size() < linear_keys
            ? std::any_of(keys_.begin(), keys_.end(), [&](const Entry& e) { return e.key == key; })
            : !seen.insert(key).second;
    if (duplicate) {
      diags_.add(pos(pair.first), path(std::string(key)), "",
                 "duplicate key; each key may appear once in a map");
      continue;
    }
    if (keys_.size() + 1 == linear_keys)
      for (const Entry& e : keys_)
        seen.insert(e.key);
    if (keys_.size() + 1 >= linear_keys)
      seen.insert(key);
    keys_.push_back(Entry{key, pair.first, pair.second});
  }
}

// `expected` words what the key should hold; it is called only for a message (a facility of
// 200,000 loads asks for a million keys).
template <class Expected>
YamlNode MapReader::find(const std::string& key, Need need, const Expected& expected) {
  bool first = false;
  if (const auto at = std::lower_bound(known_.begin(), known_.end(), key); at == known_.end() || *at != key) {
    known_.insert(at, key);
    first = true;
  }
  KeySchema* schema = KeySchema::active();
  if (schema != nullptr)
    schema->key(pattern_path(key), need, first, expected());
  if (!is_map_)
    return YamlNode();
  for (const auto& [k, key_node, value] : keys_) {
    if (k != key)
      continue;
    if (schema != nullptr)
      schema->present(pattern_path(key));
    last_value_.reset(value); // rebinds to the value's node
    last_key_mark_ = key_node.Mark();
    if (value.IsNull()) {
      const std::string e = expected();
      diags_.add(pos(key_node), path(key), "", "key has no value" + (e.empty() ? "" : "; expected " + e));
      return YamlNode();
    }
    return value;
  }
  if (need == Need::required) {
    const std::string e = expected();
    diags_.add(pos(map_), path(key), "", "required key is missing" + (e.empty() ? "" : "; expected " + e));
  }
  return YamlNode();
}

YamlNode MapReader::node(const std::string& key, Need need, const std::string& expected) {
  return find(key, need, [&] { return expected; });
}

std::optional<std::string> MapReader::string(const std::string& key, Need need) {
  YamlNode n = find(key, need, [] { return std::string("a text value"); });
  if (!n.IsDefined())
    return std::nullopt;
  if (!n.IsScalar()) {
    diags_.add(pos(n), path(key), scalar_text(n), "expected a text value, found " + node_kind(n));
    return std::nullopt;
  }
  if (n.Scalar().empty()) {
    diags_.add(pos(n), path(key), "", "empty text; a non-empty value is required");
    return std::nullopt;
  }
  return n.Scalar();
}

std::array<std::optional<double>, 2> MapReader::quantity_pair(const YamlNode& list, const std::string& key,
                                                              units::Dimension dim,
                                                              std::array<Range, 2> ranges,
                                                              const std::string& what) {
  if (!list.IsDefined())
    return {};
  if (!list.IsSequence() || list.size() != 2) {
    diags_.add(pos(list), path(key), list.IsScalar() ? list.Scalar() : "", "expected " + what);
    return {};
  }
  return {scalar_quantity(list[0], path(key + "[0]"), dim, ranges[0]),
          scalar_quantity(list[1], path(key + "[1]"), dim, ranges[1])};
}

std::optional<double> MapReader::scalar_quantity(const YamlNode& n, const std::string& key_path,
                                                 units::Dimension dim, Range range) {
  if (KeySchema* schema = KeySchema::active()) {
    const std::string pattern = KeySchema::pattern_of(key_path);
    schema->item_type(pattern, quantity_hint(dim));
    schema->range(pattern, range_text(range, dim));
  }
  return check_quantity(n, key_path, dim, range);
}

std::optional<double> MapReader::check_quantity(const YamlNode& n, const std::string& key_path,
                                                units::Dimension dim, Range range) {
  if (!n.IsScalar()) {
    diags_.add(pos(n), key_path, scalar_text(n),
               "expected " + std::string(units::dimension_name(dim)) + " such as a number and unit, found " +
                   node_kind(n));
    return std::nullopt;
  }
  const units::ParseResult r = units::parse(n.Scalar(), dim);
  if (!r.value) {
    diags_.add(pos(n), key_path, n.Scalar(), r.error);
    return std::nullopt;
  }
  if (dim == units::Dimension::temperature && *r.value < -273.15) {
    diags_.add(pos(n), key_path, n.Scalar(), "below absolute zero (-273.15 C)");
    return std::nullopt;
  }
  if (range == Range::fraction && !(*r.value > 0.0 && *r.value <= 1.0)) {
    diags_.add(pos(n), key_path, n.Scalar(), "must be more than 0 % and at most 100 %");
    return std::nullopt;
  }
  if (range == Range::share && !(*r.value >= 0.0 && *r.value <= 1.0)) {
    diags_.add(pos(n), key_path, n.Scalar(), "must be from 0 % to 100 %");
    return std::nullopt;
  }
  if (range == Range::positive && !(*r.value > 0.0)) {
    diags_.add(pos(n), key_path, n.Scalar(), "must be greater than zero");
    return std::nullopt;
  }
  if (range == Range::non_negative && *r.value < 0.0) {
    diags_.add(pos(n), key_path, n.Scalar(), "must not be negative");
    return std::nullopt;
  }
  return r.value;
}

std::optional<double> MapReader::quantity(const std::string& key, units::Dimension dim, Need need,
                                          Range range) {
  YamlNode n = find(key, need, [dim] { return quantity_hint(dim); });
  if (KeySchema* schema = KeySchema::active())
    schema->range(pattern_path(key), range_text(range, dim));
  if (!n.IsDefined())
    return std::nullopt;
  return check_quantity(n, path(key), dim, range);
}

std::optional<long long> MapReader::scalar_integer(const YamlNode& n, const std::string& key_path,
                                                   long long min, long long max) {
  if (KeySchema* schema = KeySchema::active()) {
    const std::string pattern = KeySchema::pattern_of(key_path);
    schema->item_type(pattern, whole_number_text(min, max));
    schema->range(pattern, bounds_text(min, max));
  }
  return check_integer(n, key_path, min, max);
}

std::optional<long long> MapReader::check_integer(const YamlNode& n, const std::string& key_path,
                                                  long long min, long long max) {
  if (!n.IsScalar()) {
    diags_.add(pos(n), key_path, scalar_text(n),
               "expected " + whole_number_text(min, max) + ", found " + node_kind(n));
    return std::nullopt;
  }
  const std::string& text = n.Scalar();
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    diags_.add(pos(n), key_path, text, "not a whole number; expected " + whole_number_text(min, max));
    return std::nullopt;
  }
  if (value < min || value > max) {
    diags_.add(pos(n), key_path, text, "out of range; expected " + whole_number_text(min, max));
    return std::nullopt;
  }
  return value;
}

std::optional<long long> MapReader::integer(const std::string& key, Need need, long long min, long long max) {
  YamlNode n = find(key, need, [&] { return whole_number_text(min, max); });
  if (KeySchema* schema = KeySchema::active())
    schema->range(pattern_path(key), bounds_text(min, max));
  if (!n.IsDefined())
    return std::nullopt;
  return check_integer(n, path(key), min, max);
}

std::optional<std::string> MapReader::one_of(const std::string& key, const std::vector<std::string>& allowed,
                                             Need need) {
  YamlNode n = find(key, need, [&] { return "one of: " + join_words(allowed); });
  KeySchema* schema = KeySchema::active();
  if (schema != nullptr)
    schema->words(pattern_path(key), allowed);
  if (!n.IsDefined())
    return std::nullopt;
  if (!n.IsScalar()) {
    diags_.add(pos(n), path(key), scalar_text(n),
               "expected one of: " + join_words(allowed) + "; found " + node_kind(n));
    return std::nullopt;
  }
  for (const auto& a : allowed)
    if (a == n.Scalar()) {
      if (schema != nullptr)
        schema->word_used(pattern_path(key), a);
      return a;
    }
  const std::string guess = closest_match(n.Scalar(), allowed);
  diags_.add(pos(n), path(key), n.Scalar(),
             "not allowed; expected one of: " + join_words(allowed) +
                 (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
  return std::nullopt;
}

std::optional<double> MapReader::sourced_quantity(const std::string& key, units::Dimension dim, Need need,
                                                  Range range) {
  YamlNode n = find(key, need, [dim] { return "{value: " + quantity_hint(dim) + ", source: \"...\"}"; });
  if (!n.IsDefined())
    return std::nullopt;
  MapReader entry(n, path(key), file_, diags_);
  entry.set_pattern(pattern_path(key));
  if (!entry.is_map())
    return std::nullopt;
  const auto value = entry.quantity("value", dim, Need::required, range);
  entry.string("source", Need::required);
  entry.finish();
  return value;
}

std::optional<long long> MapReader::sourced_integer(const std::string& key, Need need, long long min,
                                                    long long max) {
  YamlNode n = find(key, need, [] { return std::string("{value: <whole number>, source: \"...\"}"); });
  if (!n.IsDefined())
    return std::nullopt;
  MapReader entry(n, path(key), file_, diags_);
  entry.set_pattern(pattern_path(key));
  if (!entry.is_map())
    return std::nullopt;
  const auto value = entry.integer("value", Need::required, min, max);
  entry.string("source", Need::required);
  entry.finish();
  return value;
}

double MapReader::quantity_or(const std::string& key, units::Dimension dim, double fallback, const Default& d,
                              Range range) {
  if (KeySchema* schema = KeySchema::active())
    schema->default_value(pattern_path(key), KeySchema::quantity_text(fallback, dim, range), d);
  return quantity(key, dim, Need::optional, range).value_or(fallback);
}

long long MapReader::integer_or(const std::string& key, long long min, long long max, long long fallback,
                                const Default& d) {
  if (KeySchema* schema = KeySchema::active())
    schema->default_value(pattern_path(key), std::to_string(fallback), d);
  return integer(key, Need::optional, min, max).value_or(fallback);
}

std::string MapReader::one_of_or(const std::string& key, const std::vector<std::string>& allowed,
                                 const std::string& fallback, const Default& d) {
  if (KeySchema* schema = KeySchema::active())
    schema->default_value(pattern_path(key), fallback, d);
  return one_of(key, allowed, Need::optional).value_or(fallback);
}

std::string MapReader::string_or(const std::string& key, const std::string& fallback, const Default& d) {
  if (KeySchema* schema = KeySchema::active())
    schema->default_value(pattern_path(key), fallback.empty() ? "none" : fallback, d);
  return string(key, Need::optional).value_or(fallback);
}

void MapReader::note_default(const std::string& key, const Default& d) {
  if (KeySchema* schema = KeySchema::active())
    schema->default_value(pattern_path(key), "", d);
}

void MapReader::finish() {
  for (const auto& [key, key_node, value] : keys_) {
    if (std::binary_search(known_.begin(), known_.end(), key))
      continue;
    const std::string guess = closest_match(key, known_);
    diags_.add(pos(key_node), path(std::string(key)), "",
               "unknown key" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
                   "; allowed keys here: " + join_words(known_));
  }
}

} // namespace aidcsim
