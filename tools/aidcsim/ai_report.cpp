#include "tools/aidcsim/ai_report.hpp"

#include <cstdio>

namespace aidcsim::cli {

using json = nlohmann::ordered_json;

namespace {

// How the fluid model solved the step's flows: one per class of flows its sharing cannot tell
// apart, or every flow (when the classes were not found within their work bound).
void print_fluid_classes(const json& t) {
  if (!t.contains("step_fluid_flows"))
    return;
  const auto flows = t["step_fluid_flows"].get<std::size_t>();
  const auto solved = t["step_fluid_solved_flows"].get<std::size_t>();
  if (solved < flows)
    std::printf("  fluid flows             %zu, solved as %zu classes of flows alike\n", flows, solved);
  else
    std::printf("  fluid flows             %zu, solved one by one (no fewer classes found)\n", flows);
}

} // namespace

json to_json(const AiResult& r) {
  json j;
  j["it_failures"] = r.it_failures;
  if (r.training) {
    const TrainingResult& t = r.job;
    json job;
    job["accelerators"] = t.accelerators;
    job["parallelism"] = {
        {"tensor", t.tensor}, {"pipeline", t.pipeline}, {"data", t.data}, {"expert", t.expert}};
    job["step"] = {{"compute_s", t.step.compute_s},
                   {"tensor_s", t.step.tensor_s},
                   {"expert_s", t.step.expert_s},
                   {"pipeline_s", t.step.pipeline_s},
                   {"data_s", t.step.data_s},
                   {"step_s", t.step.step_s},
                   {"throttled_step_s", t.step.throttled_step_s}};
    job["step_measured"] = t.step_measured;
    job["step_timed_by"] = t.step.fluid ? "fluid model" : "simgrid flows";
    if (t.step.fluid) {
      job["step_fluid_flows"] = t.step.fluid_flows;
      job["step_fluid_solved_flows"] = t.step.fluid_solved_flows;
    }
    job["tokens_per_step"] = t.tokens_per_step;
    job["tokens_per_s"] = t.tokens_per_s;
    job["mfu"] = t.mfu;
    job["checkpoint_interval_min"] = t.checkpoint_interval_s / 60;
    job["job_mtbf_h"] = t.job_mtbf_h;
    job["training_goodput"] = t.training_goodput;
    job["job_availability"] = t.job_availability;
    job["tokens_trained"] = t.tokens_trained;
    job["effective_tokens_per_s"] = t.effective_tokens_per_s;
    job["delivered_bf16_pflop_days"] = t.delivered_bf16_pflop_days;
    job["checkpoints"] = t.checkpoints;
    job["checkpoint_overhead"] = t.checkpoint_overhead;
    job["interruptions"] = t.interruptions;
    job["interruptions_per_day"] = t.interruptions_per_day;
    job["lost_accelerator_hours"] = t.lost_accelerator_hours;
    job["energy_per_million_tokens_kwh"] = t.energy_per_million_tokens_kwh;
    j["training"] = job;
  }
  if (r.inference)
    j["inference"] = {{"replicas", r.service.replicas},
                      {"accelerators_per_replica", r.service.accelerators_per_replica},
                      {"request_rate_per_s", r.service.request_rate_per_s},
                      {"served_fraction", r.service.served_fraction},
                      {"below_slo_min", r.service.below_slo_min}};
  return j;
}

void print_ai_text(const json& w) {
  std::printf("workload\n");
  std::printf("  IT failures             %ld in the cluster\n", w["it_failures"].get<long>());
  if (w.contains("training")) {
    const json& t = w["training"];
    const json& s = t["step"];
    std::printf("  job                     %d accelerators, TP %d x PP %d x DP %d (EP %d)\n",
                t["accelerators"].get<int>(), t["parallelism"]["tensor"].get<int>(),
                t["parallelism"]["pipeline"].get<int>(), t["parallelism"]["data"].get<int>(),
                t["parallelism"]["expert"].get<int>());
    std::printf("  step                    %.3f s (compute %.3f, TP %.3f, EP %.3f, PP %.3f, DP %.3f); %.0f "
                "tokens/s, MFU %.1f %%\n",
                s["step_s"].get<double>(), s["compute_s"].get<double>(), s["tensor_s"].get<double>(),
                s["expert_s"].get<double>(), s["pipeline_s"].get<double>(), s["data_s"].get<double>(),
                t["tokens_per_s"].get<double>(), 100 * t["mfu"].get<double>());
    if (t.value("step_timed_by", "") == "fluid model") {
      std::printf("  collectives timed by    the fluid model of SimGrid's network on the platform's routes "
                  "(step_probe: simgrid for SimGrid's own flows)\n");
      print_fluid_classes(t);
    }
    if (!t["step_measured"].get<bool>())
      std::printf(
          "  note                    the step was never measured: the job's accelerators never all had "
          "power, so no tokens are counted\n");
    const double mtbf = t["job_mtbf_h"].get<double>();
    char mtbf_text[64];
    if (mtbf > 0)
      std::snprintf(mtbf_text, sizeof mtbf_text, "job MTBF %.2f h", mtbf);
    else
      std::snprintf(mtbf_text, sizeof mtbf_text, "no IT failures");
    std::printf("  checkpoints             every %.1f min (%s), %ld written, %.2f %% of the time\n",
                t["checkpoint_interval_min"].get<double>(), mtbf_text, t["checkpoints"].get<long>(),
                100 * t["checkpoint_overhead"].get<double>());
    std::printf(
        "  training goodput        %.4f (job running %.4f of the time); %.4g tokens trained, %.1f BF16 "
        "PFLOP-days\n",
        t["training_goodput"].get<double>(), t["job_availability"].get<double>(),
        t["tokens_trained"].get<double>(), t["delivered_bf16_pflop_days"].get<double>());
    std::printf("  interruptions           %ld\n", t["interruptions"].get<long>());
    for (const auto& [cause, per_day] : t["interruptions_per_day"].items())
      std::printf("    %-30s %.3f /day, %.1f accelerator-hours lost\n", cause.c_str(), per_day.get<double>(),
                  t["lost_accelerator_hours"][cause].get<double>());
    for (const char* k : {"checkpoint_writes", "throttled", "uncommitted_at_end"})
      std::printf("    %-30s %.1f accelerator-hours\n", k, t["lost_accelerator_hours"][k].get<double>());
    std::printf("  energy per 1M tokens    %.4f kWh\n", t["energy_per_million_tokens_kwh"].get<double>());
  }
  if (w.contains("inference")) {
    const json& i = w["inference"];
    std::printf("  inference               %d replicas of %d accelerators, %.4g requests/s: served %.6f, "
                "%.2f min below SLO capacity\n",
                i["replicas"].get<int>(), i["accelerators_per_replica"].get<int>(),
                i["request_rate_per_s"].get<double>(), i["served_fraction"].get<double>(),
                i["below_slo_min"].get<double>());
  }
}

} // namespace aidcsim::cli
