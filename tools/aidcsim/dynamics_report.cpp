#include "tools/aidcsim/dynamics_report.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace aidcsim::cli {

using json = nlohmann::ordered_json;

namespace {

json step_json(const DynamicsResult& d) {
  json s;
  s["period_s"] = d.step_s;
  s["frequency_hz"] = d.frequency_hz;
  s["compute_window_s"] = d.compute_window_s;
  s["natural"] = {{"high_w", d.natural_high_w}, {"low_w", d.natural_low_w}, {"mean_w", d.natural_mean_w}};
  s["as_drawn"] = {{"high_w", d.high_w}, {"low_w", d.low_w}, {"mean_w", d.mean_w}};
  s["smoothing_energy_per_step_j"] = d.smoothing_energy_cost_j;
  s["work_rate"] = d.work_rate;
  s["rack_storage"] = {{"discharged_per_step_j", d.rack_storage_discharged_j},
                       {"loss_w", d.rack_storage_loss_w}};
  return s;
}

json node_json(const dynamics::MonitoredNode& n, const dynamics::NodeFigures& f, long trips) {
  json j;
  j["kind"] = n.kind;
  j["rating_kw"] = n.rating_kw;
  j["largest_step_kw"] = f.largest_step_kw;
  j["largest_step_pct"] = n.rating_kw > 0 ? json(100 * f.largest_step_kw / n.rating_kw) : json(nullptr);
  j["largest_step_at_s"] = f.largest_step_at_s;
  j["largest_job_step_kw"] = f.largest_job_step_kw;
  j["max_swing_kw"] = f.max_swing_kw;
  j["swing_frequency_hz"] = f.swing_frequency_hz;
  j["fundamental_kw"] = f.max_fundamental_kw;
  j["band_rms_kw"] = f.max_band_rms_kw;
  j["ramp_kw_per_s"] = f.swing_steps ? json(nullptr) : json(f.max_ramp_kw_per_s); // null: it steps
  j["swing_steps"] = f.swing_steps;
  j["swinging_h"] = f.swinging_s / 3600;
  if (n.grid) {
    j["swing_above_limit_h"] = f.swing_above_limit_s / 3600;
    j["ramp_above_limit_h"] = f.ramp_above_limit_s / 3600;
  }
  if (n.acceptance)
    j["acceptance"] = {{"steps_beyond", f.steps_beyond_acceptance},
                       {"beyond", n.acceptance->trips_beyond ? "trip" : "report"},
                       {"trips", trips},
                       {"worst_frequency_dip_pct", 100 * f.worst_frequency_dip},
                       {"swing_beyond_h", f.swing_beyond_acceptance_s / 3600}};
  return j;
}

} // namespace

json to_json(const DynamicsResult& d) {
  json j;
  j["step_measured"] = d.step_measured;
  j["accelerator"] = {{"idle_w", d.accelerator.idle_w},
                      {"busy_w", d.accelerator.full_w},
                      {"communication_w", d.accelerator.communication_w}};
  if (d.step_measured) {
    j["step"] = step_json(d);
    j["job"] = {{"accelerators", d.job_accelerators},
                {"swing_kw", d.job_swing_kw},
                {"natural_swing_kw", d.job_natural_swing_kw},
                {"fundamental_kw", d.job_fundamental_kw},
                {"frequency_hz", d.frequency_hz},
                {"harmonics_kw", d.harmonics_kw},
                {"natural_harmonics_kw", d.natural_harmonics_kw}};
  }
  j["computing_h"] = d.computing_s / 3600;
  if (d.staged)
    j["staged_restart"] = {{"restarts", d.staged_restarts}, {"staging_h", d.staging_s / 3600}};
  j["it_energy_adjust_kwh"] = d.it_energy_adjust_kwh;
  j["rack_storage_discharged_kwh"] = d.rack_storage_discharged_kwh;
  j["facility_storage"] = {{"discharged_kwh", d.facility_storage_discharged_kwh},
                           {"loss_kwh", d.facility_storage_loss_kwh}};
  json sources = json::object();
  for (std::size_t i = 0; i < d.nodes.size(); ++i)
    sources[d.nodes[i].id] = node_json(d.nodes[i], d.figures[i], i < d.trips.size() ? d.trips[i] : 0);
  j["sources"] = sources;
  return j;
}

namespace {

std::string kw_text(double kw) {
  char buf[64];
  if (std::fabs(kw) >= 1000)
    std::snprintf(buf, sizeof buf, "%.2f MW", kw / 1000);
  else
    std::snprintf(buf, sizeof buf, "%.1f kW", kw);
  return buf;
}

void print_source(const std::string& id, const json& s) {
  if (s["largest_step_kw"].get<double>() == 0 && s["max_swing_kw"].get<double>() == 0) {
    std::printf("  %-22s %-8s carried no load change and no swing\n", id.c_str(),
                s["kind"].get<std::string>().c_str());
    return;
  }
  std::string step = kw_text(s["largest_step_kw"].get<double>());
  if (!s["largest_step_pct"].is_null()) {
    char pct[48];
    std::snprintf(pct, sizeof pct, " (%.1f %% of rating)", s["largest_step_pct"].get<double>());
    step += pct;
  }
  std::printf("  %-22s %-8s largest step %s; swing %s at %.3g Hz", id.c_str(),
              s["kind"].get<std::string>().c_str(), step.c_str(),
              kw_text(s["max_swing_kw"].get<double>()).c_str(), s["swing_frequency_hz"].get<double>());
  if (s["max_swing_kw"].get<double>() > 0)
    std::printf(", %s", s["ramp_kw_per_s"].is_null()
                            ? "in steps"
                            : ("ramps " + kw_text(s["ramp_kw_per_s"].get<double>()) + "/s").c_str());
  std::printf("\n");
  if (s.contains("swing_above_limit_h") &&
      (s["swing_above_limit_h"].get<double>() > 0 || s["ramp_above_limit_h"].get<double>() > 0))
    std::printf("  %-22s          above the grid's limits: swing %.2f h, ramp %.2f h\n", "",
                s["swing_above_limit_h"].get<double>(), s["ramp_above_limit_h"].get<double>());
  if (s.contains("acceptance")) {
    const json& a = s["acceptance"];
    std::printf("  %-22s          step acceptance: %ld of the job's steps beyond it (largest %s; %ld trips), "
                "its swing beyond it %.2f h, worst frequency dip %.1f %%\n",
                "", a["steps_beyond"].get<long>(), kw_text(s["largest_job_step_kw"].get<double>()).c_str(),
                a["trips"].get<long>(), a["swing_beyond_h"].get<double>(),
                a["worst_frequency_dip_pct"].get<double>());
  }
}

} // namespace

void print_dynamics_text(const json& d) {
  std::printf("power dynamics\n");
  const json& a = d["accelerator"];
  std::printf("  accelerator             idle %.0f W, busy %.0f W, in collectives %.0f W\n",
              a["idle_w"].get<double>(), a["busy_w"].get<double>(), a["communication_w"].get<double>());
  if (!d["step_measured"].get<bool>()) {
    std::printf("  note                    the step was never measured: no swing\n");
    return;
  }
  const json& s = d["step"];
  const json& j = d["job"];
  std::printf("  step                    %.3f s (%.3g Hz): %.0f W for %.3f s, then %.0f W; mean %.0f W\n",
              s["period_s"].get<double>(), s["frequency_hz"].get<double>(),
              s["as_drawn"]["high_w"].get<double>(), s["compute_window_s"].get<double>(),
              s["as_drawn"]["low_w"].get<double>(), s["as_drawn"]["mean_w"].get<double>());
  std::printf(
      "  job swing               %s peak to peak over %d accelerators (%s unsmoothed), fundamental %s\n",
      kw_text(j["swing_kw"].get<double>()).c_str(), j["accelerators"].get<int>(),
      kw_text(j["natural_swing_kw"].get<double>()).c_str(),
      kw_text(j["fundamental_kw"].get<double>()).c_str());
  if (s["smoothing_energy_per_step_j"].get<double>() != 0 || s["work_rate"].get<double>() < 1)
    std::printf("  smoothing cost          %.1f J per step and accelerator, work rate %.4f\n",
                s["smoothing_energy_per_step_j"].get<double>(), s["work_rate"].get<double>());
  if (d["rack_storage_discharged_kwh"].get<double>() > 0)
    std::printf("  rack storage            %.1f kWh cycled, %.1f W lost per accelerator\n",
                d["rack_storage_discharged_kwh"].get<double>(), s["rack_storage"]["loss_w"].get<double>());
  if (d["facility_storage"]["discharged_kwh"].get<double>() > 0)
    std::printf("  facility storage        %.1f kWh cycled, %.1f kWh lost\n",
                d["facility_storage"]["discharged_kwh"].get<double>(),
                d["facility_storage"]["loss_kwh"].get<double>());
  if (d.contains("staged_restart"))
    std::printf("  staged restart          %ld returns to computing in stages, %.4f h held below computing\n",
                d["staged_restart"]["restarts"].get<long>(), d["staged_restart"]["staging_h"].get<double>());
  std::printf("  job states' energy      %+.1f kWh against busy hosts\n",
              d["it_energy_adjust_kwh"].get<double>());
  for (const auto& [id, src] : d["sources"].items())
    print_source(id, src);
}

} // namespace aidcsim::cli
