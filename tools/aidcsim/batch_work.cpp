#include "tools/aidcsim/batch_work.hpp"

#include "engine/base/diagnostics.hpp"
#include "engine/sim/simulation.hpp"
#include "tools/aidcsim/availability_report.hpp"
#include "tools/aidcsim/isolated_process.hpp"
#include "tools/aidcsim/process_tree.hpp"
#include "tools/aidcsim/run_json.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aidcsim::cli {

std::string run_framed(const Sweep& sweep, const SweepRun& run) {
  try {
    const Scenario s = sweep.scenario_for(run);
    std::string answer = "R";
    if (sweep.estimator.empty()) {
      answer += dump(to_json(run_scenario(s)), -1);
    } else {
      power::SamplingOptions options;
      options.biased = sweep.estimator == "is";
      answer += dump(to_json(estimate_availability(s, options)), -1);
    }
    return answer;
  } catch (const InputError& e) {
    return std::string("E") + e.what();
  } catch (const std::exception& e) {
    return std::string("X") + e.what();
  }
}

bool store_answer(const Sweep& sweep, const SweepRun& run, const std::string& framed, double wall_s,
                  ResultsDb& db, BatchProgress& progress) {
  if (framed.empty() || framed.front() != 'R') {
    spdlog::error("batch: run {} ({}) failed: {}", run.key, sweep.points[run.point].label,
                  framed.empty() ? "the simulation process died" : framed.substr(1));
    progress.run_failed();
    return false;
  }
  const auto metrics = flatten_metrics(json::parse(framed.substr(1)));
  db.record_run(run.key, run.point, run.replication, static_cast<long long>(run.seed), wall_s, metrics);
  spdlog::debug("batch: run {} done in {:.3f} s", run.key, wall_s);
  const auto m = metrics.find(sweep.metric);
  progress.run_done(m == metrics.end() ? 0.0 : m->second, m != metrics.end());
  return true;
}

std::vector<std::size_t> pending_runs(const Sweep& sweep, ResultsDb& db) {
  const auto done = db.finished_runs();
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < sweep.runs.size(); ++i)
    if (done.count(sweep.runs[i].key) == 0)
      pending.push_back(i);
  return pending;
}

namespace {

// A run in a child process, whose framed answer comes back through a pipe.
struct Child {
  pid_t pid;
  int fd;
  std::size_t run;
  std::string answer;
  std::chrono::steady_clock::time_point start;
};

Child fork_run(const Sweep& sweep, std::size_t run) {
  int fds[2];
  if (pipe(fds) != 0)
    throw std::runtime_error("pipe() failed");
  const pid_t pid = fork_child(fds[1]);
  if (pid == 0) {
    write_all(fds[1], run_framed(sweep, sweep.runs[run]));
    std::_Exit(0);
  }
  close(fds[1]);
  return {pid, fds[0], run, {}, std::chrono::steady_clock::now()};
}

// Reads what a child wrote; at its end, reaps it and stores its answer. True once it is done.
bool collect(Child& c, const Sweep& sweep, ResultsDb& db, BatchProgress& progress, long& failed) {
  char buf[65536];
  const ssize_t n = read(c.fd, buf, sizeof buf);
  if (n > 0) {
    c.answer.append(buf, static_cast<std::size_t>(n));
    return false;
  }
  close(c.fd);
  int status = 0;
  waitpid(c.pid, &status, 0);
  forget_child(c.pid);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - c.start).count();
  if (!store_answer(sweep, sweep.runs[c.run], c.answer, wall, db, progress))
    ++failed;
  return true;
}

} // namespace

long run_local(const Sweep& sweep, int jobs, ResultsDb& db, const std::vector<std::size_t>& pending,
               BatchProgress& progress) {
  std::vector<Child> children;
  std::size_t next = 0;
  long failed = 0;
  while (next < pending.size() || !children.empty()) {
    while (static_cast<int>(children.size()) < jobs && next < pending.size())
      children.push_back(fork_run(sweep, pending[next++]));
    std::vector<pollfd> polls;
    for (const auto& c : children)
      polls.push_back({c.fd, POLLIN, 0});
    if (poll(polls.data(), polls.size(), -1) < 0)
      continue; // interrupted: poll again
    for (std::size_t i = children.size(); i-- > 0;)
      if (polls[i].revents != 0 && collect(children[i], sweep, db, progress, failed))
        children.erase(children.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return failed;
}

bool launched_by_mpirun() {
  const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
  return size != nullptr && std::atoi(size) > 1;
}

} // namespace aidcsim::cli
