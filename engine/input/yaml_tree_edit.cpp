// Changes to a YamlTree for `--set` overrides and sweeps, and the way back to a YAML::Node for
// YAML::Emitter. They are rare and small: each rewrites the map it changes at the end of `kids`.
#include "engine/input/yaml_tree.hpp"

#include <map>

namespace aidcsim {
namespace {

// The map's keys and values in turn.
std::vector<std::uint32_t> pairs_of(const YamlTree& t, std::uint32_t map) {
  const YamlTree::Node& n = t.nodes[map];
  return {t.kids.begin() + n.first, t.kids.begin() + n.first + 2 * n.count};
}

void store_pairs(YamlTree& t, std::uint32_t map, const std::vector<std::uint32_t>& pairs) {
  YamlTree::Node& n = t.nodes[map];
  n.first = static_cast<std::uint32_t>(t.kids.size());
  n.count = static_cast<std::uint32_t>(pairs.size() / 2);
  t.kids.insert(t.kids.end(), pairs.begin(), pairs.end());
}

// The position in `pairs` of the first key equal to `key`, or pairs.size().
std::size_t find_key(const YamlTree& t, const std::vector<std::uint32_t>& pairs, const std::string& key) {
  for (std::size_t k = 0; k < pairs.size(); k += 2) {
    const YamlTree::Node& n = t.nodes[pairs[k]];
    if (n.type == YamlType::scalar && n.scalar == key)
      return k;
  }
  return pairs.size();
}

std::uint32_t graft_node(YamlTree& to, const YamlTree& from, std::uint32_t index,
                         std::map<std::uint32_t, std::uint32_t>& copied) {
  if (const auto it = copied.find(index); it != copied.end())
    return it->second; // an alias: the anchor's copy
  YamlTree::Node n = from.nodes[index];
  n.tag = to.tag_index(from.tags[n.tag]);
  const std::uint32_t first = n.first;
  const std::uint32_t kids = n.count * (n.type == YamlType::map ? 2 : 1);
  const std::uint32_t at = to.add(std::move(n));
  copied.emplace(index, at);
  if (kids == 0)
    return at;
  std::vector<std::uint32_t> copies;
  for (std::uint32_t k = 0; k < kids; ++k)
    copies.push_back(graft_node(to, from, from.kids[first + k], copied));
  to.nodes[at].first = static_cast<std::uint32_t>(to.kids.size());
  to.kids.insert(to.kids.end(), copies.begin(), copies.end());
  return at;
}

YAML::Node to_node(const YamlTree& t, std::uint32_t index, std::map<std::uint32_t, YAML::Node>& made) {
  if (const auto it = made.find(index); it != made.end())
    return it->second; // shared, so the emitter writes an anchor and an alias
  const YamlTree::Node& n = t.nodes[index];
  YAML::Node out;
  switch (n.type) {
  case YamlType::null:
    out = YAML::Node(YAML::NodeType::Null);
    break;
  case YamlType::scalar:
    out = YAML::Node(n.scalar);
    break;
  case YamlType::sequence:
    out = YAML::Node(YAML::NodeType::Sequence);
    break;
  case YamlType::map:
    out = YAML::Node(YAML::NodeType::Map);
    break;
  }
  if (n.tag != 0)
    out.SetTag(t.tags[n.tag]);
  out.SetStyle(static_cast<YAML::EmitterStyle::value>(n.style));
  made.emplace(index, out);
  if (n.type == YamlType::sequence)
    for (std::uint32_t k = 0; k < n.count; ++k)
      out.push_back(to_node(t, t.kids[n.first + k], made));
  else if (n.type == YamlType::map)
    for (std::uint32_t k = 0; k < n.count; ++k)
      out.force_insert(to_node(t, t.kids[n.first + 2 * k], made),
                       to_node(t, t.kids[n.first + 2 * k + 1], made));
  return out;
}

} // namespace

std::uint32_t graft(YamlTree& to, const YamlNode& root) {
  std::map<std::uint32_t, std::uint32_t> copied;
  return graft_node(to, *root.tree(), root.index(), copied);
}

void remove_key(const YamlNode& map, const std::string& key) {
  YamlTree& t = *map.tree();
  std::vector<std::uint32_t> pairs = pairs_of(t, map.index());
  const std::size_t at = find_key(t, pairs, key);
  if (at == pairs.size())
    return;
  pairs.erase(pairs.begin() + static_cast<std::ptrdiff_t>(at),
              pairs.begin() + static_cast<std::ptrdiff_t>(at) + 2);
  store_pairs(t, map.index(), pairs);
}

void set_key(const YamlNode& map, const std::string& key, std::uint32_t value) {
  YamlTree& t = *map.tree();
  std::vector<std::uint32_t> pairs = pairs_of(t, map.index());
  if (const std::size_t at = find_key(t, pairs, key); at != pairs.size()) {
    pairs[at + 1] = value;
  } else {
    YamlTree::Node k;
    k.type = YamlType::scalar;
    k.scalar = key;
    pairs.push_back(t.add(std::move(k)));
    pairs.push_back(value);
  }
  store_pairs(t, map.index(), pairs);
}

YAML::Node to_yaml_cpp(const YamlNode& node) {
  std::map<std::uint32_t, YAML::Node> made;
  return to_node(*node.tree(), node.index(), made);
}

} // namespace aidcsim
