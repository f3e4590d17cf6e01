// `aidcsim batch SWEEP.yaml --jobs N --db results.sqlite`: every run of a sweep, one process per
// run, results in SQLite; rerunning resumes. Under mpirun the runs are spread over the ranks.
#include "engine/base/diagnostics.hpp"
#include "engine/base/output_path.hpp"
#include "engine/input/sweep.hpp"
#include "engine/results/results_db.hpp"
#include "tools/aidcsim/batch_work.hpp"
#include "tools/aidcsim/commands.hpp"
#include "tools/aidcsim/isolated_process.hpp"
#include "tools/aidcsim/run_json.hpp"
#include "tools/aidcsim/warnings.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <iostream>

namespace aidcsim::cli {

namespace {

int list_runs(const Sweep& sweep) {
  std::printf("run_key\tseed\tpoint\n");
  for (const auto& r : sweep.runs)
    std::printf("%s\t%llu\t%s\n", r.key.c_str(), static_cast<unsigned long long>(r.seed),
                sweep.points[r.point].label.c_str());
  return exit_ok;
}

// One run alone, in a child as in the batch, its JSON on stdout.
int replay_run(const Sweep& sweep, const std::string& key) {
  for (const auto& r : sweep.runs) {
    if (r.key != key)
      continue;
    const ChildOutcome out = run_in_child([&](const std::function<void()>&) { return run_framed(sweep, r); });
    if (out.kind != ChildOutcome::Kind::ok || out.payload.empty() || out.payload.front() != 'R') {
      std::cerr << "aidcsim batch: run " << r.key
                << " failed: " << (out.payload.size() > 1 ? out.payload.substr(1) : out.how) << "\n";
      return exit_internal_error;
    }
    std::cout << json::parse(out.payload.substr(1)).dump(2) << "\n";
    return exit_ok;
  }
  std::cerr << "aidcsim batch: --replay '" << key << "': no such run (runs are p<point>-r<replication>, "
            << "p0-r0 to " << sweep.runs.back().key << ")\n";
  return exit_bad_input;
}

} // namespace

int batch_command(const BatchArgs& args) {
  Sweep sweep;
  try {
    sweep = load_sweep(args.sweep);
  } catch (const InputError& e) {
    std::cerr << e.what();
    return exit_bad_input;
  }
  print_warnings(sweep.warnings);
  if (args.list)
    return list_runs(sweep);
  if (args.replay)
    return replay_run(sweep, *args.replay);
  if (args.db.empty()) {
    std::cerr << "aidcsim batch: --db is required (the SQLite file for the results)\n";
    return exit_bad_input;
  }
  try {
    check_output_file(args.db, false); // the folder takes the file, its log and its lock
  } catch (const OutputError& e) {
    std::cerr << "aidcsim batch: --db: " << e.what() << "\n";
    return exit_bad_input;
  }
  if (launched_by_mpirun())
    return run_mpi_batch(sweep, args.db, args.allow_version_change);

  try {
    ResultsDb db(args.db);
    db.bind_sweep(sweep, args.allow_version_change);
    const std::vector<std::size_t> pending = pending_runs(sweep, db);
    spdlog::info("batch: {} runs ({} points x {} replications), {} already in {}, {} to run on {} jobs",
                 sweep.runs.size(), sweep.points.size(), sweep.replications,
                 sweep.runs.size() - pending.size(), args.db, pending.size(), args.jobs);
    BatchProgress progress(sweep.runs.size(), sweep.runs.size() - pending.size(), sweep.metric);
    const auto start = std::chrono::steady_clock::now();
    const long failed = run_local(sweep, args.jobs, db, pending, progress);
    progress.finish();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double years = static_cast<double>(pending.size() - static_cast<std::size_t>(failed)) *
                         sweep.duration_s / (365.0 * 86400.0);
    std::string rate;
    if (sweep.duration_s > 0 && wall > 0)
      rate = fmt::format(", {:.6g} facility-years at {:.0f} facility-years/s", years, years / wall);
    spdlog::info("batch: {} runs done, {} failed, {:.1f} s{}",
                 pending.size() - static_cast<std::size_t>(failed), failed, wall, rate);
    return failed > 0 ? exit_internal_error : exit_ok;
  } catch (const std::invalid_argument& e) {
    std::cerr << "aidcsim batch: " << e.what() << "\n";
    return exit_bad_input;
  } catch (const std::runtime_error& e) { // the database file, its lock, fork(): the environment
    std::cerr << "aidcsim batch: " << e.what() << "\n";
    return exit_bad_input;
  }
}

} // namespace aidcsim::cli
