// A batch across MPI ranks: rank 0 hands out runs one at a time and writes every result into the
// database; the other ranks run them, each in a forked child. Runs and seeds are the same as with
// --jobs, so the report is the same, byte for byte.
#include "tools/aidcsim/batch_work.hpp"
#include "tools/aidcsim/isolated_process.hpp"

#include <mpi.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace aidcsim::cli {
namespace {

constexpr int tag_ready = 1;
constexpr int tag_work = 2;
constexpr int tag_result = 3;

// The run in a forked child, as in a local batch; an empty answer when the child died.
std::string run_in_fork(const Sweep& sweep, const SweepRun& run) {
  const ChildOutcome out = run_in_child([&](const std::function<void()>&) { return run_framed(sweep, run); });
  return out.kind == ChildOutcome::Kind::ok ? out.payload : std::string();
}

} // namespace

int run_mpi_batch(const Sweep& sweep, const std::string& db_path, bool allow_version_change) {
  // Workers fork a child per run; Open MPI would warn about it, harmlessly (the child never
  // touches MPI).
  setenv("OMPI_MCA_mpi_warn_on_fork", "0", 1);
  MPI_Init(nullptr, nullptr);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int code = 0;
  if (rank == 0) {
    long failed = 0;
    try {
      ResultsDb db(db_path);
      db.bind_sweep(sweep, allow_version_change);
      const std::vector<std::size_t> pending = pending_runs(sweep, db);
      spdlog::info("batch: {} runs, {} already in {}, {} to run on {} MPI ranks", sweep.runs.size(),
                   sweep.runs.size() - pending.size(), db_path, pending.size(), size - 1);
      BatchProgress progress(sweep.runs.size(), sweep.runs.size() - pending.size(), sweep.metric);
      std::size_t next = 0;
      int active = size - 1;
      std::vector<std::chrono::steady_clock::time_point> started(static_cast<std::size_t>(size));
      while (active > 0) {
        MPI_Status status;
        MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
        int bytes = 0;
        MPI_Get_count(&status, MPI_CHAR, &bytes);
        std::string message(static_cast<std::size_t>(bytes), '\0');
        MPI_Recv(message.data(), bytes, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        const int worker = status.MPI_SOURCE;
        if (status.MPI_TAG == tag_result) {
          const std::size_t colon = message.find(':');
          const std::size_t run = std::stoul(message.substr(0, colon));
          const double wall =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started[worker]).count();
          if (!store_answer(sweep, sweep.runs[run], message.substr(colon + 1), wall, db, progress))
            ++failed;
        }
        long long work = -1;
        if (next < pending.size())
          work = static_cast<long long>(pending[next++]);
        else
          --active;
        started[worker] = std::chrono::steady_clock::now();
        MPI_Send(&work, 1, MPI_LONG_LONG, worker, tag_work, MPI_COMM_WORLD);
      }
      progress.finish();
      spdlog::info("batch: {} runs done, {} failed", pending.size() - static_cast<std::size_t>(failed),
                   failed);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "aidcsim batch: %s\n", e.what());
      MPI_Abort(MPI_COMM_WORLD, 2);
    }
    code = failed > 0 ? 1 : 0;
  } else {
    const char ready = 'r';
    MPI_Send(&ready, 1, MPI_CHAR, 0, tag_ready, MPI_COMM_WORLD);
    while (true) {
      long long work = -1;
      MPI_Recv(&work, 1, MPI_LONG_LONG, 0, tag_work, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (work < 0)
        break;
      const std::string message =
          std::to_string(work) + ":" + run_in_fork(sweep, sweep.runs[static_cast<std::size_t>(work)]);
      MPI_Send(message.data(), static_cast<int>(message.size()), MPI_CHAR, 0, tag_result, MPI_COMM_WORLD);
    }
  }
  MPI_Finalize();
  return code;
}

} // namespace aidcsim::cli
