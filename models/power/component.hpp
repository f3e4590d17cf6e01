// The registry of power-chain component kinds: one alternative of Component per kind, in the
// order of FacilitySpec::lists() (the kinds' specs). The facility reaches a component only through
// std::visit, so an alternative that lacks a member of the interface fails to compile
// (component_interface.hpp), and so does one whose place disagrees with its spec's.
#pragma once

#include "models/power/distribution_node.hpp"
#include "models/power/genset_node.hpp"
#include "models/power/load_node.hpp"
#include "models/power/onsite_node.hpp"
#include "models/power/power_graph.hpp"
#include "models/power/storage_node.hpp"
#include "models/power/switch_node.hpp"
#include "models/power/ups_node.hpp"
#include "models/power/utility_node.hpp"

#include <cstdint>
#include <variant>

namespace aidcsim::power {

// Alternative K is the component of kind K: the same order as FacilitySpec::lists().
using Component = std::variant<UtilityNode, GensetNode, OnsiteNode, SwitchNode, UpsNode, DistributionNode,
                               LoadNode, StorageNode>;

namespace detail {
template <std::size_t... K> constexpr bool registry_agrees(std::index_sequence<K...>) {
  return ((PowerComponent<std::variant_alternative_t<K, Component>> &&
           std::is_same_v<typename std::variant_alternative_t<K, Component>::Spec, SpecOf<K>>)&&...);
}
} // namespace detail
static_assert(std::variant_size_v<Component> == kind_count,
              "one component per list of FacilitySpec::lists()");
static_assert(detail::registry_agrees(std::make_index_sequence<kind_count>{}),
              "alternative K of Component is a PowerComponent whose Spec is list K's");

// The component at graph node v, with its own random stream ("<kind>/<id>", as results depend
// on it) and its design load (the kW through it with every source up).
Component make_component(const FacilitySpec& spec, const PowerGraph& graph, int v, std::uint64_t seed,
                         double design_kw);

} // namespace aidcsim::power
