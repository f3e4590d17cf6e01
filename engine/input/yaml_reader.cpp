#include "engine/input/yaml_reader.hpp"

#include "engine/base/text_distance.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace aidcsim {
namespace {

std::string scalar_text(const YAML::Node& n) {
  if (n.IsScalar())
    return n.Scalar();
  if (n.IsSequence())
    return "<list>";
  if (n.IsMap())
    return "<map>";
  return "";
}

std::string node_kind(const YAML::Node& n) {
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

SourcePos position_of(const YAML::Node& node, const std::string& file) {
  SourcePos pos{file, 0, 0};
  if (node.IsDefined()) {
    const YAML::Mark m = node.Mark();
    if (m.line >= 0) {
      pos.line = m.line + 1;
      pos.column = m.column + 1;
    }
  }
  return pos;
}

YAML::Node load_yaml_file(const std::string& path, Diagnostics& diags) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    diags.add(SourcePos{path, 0, 0}, "", "", "file not found or not a regular file");
    return YAML::Node();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.add(SourcePos{path, 0, 0}, "", "", "cannot open file for reading");
    return YAML::Node();
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(buffer.str());
    if (documents.size() > 1) {
      diags.add(position_of(documents[1], path), "", "",
                "a second YAML document ('---'); a file holds exactly one document");
      return YAML::Node();
    }
    YAML::Node root = documents.empty() ? YAML::Node() : documents.front();
    if (!root.IsMap()) {
      diags.add(SourcePos{path, 1, 1}, "", "",
                root.IsNull() ? "file is empty; expected a YAML map of keys"
                              : "top level is " + node_kind(root) + "; expected a YAML map of keys");
      return YAML::Node();
    }
    return root;
  } catch (const YAML::Exception& e) {
    diags.add(
        SourcePos{path, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0},
        "", "", "YAML syntax error: " + e.msg);
    return YAML::Node();
  }
}

SourcePos MapReader::pos(const YAML::Node& n) const {
  if (n.IsDefined() && last_value_.IsDefined() && n.is(last_value_)) {
    const YAML::Mark m = n.Mark();
    if (m.line < last_key_mark_.line || (m.line == last_key_mark_.line && m.column < last_key_mark_.column))
      return SourcePos{file_, last_key_mark_.line + 1, last_key_mark_.column + 1};
  }
  return position_of(n, file_);
}

MapReader::MapReader(const YAML::Node& node, std::string prefix, std::string file, Diagnostics& diags)
    : map_(node), prefix_(std::move(prefix)), file_(std::move(file)), diags_(diags) {
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
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("<complex key>");
    const bool duplicate =
        keys_.size() < linear_keys
            ? std::any_of(keys_.begin(), keys_.end(), [&](const Entry& e) { return e.key == key; })
            : !seen.insert(key).second;
    if (duplicate) {
      diags_.add(pos(it->first), path(key), "", "duplicate key; each key may appear once in a map");
      continue;
    }
    if (keys_.size() + 1 == linear_keys)
      for (const Entry& e : keys_)
        seen.insert(e.key);
    if (keys_.size() + 1 >= linear_keys)
      seen.insert(key);
    keys_.push_back(Entry{std::move(key), it->first, it->second});
  }
}

YAML::Node MapReader::node(const std::string& key, Need need, const std::string& expected) {
  if (const auto at = std::lower_bound(known_.begin(), known_.end(), key); at == known_.end() || *at != key)
    known_.insert(at, key);
  if (!is_map_)
    return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& [k, key_node, value] : keys_) {
    if (k != key)
      continue;
    last_value_.reset(value); // rebinds; operator= would overwrite the node last_value_ refers to
    last_key_mark_ = key_node.Mark();
    if (value.IsNull()) {
      diags_.add(pos(key_node), path(key), "",
                 "key has no value" + (expected.empty() ? "" : "; expected " + expected));
      return YAML::Node(YAML::NodeType::Undefined);
    }
    return value;
  }
  if (need == Need::required)
    diags_.add(pos(map_), path(key), "",
               "required key is missing" + (expected.empty() ? "" : "; expected " + expected));
  return YAML::Node(YAML::NodeType::Undefined);
}

std::optional<std::string> MapReader::string(const std::string& key, Need need) {
  YAML::Node n = node(key, need, "a text value");
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

std::optional<double> MapReader::scalar_quantity(const YAML::Node& n, const std::string& key_path,
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
  YAML::Node n = node(key, need, quantity_hint(dim));
  if (!n.IsDefined())
    return std::nullopt;
  return scalar_quantity(n, path(key), dim, range);
}

std::optional<long long> MapReader::scalar_integer(const YAML::Node& n, const std::string& key_path,
                                                   long long min, long long max) {
  const std::string range_text = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (!n.IsScalar()) {
    diags_.add(pos(n), key_path, scalar_text(n), "expected " + range_text + ", found " + node_kind(n));
    return std::nullopt;
  }
  const std::string& text = n.Scalar();
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    diags_.add(pos(n), key_path, text, "not a whole number; expected " + range_text);
    return std::nullopt;
  }
  if (value < min || value > max) {
    diags_.add(pos(n), key_path, text, "out of range; expected " + range_text);
    return std::nullopt;
  }
  return value;
}

std::optional<long long> MapReader::integer(const std::string& key, Need need, long long min, long long max) {
  YAML::Node n = node(key, need, "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  if (!n.IsDefined())
    return std::nullopt;
  return scalar_integer(n, path(key), min, max);
}

std::optional<std::string> MapReader::one_of(const std::string& key, const std::vector<std::string>& allowed,
                                             Need need) {
  YAML::Node n = node(key, need, "one of: " + join_words(allowed));
  if (!n.IsDefined())
    return std::nullopt;
  if (!n.IsScalar()) {
    diags_.add(pos(n), path(key), scalar_text(n),
               "expected one of: " + join_words(allowed) + "; found " + node_kind(n));
    return std::nullopt;
  }
  for (const auto& a : allowed)
    if (a == n.Scalar())
      return a;
  const std::string guess = closest_match(n.Scalar(), allowed);
  diags_.add(pos(n), path(key), n.Scalar(),
             "not allowed; expected one of: " + join_words(allowed) +
                 (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
  return std::nullopt;
}

std::optional<double> MapReader::sourced_quantity(const std::string& key, units::Dimension dim, Need need,
                                                  Range range) {
  YAML::Node n = node(key, need, "{value: " + quantity_hint(dim) + ", source: \"...\"}");
  if (!n.IsDefined())
    return std::nullopt;
  MapReader entry(n, path(key), file_, diags_);
  if (!entry.is_map())
    return std::nullopt;
  const auto value = entry.quantity("value", dim, Need::required, range);
  entry.string("source", Need::required);
  entry.finish();
  return value;
}

std::optional<long long> MapReader::sourced_integer(const std::string& key, Need need, long long min,
                                                    long long max) {
  YAML::Node n = node(key, need, "{value: <whole number>, source: \"...\"}");
  if (!n.IsDefined())
    return std::nullopt;
  MapReader entry(n, path(key), file_, diags_);
  if (!entry.is_map())
    return std::nullopt;
  const auto value = entry.integer("value", Need::required, min, max);
  entry.string("source", Need::required);
  entry.finish();
  return value;
}

void MapReader::finish() {
  for (const auto& [key, key_node, value] : keys_) {
    if (std::binary_search(known_.begin(), known_.end(), key))
      continue;
    const std::string guess = closest_match(key, known_);
    diags_.add(pos(key_node), path(key), "",
               "unknown key" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
                   "; allowed keys here: " + join_words(known_));
  }
}

} // namespace aidcsim
