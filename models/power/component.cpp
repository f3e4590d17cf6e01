#include "models/power/component.hpp"

#include <array>
#include <charconv>
#include <stdexcept>
#include <string>

namespace aidcsim::power {
namespace {

// Kind K's component from its spec, with its own random stream "<stream_name>/<id>".
template <std::size_t K>
Component make_kind(const FacilitySpec& spec, int index, std::uint64_t seed, double design_kw) {
  const SpecOf<K>& s = std::get<K>(spec.lists())[static_cast<std::size_t>(index)];
  return Component(std::in_place_index<K>, s, design_kw,
                   RandomStream(seed, std::string(SpecOf<K>::stream_name) + "/" + s.id));
}

using Maker = Component (*)(const FacilitySpec&, int, std::uint64_t, double);
template <std::size_t... K> constexpr std::array<Maker, kind_count> makers(std::index_sequence<K...>) {
  return {&make_kind<K>...};
}

} // namespace

Component make_component(const FacilitySpec& spec, const PowerGraph& graph, int v, std::uint64_t seed,
                         double design_kw) {
  static constexpr auto table = makers(std::make_index_sequence<kind_count>{});
  const GraphNode& node = graph.node(v);
  return table.at(static_cast<std::size_t>(node.kind))(spec, node.index, seed, design_kw);
}

std::string_view GensetNode::timeline_state(const Surroundings&) const {
  bool starting = false;
  for (int u = 0; u < plant_.spec().units; ++u)
    starting = starting || plant_.unit_state(u) == GensetPlant::UnitState::starting ||
               plant_.unit_state(u) == GensetPlant::UnitState::waiting_retry;
  if (!plant_.demanded())
    return "stopped";
  if (plant_.running_units() > 0) { // "running 2/3", built in place (this runs at every event)
    char text[48] = "running ";
    char* end = std::to_chars(text + 8, text + 28, plant_.running_units()).ptr;
    *end++ = '/';
    end = std::to_chars(end, text + sizeof text, plant_.spec().units).ptr;
    state_text_.assign(text, end);
    return state_text_;
  }
  return plant_.out_of_fuel() ? "out of fuel" : starting ? "starting" : "failed";
}

// The fault that shows now, the latest kind first: fuel, a unit that failed running, one that
// failed to start. A plant not demanded has none (its failed units are repaired with the outage).
Fault GensetNode::fault(const Surroundings&) const {
  if (!plant_.demanded())
    return "";
  if (plant_.out_of_fuel())
    return "genset out of fuel";
  if (plant_.restarting_after_trip())
    return "genset trip";
  if (plant_.failed_units(true) > 0)
    return "genset fail while running";
  return plant_.failed_units(false) > 0 ? "genset fail to start" : "";
}

Fault DistributionNode::fault(const Surroundings&) const {
  if (failures_.failed() == 0)
    return "";
  switch (kind_) {
  case DistributionKind::transformer:
    return "transformer failure";
  case DistributionKind::switchgear:
    return "switchgear failure";
  case DistributionKind::busway:
    return "busway failure";
  case DistributionKind::cable:
    return "cable failure";
  case DistributionKind::pdu:
    break;
  }
  return "PDU failure";
}

Fault LoadNode::fault(const Surroundings&) const {
  if (failures_.failed() == 0)
    return "";
  switch (kind_) {
  case LoadKind::chiller:
    return "chiller failure";
  case LoadKind::cdu:
    return "CDU failure";
  case LoadKind::crah:
    return "CRAH failure";
  case LoadKind::dry_cooler:
    return "dry cooler failure";
  case LoadKind::cooling_tower:
    return "cooling tower failure";
  case LoadKind::rack:
  case LoadKind::other:
    break;
  }
  return "cooling load failure";
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
