#include "reference_markdown.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

namespace aidcsim {
namespace {

using Keys = std::map<std::string, KeyRecord>;

// What each file kind is, in the order the reference gives them.
struct FileKindText {
  const char* kind;
  const char* title;
  const char* intro;
};
constexpr FileKindText file_kinds[] = {
    {"scenario", "Scenario files",
     "What `aidcsim run` and `aidcsim check` read: a platform, a duration, a workload and, optionally, the "
     "facility's power chain, its cooling and scheduled faults."},
    {"sweep", "Sweep files",
     "What `aidcsim batch` reads: a base scenario and the axes that vary its keys (`facility.ups[ups-a].x`: "
     "a list item by id or index)."},
    {"catalog", "Hardware catalog",
     "What the platform generator reads (`platforms/catalog.yaml`): every figure as `{value, source}`."},
};

// Top-level keys read in this order (the rest follow alphabetically).
const std::vector<std::string> section_order{"workload", "facility", "cooling", "faults"};

std::string cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string joined(const std::set<std::string>& words, const char* separator) {
  std::string out;
  for (const auto& w : words)
    out += (out.empty() ? "" : separator) + w;
  return out;
}

// "facility.ups[].battery.runtime" -> "facility"; "name" -> "" (the top level).
std::string section_of(const std::string& path) {
  const auto end = path.find_first_of(".[");
  return end == std::string::npos ? "" : path.substr(0, end);
}

// The map a key belongs to: its path without the last key.
std::string map_of(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? "" : path.substr(0, dot);
}

bool has_below(const Keys& keys, const std::string& path, const std::string& joint) {
  const auto it = keys.lower_bound(path + joint);
  return it != keys.end() && it->first.compare(0, path.size() + joint.size(), path + joint) == 0;
}

// The reader's words for a value, as a reference reads them: a "ratio" is any plain number.
std::string plain(std::string type) {
  const std::string ratio = "a ratio with a unit (none (a plain number) or %)";
  if (const auto at = type.find(ratio); at != std::string::npos)
    type.replace(at, ratio.size(), "a number, or a percentage (%)");
  return type;
}

std::string type_text(const Keys& keys, const std::string& path, const KeyRecord& r) {
  if (!r.types.empty())
    return plain(joined(r.types, "; or "));
  if (!r.item_types.empty())
    return plain(joined(r.item_types, "; or "));
  if (has_below(keys, path, "[]."))
    return "a list of maps";
  if (has_below(keys, path, "."))
    return "a map";
  return "a value";
}

std::string need_text(const KeyRecord& r) {
  if (r.required && r.optional)
    return "in some cases";
  if (r.required)
    return "required";
  return r.optional ? "optional" : "-";
}

std::string default_text(const KeyRecord& r) {
  if (!r.optional)
    return "";
  if (r.defaults.empty())
    return r.required ? "" : "none"; // required where it applies, meaningless elsewhere
  return joined(r.defaults, "; ");
}

void table(std::ostringstream& out, const Keys& keys, const std::vector<std::string>& paths) {
  out << "| key | type | required | range | default | default's source |\n";
  out << "| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& path : paths) {
    const KeyRecord& r = keys.at(path);
    out << "| `" << path << "` | " << cell(type_text(keys, path, r)) << " | " << need_text(r) << " | "
        << cell(r.ranges.empty() ? "" : joined(r.ranges, ", ")) << " | " << cell(default_text(r)) << " | "
        << cell(joined(r.sources, "; ")) << " |\n";
  }
}

void section(std::ostringstream& out, const Keys& keys, const std::string& name) {
  std::map<std::string, std::vector<std::string>> maps; // map path -> its keys
  for (const auto& [path, r] : keys)
    if (section_of(path) == name)
      maps[map_of(path)].push_back(path);
  out << "\n### " << (name.empty() ? "Top level" : "`" + name + "`") << "\n";
  for (const auto& [map, paths] : maps) {
    if (map != name)
      out << "\n#### `" << map << "`\n";
    out << "\n";
    table(out, keys, paths);
  }
}

void file_kind_section(std::ostringstream& out, const FileKindText& text, const Keys& keys) {
  out << "\n## " << text.title << "\n\n" << text.intro << "\n";
  std::vector<std::string> sections{""};
  for (const auto& s : section_order)
    if (keys.count(s) != 0)
      sections.push_back(s);
  for (const auto& [path, r] : keys) {
    const std::string s = section_of(path);
    if (std::find(sections.begin(), sections.end(), s) == sections.end())
      sections.push_back(s);
  }
  for (const auto& s : sections)
    section(out, keys, s);
}

} // namespace

std::string reference_markdown(const KeySchema& schema) {
  std::ostringstream out;
  out << "# YAML reference: scenario, sweep and catalog keys\n\n"
      << "<!-- Generated by `make docs-reference` (tools/yaml-reference, from the readers in engine/input); "
         "do not edit: a test compares it with what the readers ask for. -->\n\n"
      << "Every key the readers accept, as they ask for it. A list's items are written `[]`; `<class>`, "
         "`<chip>` and `<system>` stand for a name of your choice or from a fixed set. **required**: "
         "*in some cases* means required when another key asks for it (say, `load` unless "
         "`from_platform`). **range**: `> 0` positive, `>= 0` not negative, `0-100 %` a fraction above "
         "0 and at most 100 %, `any`; whole numbers give `min..max`. **default**: what the reader applies "
         "when the key is left out, `none` when the feature is then off or the value unset. "
         "**default's source**: the row of [MODELS.md](MODELS.md) that gives and sources the number, "
         "or why the value is what it is.\n\n"
      << "Quantities take a number and a unit, such as `10 min`, `1.2 MW`, `96 %` or `2 /y`.\n";
  const auto& files = schema.files();
  for (const auto& kind : file_kinds)
    if (const auto it = files.find(kind.kind); it != files.end())
      file_kind_section(out, kind, it->second);
  return out.str();
}

std::set<std::string> models_rows(const std::string& models_md_text) {
  std::set<std::string> rows;
  std::istringstream in(models_md_text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 2 || line.compare(0, 2, "| ") != 0)
      continue;
    const auto end = line.find(" |", 2);
    if (end != std::string::npos)
      rows.insert(line.substr(2, end - 2));
  }
  return rows;
}

} // namespace aidcsim
