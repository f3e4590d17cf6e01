// `aidcsim compare SCENARIO.yaml --platforms A.xml B.xml`: the same scenario (seed, facility,
// fault and failure processes) on two platforms, the job sized on B by equal accelerator count or
// equal BF16 compute, and a side-by-side table with B / A ratios.
#include "engine/base/diagnostics.hpp"
#include "engine/base/units.hpp"
#include "engine/input/scenario.hpp"
#include "tools/aidcsim/children.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/run_json.hpp"
#include "tools/aidcsim/warnings.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace aidcsim::cli {
namespace {

struct Row {
  std::string metric;
  std::optional<double> a, b;
  const char* format;
};

// The node at a JSON path, or nullptr when the run has none there.
const json* find(const json& run, std::initializer_list<const char*> path) {
  const json* j = &run;
  for (const char* k : path) {
    if (!j->contains(k))
      return nullptr;
    j = &(*j)[k];
  }
  return j;
}

std::optional<double> at(const json& run, std::initializer_list<const char*> path) {
  const json* j = find(run, path);
  return j != nullptr && j->is_number() ? std::optional<double>(j->get<double>()) : std::nullopt;
}

double sum_of(const json& run, std::initializer_list<const char*> path) {
  double s = 0;
  if (const json* j = find(run, path))
    for (const auto& [k, v] : j->items())
      s += v.get<double>();
  return s;
}

// What each design costs (engine/sim/cost_result.hpp): its capital, a year of it, and a year's
// cost over a year's tokens.
template <class Add> void cost_rows(const json& a, const json& b, Add& add) {
  const auto both = [&](const std::string& name, std::initializer_list<const char*> path, const char* f) {
    add(name, at(a, path), at(b, path), f);
  };
  both("racks' design power kW", {"cost", "it_design_kw"}, "%.1f");
  both("capital USD", {"cost", "capex_usd"}, "%.0f");
  both("  accelerators USD", {"cost", "capex", "accelerator", "usd"}, "%.0f");
  both("  facility USD", {"cost", "facility_capex_usd"}, "%.0f");
  both("cost a year USD", {"cost", "annual_usd", "total"}, "%.0f");
  both("  capital a year USD", {"cost", "annual_usd", "capital"}, "%.0f");
  both("  energy a year USD", {"cost", "annual_usd", "energy"}, "%.0f");
  both("  downtime a year USD", {"cost", "annual_usd", "downtime"}, "%.0f");
  both("USD per million tokens", {"cost", "usd_per_million_tokens"}, "%.4f");
}

// The platforms' own figures (cmd_platform.cpp): a scale-up system's power (the seed figures'
// 145 kW NVL72 and 599.8 kW CloudMatrix384) and the power per unit of compute.
template <class Add> void platform_rows(const json& fa, const json& fb, Add& add) {
  const auto per_system = [](const json& f) -> std::optional<double> {
    const double n = f["scaleup_domains"].get<double>();
    return n > 0 ? std::optional<double>(f["power_w"].get<double>() / n / 1e3) : std::nullopt;
  };
  add("scale-up system power kW", per_system(fa), per_system(fb), "%.1f");
  add("W per BF16 TFLOP", fa["w_per_tflop"].get<double>(), fb["w_per_tflop"].get<double>(), "%.3f");
}

std::vector<Row> table(const json& a, const json& b, const json& fa, const json& fb) {
  std::vector<Row> rows;
  auto add = [&](const std::string& name, std::optional<double> x, std::optional<double> y, const char* f) {
    if (x || y)
      rows.push_back({name, x, y, f});
  };
  const double flops_a = fa["bf16_pflops"].get<double>() * 1e15 / fa["accelerators"].get<double>();
  const double flops_b = fb["bf16_pflops"].get<double>() * 1e15 / fb["accelerators"].get<double>();
  platform_rows(fa, fb, add);
  auto both = [&](const std::string& name, std::initializer_list<const char*> path, const char* f) {
    add(name, at(a, path), at(b, path), f);
  };
  both("job accelerators", {"workload", "training", "accelerators"}, "%.0f");
  const auto na = at(a, {"workload", "training", "accelerators"}),
             nb = at(b, {"workload", "training", "accelerators"});
  if (na && nb)
    add("job BF16 PFLOPS", *na * flops_a / 1e15, *nb * flops_b / 1e15, "%.1f");
  both("step time s", {"workload", "training", "step", "step_s"}, "%.3f");
  // The expert all-to-all only for a job with expert parallelism.
  if (at(a, {"workload", "training", "step", "expert_s"}).value_or(0) > 0 ||
      at(b, {"workload", "training", "step", "expert_s"}).value_or(0) > 0)
    both("  expert all-to-all s", {"workload", "training", "step", "expert_s"}, "%.3f");
  both("tokens/s (no failures)", {"workload", "training", "tokens_per_s"}, "%.0f");
  both("MFU", {"workload", "training", "mfu"}, "%.3f");
  both("job availability", {"workload", "training", "job_availability"}, "%.4f");
  both("training goodput", {"workload", "training", "training_goodput"}, "%.4f");
  both("effective tokens/s", {"workload", "training", "effective_tokens_per_s"}, "%.0f");
  both("tokens trained", {"workload", "training", "tokens_trained"}, "%.4g");
  const auto interruptions = [](const json& r) -> std::optional<double> {
    if (!r.contains("workload") || !r["workload"].contains("training"))
      return std::nullopt;
    return sum_of(r, {"workload", "training", "interruptions_per_day"});
  };
  add("interruptions/day", interruptions(a), interruptions(b), "%.3f");
  both("job MTBF h", {"workload", "training", "job_mtbf_h"}, "%.2f");
  both("checkpoint interval min", {"workload", "training", "checkpoint_interval_min"}, "%.1f");
  both("IT power availability", {"facility", "power_availability"}, "%.9f");
  both("IT energy kWh", {"it_energy_kwh"}, "%.1f");
  both("facility energy kWh", {"facility", "energy", "source_kwh"}, "%.1f");
  both("PUE", {"facility", "energy", "pue"}, "%.3f");
  const auto per_kwh = [](const json& r) -> std::optional<double> {
    const auto e = at(r, {"workload", "training", "energy_per_million_tokens_kwh"});
    return e && *e > 0 ? std::optional<double>(1e6 / *e) : std::nullopt;
  };
  add("tokens per kWh", per_kwh(a), per_kwh(b), "%.0f");
  both("inference served fraction", {"workload", "inference", "served_fraction"}, "%.6f");
  both("inference min below SLO", {"workload", "inference", "below_slo_min"}, "%.2f");
  cost_rows(a, b, add);
  return rows;
}

std::string cell(std::optional<double> v, const char* f) {
  if (!v)
    return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, *v);
  return buf;
}

std::string ratio(const Row& r) {
  if (!r.a || !r.b || *r.a == 0)
    return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3fx", *r.b / *r.a);
  return buf;
}

// The job's size on B: the same accelerator count, or the count with the same BF16 compute,
// rounded to whole tensor x pipeline groups.
int matched_job_size(const TrainingJobConfig& job, const std::string& match, double flops_a, double flops_b) {
  if (match != "compute")
    return job.accelerators;
  const int group = job.tensor * job.pipeline;
  return std::max(group, static_cast<int>(std::lround(job.accelerators * flops_a / flops_b / group)) * group);
}

} // namespace

int scenario_compare_command(const ScenarioCompareArgs& args) {
  const std::string& pa = args.platforms[0];
  const std::string& pb = args.platforms[1];
  auto abs = [](const std::string& p) { return std::filesystem::absolute(p).lexically_normal().string(); };
  int code = exit_ok;
  const auto fa = measure_in_child(pa, code);
  const auto fb = measure_in_child(pb, code);
  if (!fa || !fb)
    return code;
  const double flops_a = (*fa)["bf16_pflops"].get<double>() * 1e15 / (*fa)["accelerators"].get<double>();
  const double flops_b = (*fb)["bf16_pflops"].get<double>() * 1e15 / (*fb)["accelerators"].get<double>();

  std::vector<KeyOverride> common;
  const SourcePos cli{"<command line>", 0, 0};
  if (args.seed)
    common.push_back({"seed", *args.seed, cli});
  if (args.duration)
    common.push_back({"duration", *args.duration, cli});
  Scenario a, b;
  try {
    auto oa = common;
    oa.push_back({"platform", abs(pa), cli});
    a = load_scenario(args.scenario, oa);
    auto ob = common;
    ob.push_back({"platform", abs(pb), cli});
    if (a.workload.job) {
      const TrainingJobConfig& job = *a.workload.job;
      if (job.accelerators <= 0) {
        std::cerr << job.where_accelerators.file << ":" << job.where_accelerators.line << ":"
                  << job.where_accelerators.column
                  << ": error: key 'workload.job.accelerators': compare needs the job's size on A (a number, "
                     "not 'all')\n";
        return exit_bad_input;
      }
      ob.push_back({"workload.job.accelerators",
                    std::to_string(matched_job_size(job, args.match, flops_a, flops_b)), cli});
    }
    b = load_scenario(args.scenario, ob);
  } catch (const InputError& e) {
    std::cerr << e.what();
    return exit_bad_input;
  }
  print_warnings(scenario_warnings(a)); // B differs from A by its platform and job size only
  const auto ra = run_scenario_in_child(a, {}, "aidcsim compare", code);
  if (!ra)
    return code;
  const auto rb = run_scenario_in_child(b, {}, "aidcsim compare", code);
  if (!rb)
    return code;
  const std::vector<Row> rows = table(*ra, *rb, *fa, *fb);
  if (args.json) {
    json out;
    out["scenario"] = args.scenario;
    out["match"] = args.match;
    out["a"] = *ra;
    out["b"] = *rb;
    json t = json::array();
    for (const Row& r : rows)
      t.push_back({{"metric", r.metric},
                   {"a", r.a ? json(*r.a) : json(nullptr)},
                   {"b", r.b ? json(*r.b) : json(nullptr)},
                   {"ratio", r.a && r.b && *r.a != 0 ? json(*r.b / *r.a) : json(nullptr)}});
    out["table"] = t;
    std::cout << dump(out, 2) << "\n";
    return exit_ok;
  }
  std::printf("scenario  %s (seed %llu, %s matched)\n", args.scenario.c_str(),
              static_cast<unsigned long long>(a.seed),
              args.match == "compute" ? "BF16 compute" : "accelerator count");
  std::printf("A         %s\nB         %s\n\n", pa.c_str(), pb.c_str());
  std::printf("%-28s %18s %18s %10s\n", "", "A", "B", "B / A");
  for (const Row& r : rows)
    std::printf("%-28s %18s %18s %10s\n", r.metric.c_str(), cell(r.a, r.format).c_str(),
                cell(r.b, r.format).c_str(), ratio(r).c_str());
  return exit_ok;
}

} // namespace aidcsim::cli
