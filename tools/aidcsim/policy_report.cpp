#include "tools/aidcsim/policy_report.hpp"

#include <cstdio>

namespace aidcsim::cli {

using json = nlohmann::ordered_json;

json to_json(const PolicyResult& p) {
  json j;
  if (p.checkpoint)
    j["checkpoint_on_battery"] = {{"after_s", p.checkpoint_after_s},
                                  {"checkpoints", p.checkpoints},
                                  {"skipped_battery_short", p.checkpoints_skipped}};
  if (p.cap)
    j["cap_on_battery"] = {{"after_s", p.cap_after_s}, {"capped_rack_hours", p.capped_rack_h}};
  if (p.shed)
    j["shed_on_battery"] = {{"workload", p.shed_workload},
                            {"after_s", p.shed_after_s},
                            {"racks", p.shed_racks},
                            {"shed_rack_hours", p.shed_rack_h}};
  j["job_on_battery"] = {{"times", p.job_on_battery}, {"hours", p.job_on_battery_h}};
  return j;
}

void print_policies_text(const json& p) {
  std::printf("policies\n");
  const json& b = p["job_on_battery"];
  std::printf("  job on battery          %ld times, %.3f h\n", b["times"].get<long>(),
              b["hours"].get<double>());
  if (p.contains("checkpoint_on_battery")) {
    const json& c = p["checkpoint_on_battery"];
    std::printf("  checkpoint on battery   after %.0f s: %ld written, %ld skipped (battery shorter than the "
                "write)\n",
                c["after_s"].get<double>(), c["checkpoints"].get<long>(),
                c["skipped_battery_short"].get<long>());
  }
  if (p.contains("cap_on_battery")) {
    const json& c = p["cap_on_battery"];
    std::printf("  cap on battery          after %.0f s: %.3f rack-hours at the lowest pstate\n",
                c["after_s"].get<double>(), c["capped_rack_hours"].get<double>());
  }
  if (p.contains("shed_on_battery")) {
    const json& c = p["shed_on_battery"];
    std::printf("  shed on battery         %s racks (%ld) after %.0f s: %.3f rack-hours off or booting\n",
                c["workload"].get<std::string>().c_str(), c["racks"].get<long>(), c["after_s"].get<double>(),
                c["shed_rack_hours"].get<double>());
  }
}

} // namespace aidcsim::cli
