#include "models/power/component.hpp"

#include <stdexcept>

namespace aidcsim::power {

Component make_component(const FacilitySpec& spec, const PowerGraph& graph, int v, std::uint64_t seed,
                         double design_kw) {
  const GraphNode& node = graph.node(v);
  const auto i = static_cast<std::size_t>(node.index);
  switch (node.kind) {
  case NodeKind::utility:
    return UtilityNode(spec.utilities[i], RandomStream(seed, "utility/" + node.id));
  case NodeKind::genset_plant:
    return GensetNode(spec.gensets[i], design_kw, RandomStream(seed, "genset/" + node.id));
  case NodeKind::onsite_plant:
    return OnsiteNode(spec.onsite[i], design_kw, RandomStream(seed, "onsite/" + node.id));
  case NodeKind::transfer_switch:
    return SwitchNode(spec.switches[i], RandomStream(seed, "switch/" + node.id));
  case NodeKind::ups:
    return UpsNode(spec.ups[i], RandomStream(seed, "ups/" + node.id));
  case NodeKind::distribution:
    return DistributionNode(spec.distribution[i], RandomStream(seed, "distribution/" + node.id));
  case NodeKind::load:
    return LoadNode(spec.loads[i]);
  }
  throw std::logic_error("make_component: a node kind without a component");
}

std::string GensetNode::timeline_state(const Surroundings&) const {
  bool starting = false;
  for (int u = 0; u < plant_.spec().units; ++u)
    starting = starting || plant_.unit_state(u) == GensetPlant::UnitState::starting ||
               plant_.unit_state(u) == GensetPlant::UnitState::waiting_retry;
  if (!plant_.demanded())
    return "stopped";
  if (plant_.running_units() > 0)
    return "running " + std::to_string(plant_.running_units()) + "/" + std::to_string(plant_.spec().units);
  return plant_.out_of_fuel() ? "out of fuel" : starting ? "starting" : "failed";
}

std::string_view LoadNode::timeline_kind() const {
  switch (kind_) {
  case LoadKind::rack:
    return "rack";
  case LoadKind::cdu:
    return "cdu";
  case LoadKind::crah:
    return "crah";
  case LoadKind::chiller:
    return "chiller";
  case LoadKind::dry_cooler:
    return "dry_cooler";
  case LoadKind::cooling_tower:
    return "cooling_tower";
  case LoadKind::other:
    return "other";
  }
  return "other";
}

} // namespace aidcsim::power
