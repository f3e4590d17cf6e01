// The small power chain several facility tests build on: utility -> [ATS <- one genset unit]
// -> UPS -> PDU -> one rack.
#pragma once

#include "models/power/facility_spec.hpp"

#include <string>

namespace aidcsim::power::fixtures {

// utility -> [ATS <- gensets] -> UPS -> PDU -> rack, built up by the tests.
struct Chain {
  FacilitySpec spec;
  Chain(double rack_kw, double ups_runtime_s, bool gensets) {
    spec.utilities.push_back({"grid", {}});
    std::string ups_feed = "grid";
    if (gensets) {
      GensetPlantSpec g;
      g.id = "gen";
      g.unit_rating_kw = 2000;
      g.units = 1;
      g.units_needed = 1;
      g.start_delay_s = 10;
      spec.gensets.push_back(g);
      TransferSwitchSpec ats;
      ats.id = "ats";
      ats.normal = "grid";
      ats.alternate = "gen";
      ats.transfer_s = 0.1;
      ats.retransfer_after_s = 5 * 60.0; // 5 min
      spec.switches.push_back(ats);
      ups_feed = "ats";
    }
    UpsSpec u;
    u.id = "ups";
    u.fed_by = ups_feed;
    u.rating_kw = rack_kw;
    u.battery = {rack_kw, ups_runtime_s, 1.15, 0.25 * rack_kw};
    spec.ups.push_back(u);
    spec.distribution.push_back({"pdu", DistributionKind::pdu, "ups", 0, {}});
    LoadSpec rack;
    rack.id = "rack";
    rack.fed_by = {"pdu"};
    rack.load_kw = rack_kw;
    spec.loads.push_back(rack);
  }
};

} // namespace aidcsim::power::fixtures
