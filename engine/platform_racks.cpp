#include "engine/platform_racks.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace aidcsim {

namespace {

// The value of <prop id="key" value="..."/> inside [from, to), or "" when absent.
std::string prop(const std::string& text, std::size_t from, std::size_t to, const std::string& key) {
  const std::string tag = "<prop id=\"" + key + "\" value=\"";
  const std::size_t at = text.find(tag, from);
  if (at == std::string::npos || at >= to)
    return "";
  const std::size_t start = at + tag.size();
  const std::size_t end = text.find('"', start);
  return end == std::string::npos ? "" : text.substr(start, end - start);
}

} // namespace

std::vector<PlatformRack> read_platform_racks(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<PlatformRack> racks;
  std::map<std::string, std::size_t> index;
  for (std::size_t at = text.find("<host "); at != std::string::npos; at = text.find("<host ", at + 1)) {
    const std::size_t end = text.find("</host>", at);
    if (end == std::string::npos)
      break;
    const std::string rack = prop(text, at, end, "rack");
    if (rack.empty())
      continue;
    // "idle:full, idle:full, ..." -> the first full.
    const std::string watts = prop(text, at, end, "wattage_per_state");
    const std::size_t colon = watts.find(':');
    const double full = colon == std::string::npos ? 0.0 : std::strtod(watts.c_str() + colon + 1, nullptr);
    const auto [it, fresh] = index.emplace(rack, racks.size());
    if (fresh)
      racks.push_back({rack, 0, 0.0});
    racks[it->second].hosts += 1;
    racks[it->second].full_power_w += full;
  }
  return racks;
}

} // namespace aidcsim
