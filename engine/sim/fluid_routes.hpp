// Host pairs exchanging data at once, as flows of the fluid model (models/network/fluid_flows.hpp)
// on the platform's own routes: the links of each route and of its reverse, with their bandwidths
// and latencies, and SimGrid's network model settings (its factors, weight-S, TCP window, cross
// traffic) as the engine holds them.
#pragma once

#include "engine/sim/route_book.hpp"
#include "models/network/fluid_flows.hpp"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace simgrid::s4u {
class Host;
}

namespace aidcsim {

using HostPairs = std::vector<std::pair<simgrid::s4u::Host*, simgrid::s4u::Host*>>;

// The engine's network model as the fluid model's settings; nullopt when the model is not one the
// fluid model follows (LV08 and CM02 are; the probe then measures with SimGrid's own flows).
std::optional<network::FluidModel> fluid_model_of_engine();

// `pairs` (indices into the book's hosts) each sending `bytes` at once, with the routes from
// `book` (route_book.hpp): the time until the last has arrived (0 without pairs or bytes) and
// how the flows were solved (one per class, or every flow).
network::FluidResult fluid_exchange(const RouteBook::Pairs& pairs, std::uint64_t bytes,
                                    const network::FluidModel& model, RouteBook& book);
// Seconds until the last of the host pairs has received `bytes`, with a book of its own.
double fluid_exchange_s(const HostPairs& pairs, std::uint64_t bytes, const network::FluidModel& model);

} // namespace aidcsim
