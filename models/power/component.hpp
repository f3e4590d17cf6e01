// The registry of power-chain component kinds: one alternative of Component per kind. The
// facility reaches a component only through std::visit, so adding an alternative here makes every
// place that must handle it fail to compile until it does (component_interface.hpp).
#pragma once

#include "models/power/distribution_node.hpp"
#include "models/power/genset_node.hpp"
#include "models/power/load_node.hpp"
#include "models/power/onsite_node.hpp"
#include "models/power/power_graph.hpp"
#include "models/power/switch_node.hpp"
#include "models/power/ups_node.hpp"
#include "models/power/utility_node.hpp"

#include <cstdint>
#include <variant>

namespace aidcsim::power {

using Component =
    std::variant<UtilityNode, GensetNode, OnsiteNode, SwitchNode, UpsNode, DistributionNode, LoadNode>;

static_assert(PowerComponent<UtilityNode>);
static_assert(PowerComponent<GensetNode>);
static_assert(PowerComponent<OnsiteNode>);
static_assert(PowerComponent<SwitchNode>);
static_assert(PowerComponent<UpsNode>);
static_assert(PowerComponent<DistributionNode>);
static_assert(PowerComponent<LoadNode>);

// The component at graph node v, with its own random stream ("<kind>/<id>", as results depend
// on it) and its design load (the kW through it with every source up).
Component make_component(const FacilitySpec& spec, const PowerGraph& graph, int v, std::uint64_t seed,
                         double design_kw);

} // namespace aidcsim::power
