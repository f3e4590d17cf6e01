#include "models/network/flow_classes.hpp"

#include <unordered_map>

namespace aidcsim::network {

namespace {

// SplitMix64's finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014): a bijection of 64-bit words whose outputs look independent.
constexpr std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A neighbour's class with the weight class of the element between them, as a 64-bit hash.
constexpr std::uint64_t element_hash(std::uint32_t neighbour, std::uint8_t weight_class) {
  return mix(((static_cast<std::uint64_t>(neighbour) << 8) | weight_class) + 0x9e3779b97f4a7c15ULL);
}

// The multiset of a member's elements (each its neighbour's class and its weight class) as the
// sums of their hashes h and of h^2 (mod 2^64): two sums, so that two different multisets agree
// on both only by chance (about 2^-128 a pair), and an element can be taken out and put back with
// a new class by adding the difference.
struct Signature {
  std::uint64_t a = 0, b = 0;
  void add(std::uint64_t h) {
    a += h;
    b += h * h;
  }
  void add(const Signature& delta) {
    a += delta.a;
    b += delta.b;
  }
};

// What moving one element from class `from` to class `to` adds to a signature, per weight class.
struct Moves {
  Signature by_weight[2];
  Moves(std::uint32_t from, std::uint32_t to) {
    for (std::uint8_t w = 0; w < 2; ++w) {
      const std::uint64_t old_h = element_hash(from, w), new_h = element_hash(to, w);
      by_weight[w].a = new_h - old_h;
      by_weight[w].b = new_h * new_h - old_h * old_h;
    }
  }
};

struct GroupKey {
  std::uint32_t old_class;
  std::uint64_t a, b;
  bool operator==(const GroupKey& o) const = default;
};
struct GroupKeyHash {
  std::size_t operator()(const GroupKey& k) const { return k.a ^ mix(k.old_class + k.b); }
};

struct Change {
  std::uint32_t member, from; // its old class
};

// One side of the bipartite graph (the flows, or the links): each member's class and signature,
// the classes' sizes, and each member's elements (first[m] .. first[m + 1] - 1) with the
// neighbour on the other side and the weight class.
struct Side {
  std::vector<std::uint32_t> cls;
  std::vector<Signature> sig;
  std::vector<std::uint32_t> size;  // members per class
  std::vector<std::uint32_t> count; // scratch: touched members per class
  std::vector<std::uint8_t> marked; // scratch: touched members
  // The elements: the flows' are the incidence's own, the links' its transpose.
  const std::uint32_t* first = nullptr;
  const std::uint32_t* other = nullptr;
  const std::uint8_t* weight = nullptr;

  void init(std::vector<std::uint32_t> classes) {
    cls = std::move(classes);
    sig.assign(cls.size(), Signature{});
    marked.assign(cls.size(), 0);
    for (std::uint32_t c : cls) {
      if (c >= size.size())
        size.resize(c + 1, 0);
      ++size[c];
    }
    count.assign(size.size(), 0);
  }
  std::uint32_t classes() const { return static_cast<std::uint32_t>(size.size()); }
  std::uint32_t new_class() {
    size.push_back(0);
    count.push_back(0);
    return classes() - 1;
  }
  void move(std::uint32_t m, std::uint32_t to, std::vector<Change>& changes) {
    if (cls[m] == to)
      return;
    changes.push_back({m, cls[m]});
    --size[cls[m]];
    ++size[to];
    cls[m] = to;
  }
};

// Splits the touched members' classes by signature. Members not touched keep their class (their
// signature did not change, so they still agree). When every member of a class was touched, its
// largest group keeps the class; every other group takes a new one.
std::vector<Change> split(Side& side, std::vector<std::uint32_t>& touched) {
  std::unordered_map<GroupKey, std::uint32_t, GroupKeyHash> groups;
  std::vector<std::uint32_t> group_of(touched.size()), group_class, group_size;
  for (std::size_t i = 0; i < touched.size(); ++i) {
    const std::uint32_t m = touched[i];
    side.marked[m] = 0;
    ++side.count[side.cls[m]];
    const auto [it, fresh] = groups.try_emplace(GroupKey{side.cls[m], side.sig[m].a, side.sig[m].b},
                                                static_cast<std::uint32_t>(group_class.size()));
    if (fresh) {
      group_class.push_back(side.cls[m]);
      group_size.push_back(0);
    }
    group_of[i] = it->second;
    ++group_size[it->second];
  }
  // Per class whose members were all touched: its largest group.
  std::unordered_map<std::uint32_t, std::uint32_t> keeper;
  for (std::uint32_t g = 0; g < group_class.size(); ++g) {
    const std::uint32_t c = group_class[g];
    if (side.count[c] != side.size[c])
      continue;
    const auto [it, fresh] = keeper.try_emplace(c, g);
    if (!fresh && group_size[g] > group_size[it->second])
      it->second = g;
  }
  std::vector<std::uint32_t> target(group_class.size(), UINT32_MAX);
  for (const auto& [c, g] : keeper)
    target[g] = c;
  std::vector<Change> changes;
  for (std::size_t i = 0; i < touched.size(); ++i) {
    const std::uint32_t g = group_of[i];
    side.count[group_class[g]] = 0;
    if (target[g] == UINT32_MAX)
      target[g] = side.new_class();
    side.move(touched[i], target[g], changes);
  }
  touched.clear();
  return changes;
}

// Members of `to` whose neighbours in `from` changed class: their signatures follow.
std::size_t propagate(const Side& from, const std::vector<Change>& changes, Side& to,
                      std::vector<std::uint32_t>& touched) {
  std::size_t work = 0;
  for (const Change& ch : changes) {
    const Moves moves(ch.from, from.cls[ch.member]);
    for (std::uint32_t e = from.first[ch.member]; e < from.first[ch.member + 1]; ++e) {
      const std::uint32_t n = from.other[e];
      to.sig[n].add(moves.by_weight[from.weight[e]]);
      if (!to.marked[n]) {
        to.marked[n] = 1;
        touched.push_back(n);
      }
    }
    work += from.first[ch.member + 1] - from.first[ch.member];
  }
  return work;
}

// Every member's signature from scratch, from its own elements; all of them touched.
void sign_all(Side& side, const Side& other, std::vector<std::uint32_t>& touched) {
  for (std::uint32_t m = 0; m < side.cls.size(); ++m) {
    Signature s;
    for (std::uint32_t e = side.first[m]; e < side.first[m + 1]; ++e)
      s.add(element_hash(other.cls[side.other[e]], side.weight[e]));
    side.sig[m] = s;
  }
  touched.resize(side.cls.size());
  for (std::uint32_t m = 0; m < side.cls.size(); ++m)
    touched[m] = m;
}

// The incidence transposed: links by their flows (a counting sort by link).
Incidence transpose(const Incidence& inc, std::size_t links) {
  Incidence t;
  t.first.assign(links + 1, 0);
  for (std::uint32_t l : inc.link)
    ++t.first[l + 1];
  for (std::size_t l = 0; l < links; ++l)
    t.first[l + 1] += t.first[l];
  t.link.resize(inc.link.size());
  t.weight_class.resize(inc.link.size());
  std::vector<std::uint32_t> next(t.first.begin(), t.first.end() - 1);
  for (std::uint32_t f = 0; f + 1 < inc.first.size(); ++f)
    for (std::uint32_t e = inc.first[f]; e < inc.first[f + 1]; ++e) {
      const std::uint32_t at = next[inc.link[e]]++;
      t.link[at] = f;
      t.weight_class[at] = inc.weight_class[e];
    }
  return t;
}

void attach(Side& side, const Incidence& elements) {
  side.first = elements.first.data();
  side.other = elements.link.data();
  side.weight = elements.weight_class.data();
}

} // namespace

Classes refine_classes(const Incidence& inc, std::vector<std::uint32_t> flow_key,
                       std::vector<std::uint32_t> link_key, double max_passes) {
  Side flows, links;
  flows.init(std::move(flow_key));
  links.init(std::move(link_key));
  const Incidence by_link = transpose(inc, links.cls.size());
  attach(flows, inc);
  attach(links, by_link);
  const double budget = max_passes * static_cast<double>(inc.link.size());
  Classes out;
  std::vector<std::uint32_t> touched;
  // The first round from scratch, then only what changed: a link's signature moves when one of
  // its flows changes class, and the other way round.
  sign_all(links, flows, touched);
  std::vector<Change> changes = split(links, touched);
  sign_all(flows, links, touched);
  double work = 2.0 * static_cast<double>(inc.link.size());
  out.rounds = 1;
  bool links_turn = false; // flows were just split
  for (changes = split(flows, touched); !changes.empty(); links_turn = !links_turn) {
    if (work > budget)
      break;
    if (links_turn) {
      work += static_cast<double>(propagate(links, changes, flows, touched));
      changes = split(flows, touched);
      ++out.rounds;
    } else {
      work += static_cast<double>(propagate(flows, changes, links, touched));
      changes = split(links, touched);
    }
  }
  out.stable = changes.empty();
  out.flow = std::move(flows.cls);
  out.link = std::move(links.cls);
  out.flow_classes = flows.classes();
  out.link_classes = links.classes();
  out.work_passes = work / std::max<double>(1.0, static_cast<double>(inc.link.size()));
  return out;
}

} // namespace aidcsim::network
