#include "engine/sim/fluid_routes.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <xbt/config.hpp>

#include <unordered_map>

namespace aidcsim {

namespace sg4 = simgrid::s4u;

std::optional<network::FluidModel> fluid_model_of_engine() {
  const std::string& name = simgrid::config::get_value<std::string>("network/model");
  if (name != "LV08" && name != "CM02")
    return std::nullopt;
  network::FluidModel m;
  m.latency_factor = simgrid::config::get_value<double>("network/latency-factor");
  m.bandwidth_factor = simgrid::config::get_value<double>("network/bandwidth-factor");
  m.weight_s = simgrid::config::get_value<double>("network/weight-S");
  m.tcp_gamma_bytes = simgrid::config::get_value<double>("network/TCP-gamma");
  m.crosstraffic = simgrid::config::get_value<bool>("network/crosstraffic") ? 0.05 : 0.0;
  return m;
}

double fluid_exchange_s(const HostPairs& pairs, std::uint64_t bytes, const network::FluidModel& model) {
  RouteBook book;
  book.prepare(pairs);
  return fluid_exchange_s(pairs, bytes, model, book);
}

double fluid_exchange_s(const HostPairs& pairs, std::uint64_t bytes, const network::FluidModel& model,
                        RouteBook& book) {
  if (bytes == 0 || pairs.empty())
    return 0.0;
  std::vector<network::FluidLink> links;
  std::unordered_map<const sg4::Link*, int> index;
  auto indices = [&](const RouteBook::Links& route) {
    std::vector<int> out;
    out.reserve(route.size());
    for (const sg4::Link* l : route) {
      const auto [it, fresh] = index.emplace(l, static_cast<int>(links.size()));
      if (fresh)
        links.push_back({l->get_bandwidth(), l->get_latency(),
                         l->get_sharing_policy() == sg4::Link::SharingPolicy::FATPIPE});
      out.push_back(it->second);
    }
    return out;
  };
  std::vector<network::FluidFlow> flows;
  flows.reserve(pairs.size());
  for (const auto& [from, to] : pairs)
    flows.push_back(
        {static_cast<double>(bytes), indices(book.route(from, to)), indices(book.route(to, from))});
  return network::simulate_flows(links, flows, model).last_arrival_s;
}

} // namespace aidcsim
