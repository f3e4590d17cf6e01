#include "engine/input/platform_racks.hpp"

#include <algorithm>
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
    // A host's properties lie before its </host>; a self-closing <host .../> has none, and the
    // next <host bounds the search either way.
    const std::size_t open_end = text.find('>', at);
    if (open_end == std::string::npos)
      break;
    if (text[open_end - 1] == '/')
      continue;
    const std::size_t end = std::min(text.find("</host>", at), text.find("<host ", at + 1));
    if (end == std::string::npos)
      break;
    const std::string rack = prop(text, at, end, "rack");
    if (rack.empty())
      continue;
    // "idle:full, ..." per pstate: pstate 0's full power.
    const std::string watts = prop(text, at, end, "wattage_per_state");
    const std::string first = watts.substr(0, watts.find(','));
    const std::size_t colon = first.rfind(':'); // idle:full or idle:onecore:full: the last is full
    const double full = colon == std::string::npos ? 0.0 : std::strtod(first.c_str() + colon + 1, nullptr);
    const auto [it, fresh] = index.emplace(rack, racks.size());
    if (fresh)
      racks.push_back({rack, 0, 0.0});
    racks[it->second].hosts += 1;
    racks[it->second].full_power_w += full;
  }
  return racks;
}

} // namespace aidcsim
