// What a batch does with each run, shared by the local workers and the MPI ranks: run it in a
// forked child (SimGrid keeps one engine per process) and store its metrics in one transaction.
#pragma once

#include "engine/input/sweep.hpp"
#include "engine/results/results_db.hpp"
#include "tools/aidcsim/batch_progress.hpp"

#include <string>
#include <vector>

namespace aidcsim::cli {

// The child's side: runs one run and returns the framed answer ('R' + JSON, 'E' + input error,
// 'X' + internal error). Never throws.
std::string run_framed(const Sweep& sweep, const SweepRun& run);

// The parent's side: stores a framed answer (or reports its error). Returns false on failure.
bool store_answer(const Sweep& sweep, const SweepRun& run, const std::string& framed, double wall_s,
                  ResultsDb& db, BatchProgress& progress);

// Runs not yet in the database, in expansion order.
std::vector<std::size_t> pending_runs(const Sweep& sweep, ResultsDb& db);

// Local batch: up to `jobs` children at once. Returns the number of failed runs.
long run_local(const Sweep& sweep, int jobs, ResultsDb& db, const std::vector<std::size_t>& pending,
               BatchProgress& progress);

// Batch across MPI ranks (rank 0 writes the database). Returns the process exit code.
int run_mpi_batch(const Sweep& sweep, const std::string& db_path, bool allow_version_change);

// True when this process was started by mpirun with more than one rank.
bool launched_by_mpirun();

} // namespace aidcsim::cli
