#include "models/workload/failure_classes.hpp"

namespace aidcsim::workload {

const std::vector<Llama3Cause>& llama3_causes() {
  // Counts: Llama 3 report, table of unexpected interruptions (published-figures). The five causes
  // listed together at 2 each are split out. GPU-attributed and software causes fail per
  // accelerator (software only on the job's); host-attributed ones per host; the network switch or
  // cable per accelerator (the fabric grows with the cluster) and takes the host off the fabric.
  static const std::vector<Llama3Cause> causes = {
      {"faulty_gpu", 148, FailsPer::accelerator, BlastRadius::host},
      {"gpu_hbm3_memory", 72, FailsPer::accelerator, BlastRadius::host},
      {"software_bug", 54, FailsPer::job_accelerator, BlastRadius::job},
      {"network_switch_or_cable", 35, FailsPer::accelerator, BlastRadius::host},
      {"host_maintenance", 32, FailsPer::host, BlastRadius::host},
      {"gpu_sram_memory", 19, FailsPer::accelerator, BlastRadius::host},
      {"gpu_system_processor", 17, FailsPer::accelerator, BlastRadius::host},
      {"nic", 7, FailsPer::host, BlastRadius::host},
      {"nccl_watchdog_timeout", 7, FailsPer::job_accelerator, BlastRadius::job},
      {"silent_data_corruption", 6, FailsPer::accelerator, BlastRadius::host},
      {"gpu_thermal_interface_and_sensor", 6, FailsPer::accelerator, BlastRadius::host},
      {"ssd", 3, FailsPer::host, BlastRadius::host},
      {"power_supply", 3, FailsPer::host, BlastRadius::host},
      {"server_chassis", 2, FailsPer::host, BlastRadius::host},
      {"io_expansion_board", 2, FailsPer::host, BlastRadius::host},
      {"dependency", 2, FailsPer::job_accelerator, BlastRadius::job},
      {"cpu", 2, FailsPer::host, BlastRadius::host},
      {"system_memory", 2, FailsPer::host, BlastRadius::host},
  };
  return causes;
}

std::vector<FailureClass> default_failure_classes(double hardware_repair_s) {
  std::vector<FailureClass> out;
  const double hours = Llama3Run::days * 24;
  for (const auto& c : llama3_causes()) {
    FailureClass f;
    f.name = c.name;
    f.per = c.per;
    f.takes_down = c.takes_down;
    const double components = c.per == FailsPer::host ? Llama3Run::hosts : Llama3Run::gpus;
    f.rate_per_component_h = c.count / (components * hours);
    f.repair_s = c.takes_down == BlastRadius::job ? 0.0 : hardware_repair_s;
    out.push_back(f);
  }
  out.push_back({"scale_up_switch", FailsPer::pod, 0.0, BlastRadius::pod, hardware_repair_s});
  return out;
}

const char* blast_radius_name(BlastRadius b) {
  switch (b) {
  case BlastRadius::job:
    return "job";
  case BlastRadius::accelerator:
    return "accelerator";
  case BlastRadius::host:
    return "host";
  case BlastRadius::rack:
    return "rack";
  case BlastRadius::pod:
    return "pod";
  }
  return "?";
}

} // namespace aidcsim::workload
