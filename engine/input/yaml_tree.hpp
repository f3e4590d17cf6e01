// A compact YAML document: yaml-cpp's parser events (YAML::Parser, YAML::EventHandler) stored as
// one array of nodes with their marks, read through YamlNode handles.
//
// Why not YAML::Node: YAML::LoadAll builds a graph of reference-counted nodes (a node, its data,
// a shared memory holder each); on a facility of 200,000 loads that graph cost about 45% of the
// load time and 1 GB, and each YAML::Node lookup, iterator copy or Mark() call goes through it.
// The handles copy two words. YamlNode mirrors the part of yaml-cpp's Node interface the readers
// use (IsMap, Scalar, Mark, is, ...), with the same meanings, so a reader reads the same either way.
//
// Include only from .cpp files: yaml-cpp headers are heavy.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aidcsim {

// yaml-cpp's Mark without the byte offset: 0-based line and column, -1 where there is none (a
// node made by an override, an empty document).
struct YamlMark {
  int line = -1;
  int column = -1;
};

enum class YamlType : std::uint8_t { null, scalar, sequence, map };

// The nodes of one or more documents. Children are indices into `nodes`; an alias is the index of
// its anchor's node, so it shares that node's mark and identity (as in yaml-cpp).
struct YamlTree {
  struct Node {
    YamlType type = YamlType::null;
    std::uint8_t style = YAML::EmitterStyle::Default; // of a list or map, for emitting
    std::uint16_t tag = 0;                            // index into `tags`; 0: none
    YamlMark mark;
    std::string scalar;
    std::uint32_t first = 0; // a list's items, or a map's keys and values in turn, in `kids`
    std::uint32_t count = 0; // items, or key-value pairs
  };
  std::vector<Node> nodes;
  std::vector<std::uint32_t> kids;
  std::vector<std::string> tags{""};

  std::uint32_t add(Node n) {
    nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(nodes.size() - 1);
  }
  std::uint16_t tag_index(const std::string& tag);
};

class YamlNode;

// A map's entry, or a list's item (then `first` and `second` are undefined), as yaml-cpp's
// iterator_value holds both.
struct YamlEntry;

class YamlNode {
public:
  static constexpr std::uint32_t none = 0xffffffffU;

  YamlNode() = default; // undefined: a missing key
  YamlNode(YamlTree* tree, std::uint32_t index) : tree_(tree), index_(index) {}

  bool IsDefined() const { return index_ != none; }
  bool IsNull() const { return IsDefined() && data().type == YamlType::null; }
  bool IsScalar() const { return IsDefined() && data().type == YamlType::scalar; }
  bool IsSequence() const { return IsDefined() && data().type == YamlType::sequence; }
  bool IsMap() const { return IsDefined() && data().type == YamlType::map; }
  explicit operator bool() const { return IsDefined(); }
  // The text of a scalar; "" for anything else (as yaml-cpp).
  const std::string& Scalar() const;
  YamlMark Mark() const { return IsDefined() ? data().mark : YamlMark{}; }
  const std::string& Tag() const;
  // Items of a list or pairs of a map; 0 for anything else.
  std::size_t size() const;
  // A list's item (undefined past the end or on anything but a list).
  YamlNode operator[](std::size_t i) const;
  // The value of the first key `key` of a map (undefined when there is none).
  YamlNode operator[](const std::string& key) const;
  // The same node: one written once, or an anchor and its aliases.
  bool is(const YamlNode& other) const { return index_ == other.index_ && tree_ == other.tree_; }
  void reset(const YamlNode& other) { *this = other; }

  class iterator;
  iterator begin() const;
  iterator end() const;

  YamlTree* tree() const { return tree_; }
  std::uint32_t index() const { return index_; }

private:
  const YamlTree::Node& data() const { return tree_->nodes[index_]; }
  std::uint32_t kid(std::size_t k) const { return tree_->kids[data().first + k]; }

  YamlTree* tree_ = nullptr;
  std::uint32_t index_ = none;
};

struct YamlEntry : YamlNode {
  YamlNode first, second;
};

class YamlNode::iterator {
public:
  iterator(YamlNode node, std::size_t at) : node_(node), at_(at) {}
  YamlEntry operator*() const;
  // A proxy keeps the entry alive for it->first.
  struct Arrow {
    YamlEntry entry;
    const YamlEntry* operator->() const { return &entry; }
  };
  Arrow operator->() const { return Arrow{**this}; }
  iterator& operator++() {
    ++at_;
    return *this;
  }
  bool operator==(const iterator& o) const { return at_ == o.at_; }
  bool operator!=(const iterator& o) const { return at_ != o.at_; }

private:
  YamlNode node_;
  std::size_t at_;
};

// A parsed document, owning its nodes; copies share them (handles stay valid).
class YamlDocument {
public:
  YamlDocument() : tree_(std::make_shared<YamlTree>()) {}
  // The root, or an undefined node when there is none.
  YamlNode root() const { return YamlNode(tree_.get(), root_); }
  YamlTree& tree() const { return *tree_; }
  void set_root(std::uint32_t r) { root_ = r; }

private:
  std::shared_ptr<YamlTree> tree_;
  std::uint32_t root_ = YamlNode::none;
};

// What parsing a text found: its first document, and the mark of the second one's root when it
// has more than one.
struct YamlDocuments {
  YamlDocument first;
  std::size_t count = 0;
  YamlMark second_root;
};

// Parses every document of `text` as YAML::LoadAll does (a syntax error in any throws its
// YAML::Exception), keeping the first. Unlike LoadAll, it stops when the parser makes no progress
// (yaml-cpp 0.7.0 loops forever on a text of only ",").
YamlDocuments parse_yaml_documents(const std::string& text);
// The first document of `text`, as YAML::Load: a null node for an empty text.
YamlDocument parse_yaml_value(const std::string& text);

// Copies `root` of `from` into `to`; returns the copy's index.
std::uint32_t graft(YamlTree& to, const YamlNode& root);
// Removes the first pair of map `map` whose key is the scalar `key` (YAML::Node::remove).
void remove_key(const YamlNode& map, const std::string& key);
// Appends the pair `key: value` to `map`, or sets the value of its first key `key` (YAML::Node's
// map[key] = value); the key written here has no mark.
void set_key(const YamlNode& map, const std::string& key, std::uint32_t value);
// A YAML::Node with the same scalars, tags, styles and shared nodes, for YAML::Emitter.
YAML::Node to_yaml_cpp(const YamlNode& node);

} // namespace aidcsim
