#include "engine/sim/rank_order.hpp"

#include <simgrid/s4u/Host.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

namespace aidcsim {

namespace {

// "nvl72-10" after "nvl72-9": compare digit runs as numbers.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei])))
        ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej])))
        ++ej;
      const long long x = std::atoll(a.substr(i, ei - i).c_str()),
                      y = std::atoll(b.substr(j, ej - j).c_str());
      if (x != y)
        return x < y;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j])
        return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

std::string pod_of(const simgrid::s4u::Host* h) {
  const char* v = h->get_property("pod");
  return v != nullptr ? v : h->get_name();
}

} // namespace

void sort_in_rank_order(std::vector<simgrid::s4u::Host*>& accelerators) {
  std::stable_sort(accelerators.begin(), accelerators.end(),
                   [](const simgrid::s4u::Host* a, const simgrid::s4u::Host* b) {
                     const std::string pa = pod_of(a), pb = pod_of(b);
                     if (pa != pb)
                       return natural_less(pa, pb);
                     return natural_less(a->get_name(), b->get_name());
                   });
}

} // namespace aidcsim
