// The order a job's ranks take on the accelerators: scale-up domains (the hosts' "pod" property)
// in order, accelerators in order inside each, names compared with digit runs as numbers
// ("nvl72-10" after "nvl72-9").
#pragma once

#include <vector>

namespace simgrid::s4u {
class Host;
}

namespace aidcsim {

void sort_in_rank_order(std::vector<simgrid::s4u::Host*>& accelerators);

} // namespace aidcsim
