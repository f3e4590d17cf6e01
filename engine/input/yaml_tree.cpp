#include "engine/input/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace aidcsim {
namespace {

YamlMark mark_of(const YAML::Mark& m) {
  return YamlMark{m.line, m.column};
}

// Builds a YamlTree from one document's events, as yaml-cpp's NodeBuilder builds YAML::Nodes: a
// node gets the mark of its event, a list or map joins its parent where it starts, an alias is its
// anchor's node.
class TreeBuilder : public YAML::EventHandler {
public:
  explicit TreeBuilder(YamlTree& tree) : tree_(tree) {}

  std::uint32_t root() const { return root_; }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlTree::Node n;
    n.mark = mark_of(mark);
    attach(tree_.add(std::move(n)), anchor);
  }
  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t anchor) override { attach(anchors_[anchor], 0); }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlTree::Node n;
    n.type = YamlType::scalar;
    n.mark = mark_of(mark);
    n.tag = tree_.tag_index(tag);
    n.scalar = value;
    attach(tree_.add(std::move(n)), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(YamlType::sequence, mark, tag, anchor, style);
  }
  void OnSequenceEnd() override { close(1); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(YamlType::map, mark, tag, anchor, style);
  }
  void OnMapEnd() override { close(2); }

private:
  void attach(std::uint32_t index, YAML::anchor_t anchor) {
    if (anchor != 0) {
      if (anchors_.size() <= anchor)
        anchors_.resize(anchor + 1, YamlNode::none);
      anchors_[anchor] = index;
    }
    if (depth_ == 0) {
      if (root_ == YamlNode::none)
        root_ = index;
      return;
    }
    pending_[depth_ - 1].kids.push_back(index);
  }

  void open(YamlType type, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            YAML::EmitterStyle::value style) {
    YamlTree::Node n;
    n.type = type;
    n.style = static_cast<std::uint8_t>(style);
    n.mark = mark_of(mark);
    n.tag = tree_.tag_index(tag);
    const std::uint32_t index = tree_.add(std::move(n));
    attach(index, anchor);
    // The open lists and maps keep their vectors between uses: a facility's thousands of small
    // maps then allocate nothing.
    if (pending_.size() == depth_)
      pending_.emplace_back();
    pending_[depth_].node = index;
    pending_[depth_].kids.clear();
    ++depth_;
  }

  // A map's children are its keys and values in turn: `per` kids make one entry.
  void close(std::uint32_t per) {
    Open& o = pending_[--depth_];
    YamlTree::Node& n = tree_.nodes[o.node];
    n.first = static_cast<std::uint32_t>(tree_.kids.size());
    n.count = static_cast<std::uint32_t>(o.kids.size() / per);
    tree_.kids.insert(tree_.kids.end(), o.kids.begin(), o.kids.begin() + n.count * per);
  }

  struct Open {
    std::uint32_t node = 0;
    std::vector<std::uint32_t> kids;
  };
  YamlTree& tree_;
  std::vector<Open> pending_;
  std::size_t depth_ = 0;
  std::vector<std::uint32_t> anchors_;
  std::uint32_t root_ = YamlNode::none;
};

// A later document: only where it starts and its root's mark (yaml-cpp still parses it whole,
// and so a syntax error in it is still reported).
class DocumentSkipper : public YAML::EventHandler {
public:
  YAML::Mark start = YAML::Mark::null_mark();
  YamlMark root;
  bool has_root = false;

  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override { note(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override { note(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                const std::string& /*value*/) override {
    note(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                       YAML::EmitterStyle::value /*style*/) override {
    note(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {
    note(mark);
  }
  void OnMapEnd() override {}

private:
  void note(const YAML::Mark& mark) {
    if (!has_root)
      root = mark_of(mark);
    has_root = true;
  }
};

// Records where the first document starts, to tell a parser that makes no progress.
class StartRecorder : public TreeBuilder {
public:
  using TreeBuilder::TreeBuilder;
  YAML::Mark start = YAML::Mark::null_mark();
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
};

} // namespace

std::uint16_t YamlTree::tag_index(const std::string& tag) {
  if (tag.empty())
    return 0;
  for (std::size_t i = 1; i < tags.size(); ++i)
    if (tags[i] == tag)
      return static_cast<std::uint16_t>(i);
  // Past 65,535 distinct tags (no scenario has more than a few) a tag is dropped: only emitting
  // a sweep's values reads tags.
  if (tags.size() == 0xffff)
    return 0;
  tags.push_back(tag);
  return static_cast<std::uint16_t>(tags.size() - 1);
}

const std::string& YamlNode::Scalar() const {
  static const std::string empty;
  return IsScalar() ? data().scalar : empty;
}

const std::string& YamlNode::Tag() const {
  static const std::string empty;
  return IsDefined() ? tree_->tags[data().tag] : empty;
}

std::size_t YamlNode::size() const {
  return IsSequence() || IsMap() ? data().count : 0;
}

YamlNode YamlNode::operator[](std::size_t i) const {
  if (!IsSequence() || i >= data().count)
    return YamlNode();
  return YamlNode(tree_, kid(i));
}

YamlNode YamlNode::operator[](const std::string& key) const {
  if (!IsMap())
    return YamlNode();
  for (std::size_t k = 0; k < data().count; ++k) {
    const YamlTree::Node& key_node = tree_->nodes[kid(2 * k)];
    if (key_node.type == YamlType::scalar && key_node.scalar == key)
      return YamlNode(tree_, kid(2 * k + 1));
  }
  return YamlNode();
}

YamlNode::iterator YamlNode::begin() const {
  return iterator(*this, 0);
}
YamlNode::iterator YamlNode::end() const {
  return iterator(*this, size());
}

YamlEntry YamlNode::iterator::operator*() const {
  YamlEntry e;
  if (node_.IsMap()) {
    e.first = YamlNode(node_.tree_, node_.kid(2 * at_));
    e.second = YamlNode(node_.tree_, node_.kid(2 * at_ + 1));
  } else {
    static_cast<YamlNode&>(e) = YamlNode(node_.tree_, node_.kid(at_));
  }
  return e;
}

YamlDocuments parse_yaml_documents(const std::string& text) {
  YamlDocuments out;
  std::istringstream in(text);
  YAML::Parser parser(in);
  // Room for a node every 4 characters (a facility's loads take about 7): the arrays then never
  // move while they grow, and pages never written to cost nothing.
  out.first.tree().nodes.reserve(text.size() / 4 + 16);
  out.first.tree().kids.reserve(text.size() / 4 + 16);
  StartRecorder first(out.first.tree());
  if (!parser.HandleNextDocument(first))
    return out;
  out.first.set_root(first.root());
  out.count = 1;
  YAML::Mark last_start = first.start;
  for (;;) {
    DocumentSkipper next;
    if (!parser.HandleNextDocument(next))
      break;
    // The same start twice: the parser is stuck on a token it neither consumes nor rejects, where
    // YAML::LoadAll would loop forever.
    if (next.start.pos == last_start.pos && next.start.line == last_start.line &&
        next.start.column == last_start.column)
      throw YAML::ParserException(next.start, "cannot read on from here (a ',' outside a [list] or {map}?)");
    last_start = next.start;
    if (++out.count == 2)
      out.second_root = next.has_root ? next.root : YamlMark{};
  }
  return out;
}

YamlDocument parse_yaml_value(const std::string& text) {
  YamlDocument doc;
  std::istringstream in(text);
  YAML::Parser parser(in);
  TreeBuilder builder(doc.tree());
  if (parser.HandleNextDocument(builder) && builder.root() != YamlNode::none) {
    doc.set_root(builder.root());
  } else {
    // YAML::Load's null node: defined, without a mark.
    doc.set_root(doc.tree().add(YamlTree::Node{}));
  }
  return doc;
}

} // namespace aidcsim
