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
  RouteBook::Pairs indices;
  indices.reserve(pairs.size());
  for (const auto& [from, to] : pairs)
    indices.emplace_back(book.index_of(from), book.index_of(to));
  return fluid_exchange(indices, bytes, model, book).last_arrival_s;
}

network::FluidResult fluid_exchange(const RouteBook::Pairs& pairs, std::uint64_t bytes,
                                    const network::FluidModel& model, RouteBook& book) {
  if (bytes == 0 || pairs.empty())
    return {};
  network::FlowTable table;
  table.bytes.reserve(pairs.size());
  table.back.reserve(pairs.size());
  table.first.reserve(pairs.size() + 1);
  // Room for routes of up to eight links each way (reserved, not touched: a shorter route costs
  // no memory).
  table.links.reserve(16 * pairs.size());
  for (const auto& [from, to] : pairs) {
    table.begin_flow(static_cast<double>(bytes));
    book.append_route(from, to, table.links);
    table.begin_reverse();
    book.append_route(to, from, table.links);
    table.end_flow();
  }
  std::vector<network::FluidLink> links;
  links.reserve(book.links().size());
  for (const sg4::Link* l : book.links())
    links.push_back(
        {l->get_bandwidth(), l->get_latency(), l->get_sharing_policy() == sg4::Link::SharingPolicy::FATPIPE});
  return network::simulate_flows(links, std::move(table), model);
}

} // namespace aidcsim
