// The scenario's `workload:` section (engine/input/workload_spec.hpp), every value unit-checked.
#include "engine/input/workload_loader.hpp"

#include "engine/base/text_distance.hpp"

#include <algorithm>

namespace aidcsim {

using units::Dimension;

namespace {

void read_parallelism(MapReader& j, TrainingJobConfig& job) {
  const YamlNode p = j.node("parallelism", Need::optional, "a map with tensor and pipeline");
  if (!p.IsDefined())
    return;
  MapReader pr(p, j.path("parallelism"), j.file(), j.diagnostics());
  job.where_tensor = j.pos(p);
  if (!pr.is_map())
    return;
  if (const YamlNode t = pr.node("tensor", Need::optional); t.IsDefined())
    job.where_tensor = pr.pos(t);
  const Default none{.why = "no parallelism of this kind"};
  job.tensor = static_cast<int>(pr.integer_or("tensor", 1, 4096, 1, none));
  job.pipeline = static_cast<int>(pr.integer_or("pipeline", 1, 4096, 1, none));
  job.expert = static_cast<int>(pr.integer_or("expert", 1, 4096, 1, none));
  pr.finish();
}

void read_model(MapReader& j, TrainingJobConfig& job) {
  const YamlNode m = j.node("model", Need::required, "a map with parameters, layers and hidden");
  if (!m.IsDefined())
    return;
  MapReader mr(m, j.path("model"), j.file(), j.diagnostics());
  if (!mr.is_map())
    return;
  auto& model = job.model;
  model.parameters = mr.quantity("parameters", Dimension::ratio, Need::required).value_or(0);
  model.active_parameters =
      mr.quantity_or("active_parameters", Dimension::ratio, 0, {.shown = "all the parameters"});
  model.layers = static_cast<int>(mr.integer("layers", Need::required, 1, 100000).value_or(1));
  model.moe_layers = static_cast<int>(
      mr.integer_or("moe_layers", 1, 100000, 0, {.shown = "every layer, with expert parallelism"}));
  model.hidden = mr.quantity("hidden", Dimension::ratio, Need::required).value_or(0);
  model.top_k = mr.quantity_or("top_k", Dimension::ratio, 1, {.why = "one expert per token"});
  model.expert_parameters =
      mr.quantity("expert_parameters", Dimension::ratio, job.expert > 1 ? Need::required : Need::optional)
          .value_or(0);
  mr.note_default("expert_parameters", {.shown = "0; required with parallelism.expert over 1"});
  if (model.expert_parameters > model.parameters)
    mr.diagnostics().add(mr.pos(mr.node("expert_parameters", Need::optional)), mr.path("expert_parameters"),
                         "", "more expert parameters than parameters");
  if (model.active_parameters > model.parameters)
    mr.diagnostics().add(mr.pos(mr.node("active_parameters", Need::optional)), mr.path("active_parameters"),
                         "", "more active parameters than parameters");
  mr.finish();
}

void read_checkpoint(MapReader& j, TrainingJobConfig& job) {
  const YamlNode c =
      j.node("checkpoint", Need::required, "a map with interval (a duration or auto) and write");
  if (!c.IsDefined())
    return;
  MapReader cr(c, j.path("checkpoint"), j.file(), j.diagnostics());
  if (!cr.is_map())
    return;
  const YamlNode i = cr.node("interval", Need::required, "a duration, or auto (Daly's optimum)");
  if (i.IsDefined() && !(i.IsScalar() && i.Scalar() == "auto"))
    job.checkpoint_interval_s =
        cr.scalar_quantity(i, cr.path("interval"), Dimension::time, Range::positive).value_or(0);
  job.checkpoint_write_s =
      cr.quantity("write", Dimension::time, Need::required, Range::non_negative).value_or(0);
  if (job.checkpoint_interval_s == 0 && job.checkpoint_write_s == 0 && i.IsDefined() &&
      cr.node("write", Need::optional).IsDefined())
    cr.diagnostics().add(cr.pos(cr.node("write", Need::optional)), cr.path("write"), "0 s",
                         "Daly's interval (auto) needs a checkpoint write time above zero; give one, or a "
                         "fixed interval");
  cr.finish();
}

// Restart: one duration, or its parts (detect the failure, reschedule, load the checkpoint).
void read_restart(MapReader& j, TrainingJobConfig& job) {
  const YamlNode r =
      j.node("restart", Need::required, "a duration, or a map with detect, reschedule and load");
  if (!r.IsDefined())
    return;
  if (!r.IsMap()) {
    job.restart_s = j.scalar_quantity(r, j.path("restart"), Dimension::time, Range::non_negative).value_or(0);
    return;
  }
  MapReader rr(r, j.path("restart"), j.file(), j.diagnostics());
  for (const char* part : {"detect", "reschedule", "load"})
    job.restart_s += rr.quantity(part, Dimension::time, Need::required, Range::non_negative).value_or(0);
  rr.finish();
}

void read_job(MapReader& w, TrainingJobConfig& job) {
  const YamlNode node = w.node("job", Need::required, "a map describing the training job");
  if (!node.IsDefined())
    return;
  MapReader j(node, w.path("job"), w.file(), w.diagnostics());
  job.where = w.pos(node);
  if (!j.is_map())
    return;
  job.where_accelerators = job.where_tensor = job.where;
  j.note_default("accelerators", {.shown = "every accelerator not serving inference"});
  if (const YamlNode n = j.node("accelerators", Need::optional, "all, or a whole number of accelerators");
      n.IsDefined()) {
    job.where_accelerators = j.pos(n);
    if (!(n.IsScalar() && n.Scalar() == "all"))
      job.accelerators =
          static_cast<int>(j.scalar_integer(n, j.path("accelerators"), 1, 10000000).value_or(0));
  }
  read_parallelism(j, job);
  read_model(j, job);
  job.tokens_per_step = j.quantity("tokens_per_step", Dimension::ratio, Need::required).value_or(0);
  job.spares = static_cast<int>(
      j.integer_or("spares", 0, 10000000, -1, {.row = "Hot spares", .shown = "every accelerator left over"}));
  job.microbatches = static_cast<int>(j.integer_or("microbatches", 1, 100000, 1, {}));
  job.kernel_efficiency = j.quantity_or("kernel_efficiency", Dimension::ratio, 1.0,
                                        {.row = "Kernel efficiency", .shown = "100 %"});
  if (job.kernel_efficiency > 1) {
    const YamlNode n = j.node("kernel_efficiency", Need::optional);
    j.diagnostics().add(j.pos(n), j.path("kernel_efficiency"), n.Scalar(),
                        "a fraction of peak, at most 100 %");
  }
  read_checkpoint(j, job);
  read_restart(j, job);
  job.step_probe = j.one_of_or("step_probe", {"auto", "simgrid", "fluid"}, "auto",
                               {.row = "How collectives are timed (`job.step_probe`)"});
  j.finish();
}

// One class's settings under `failures.classes.<name>`: rate, repair and blast radius.
void read_class_settings(MapReader& c, workload::FailureClass& fc, SourcePos& where_rate) {
  if (const YamlNode rate = c.node("rate", Need::optional); rate.IsDefined())
    where_rate = c.pos(rate);
  fc.rate_per_component_h =
      c.quantity_or("rate", Dimension::rate, fc.rate_per_component_h * 1.0 / 3600,
                    {.row = "Rate of each cause", .shown = "the class's (Llama 3), or 0 with rates: none"},
                    Range::non_negative) *
      3600;
  fc.repair_s = c.quantity_or("repair", Dimension::time, fc.repair_s,
                              {.shown = "hardware_repair; 0 for a software class"}, Range::non_negative);
  c.note_default("takes_down", {.row = "Blast radius", .shown = "the class's"});
  const YamlNode td = c.node("takes_down", Need::optional);
  if (const auto t = c.one_of("takes_down", {"job", "accelerator", "host", "rack", "pod"}, Need::optional))
    fc.takes_down = *t == "job"           ? workload::BlastRadius::job
                    : *t == "accelerator" ? workload::BlastRadius::accelerator
                    : *t == "host"        ? workload::BlastRadius::host
                    : *t == "rack"        ? workload::BlastRadius::rack
                                          : workload::BlastRadius::pod;
  // Software failures stop the job and take no hardware; hardware failures take hardware (a
  // failure anywhere in the cluster must not stop the job unless its blast radius holds it).
  const bool software = fc.per == workload::FailsPer::job_accelerator;
  if (td.IsDefined() && software != (fc.takes_down == workload::BlastRadius::job))
    c.diagnostics().add(c.pos(td), c.path("takes_down"), td.Scalar(),
                        software ? "a software failure takes down only the job ('job')"
                                 : "a hardware failure takes down an accelerator, host, rack or pod, "
                                   "not only the job");
  c.finish();
}

void read_classes(MapReader& r, FailuresConfig& f) {
  const YamlNode classes = r.node("classes", Need::optional, "a map of class name to its settings");
  if (!classes.IsDefined())
    return;
  if (!classes.IsMap()) {
    r.diagnostics().add(r.pos(classes), r.path("classes"), "", "expected a map of class name to settings");
    return;
  }
  std::vector<std::string> names;
  for (const auto& c : f.classes)
    names.push_back(c.name);
  MapReader cs(classes, r.path("classes"), r.file(), r.diagnostics());
  cs.keys_are_names("<class>");
  if (KeySchema* schema = KeySchema::active()) // one row for every class name
    schema->key(cs.pattern_path("<class>"), Need::optional, true,
                "a map: rate, repair, takes_down; <class> one of: " + join_words(names));
  for (auto it = classes.begin(); it != classes.end(); ++it) {
    const std::string name = it->first.Scalar();
    const auto k = std::find(names.begin(), names.end(), name);
    const YamlNode settings = cs.node(name, Need::optional);
    if (k == names.end()) {
      const std::string guess = closest_match(name, names);
      cs.diagnostics().add(cs.pos(settings), cs.path(name), "",
                           "not a failure class; the classes are: " + join_words(names) +
                               (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
      continue;
    }
    MapReader c(settings, cs.path(name), cs.file(), cs.diagnostics());
    c.set_pattern(cs.pattern_path("<class>"));
    if (c.is_map())
      read_class_settings(c, f.classes[k - names.begin()], f.where_rate[k - names.begin()]);
  }
}

void read_failures(MapReader& w, FailuresConfig& f) {
  const YamlNode node = w.node("failures", Need::optional, "none, or a map with hardware_repair and classes");
  if (!node.IsDefined()) {
    f.classes = workload::default_failure_classes(f.hardware_repair_s);
    f.where_rate.assign(f.classes.size(), SourcePos{w.file(), 0, 0});
    return;
  }
  if (node.IsScalar() && node.Scalar() == "none") {
    f.enabled = false;
    return;
  }
  MapReader r(node, w.path("failures"), w.file(), w.diagnostics());
  if (!r.is_map())
    return;
  f.hardware_repair_s = r.quantity_or("hardware_repair", Dimension::time, f.hardware_repair_s,
                                      {.row = "Hardware repair"}, Range::non_negative);
  f.classes = workload::default_failure_classes(f.hardware_repair_s);
  f.where_rate.assign(f.classes.size(), w.pos(node));
  // `rates: none` starts every class at zero, so a scenario can switch on just the ones it names.
  if (r.one_of_or("rates", {"llama3", "none"}, "llama3", {.row = "Rate of each cause"}) == "none")
    for (auto& c : f.classes)
      c.rate_per_component_h = 0;
  read_classes(r, f);
  r.finish();
}

void read_inference(MapReader& w, InferenceConfig& inf, Need need) {
  const YamlNode node = w.node("inference", need, "a map with replicas, request_rate and replica_capacity");
  if (!node.IsDefined())
    return;
  MapReader r(node, w.path("inference"), w.file(), w.diagnostics());
  inf.where = w.pos(node);
  if (!r.is_map())
    return;
  auto& s = inf.spec;
  s.replicas = static_cast<int>(r.integer("replicas", Need::required, 1, 100000).value_or(1));
  s.accelerators_per_replica = static_cast<int>(
      r.integer_or("accelerators_per_replica", 1, 100000, 0, {.shown = "one scale-up domain"}));
  s.request_rate_per_s = r.quantity("request_rate", Dimension::rate, Need::required).value_or(0);
  s.replica_capacity_per_s = r.quantity("replica_capacity", Dimension::rate, Need::required).value_or(0);
  s.restart_s = r.quantity_or("restart", Dimension::time, 0, {}, Range::non_negative);
  r.finish();
}

} // namespace

void read_workload(const YamlNode& node, MapReader& parent, WorkloadSpec& spec) {
  MapReader w(node, "workload", parent.file(), parent.diagnostics());
  if (!w.is_map())
    return;
  spec.kind = w.one_of("kind", workload_kinds(), Need::required).value_or("");
  spec.it_power = w.one_of_or("it_power", {"hosts", "declared"}, spec.kind == "idle" ? "declared" : "hosts",
                              {.shown = "declared for idle, hosts otherwise"});
  if (spec.kind == "training") {
    spec.job.emplace();
    read_job(w, *spec.job);
  }
  if (spec.ai()) {
    w.note_default("failures", {.row = "Rate of each cause", .shown = "every Llama 3 cause at its rate"});
    read_failures(w, spec.failures);
    if (w.node("inference", Need::optional).IsDefined() || spec.kind == "inference") {
      spec.inference.emplace();
      read_inference(w, *spec.inference, spec.kind == "inference" ? Need::required : Need::optional);
    }
  }
  w.finish();
}

} // namespace aidcsim
