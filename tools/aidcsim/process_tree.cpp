#include "tools/aidcsim/process_tree.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aidcsim::cli {
namespace {

// What the signal handler reads: fixed arrays of plain values, no allocation (async-signal-safe).
constexpr std::size_t max_children = 2048;                    // batch --jobs is at most 1024
std::array<volatile sig_atomic_t, max_children> child_pids{}; // 0: a free slot
constexpr std::size_t max_staged = 4, max_path = 4096;
std::array<std::array<char, max_path>, max_staged> staged_paths{}; // "<path>.tmp."
volatile sig_atomic_t staged_count = 0;

constexpr std::array<int, 4> ending_signals{SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// "<prefix><pid>" into `out`, with write-only steps a signal handler may take.
void temp_name(const char* prefix, pid_t pid, std::array<char, max_path + 24>& out) {
  std::size_t n = 0;
  for (; prefix[n] != '\0' && n < max_path; ++n)
    out[n] = prefix[n];
  char digits[24];
  std::size_t d = 0;
  for (auto v = static_cast<unsigned long>(pid); d == 0 || v > 0; v /= 10)
    digits[d++] = static_cast<char>('0' + v % 10);
  while (d > 0)
    out[n++] = digits[--d];
  out[n] = '\0';
}

void end_children_and_die(int sig) {
  for (const auto& slot : child_pids)
    if (slot > 0)
      ::kill(static_cast<pid_t>(slot), SIGKILL);
  std::array<char, max_path + 24> name{};
  for (const auto& slot : child_pids) {
    if (slot <= 0)
      continue;
    const auto pid = static_cast<pid_t>(slot);
    ::waitpid(pid, nullptr, 0); // dead before the command is: nothing written after it exits
    for (sig_atomic_t i = 0; i < staged_count; ++i) {
      temp_name(staged_paths[static_cast<std::size_t>(i)].data(), pid, name);
      ::unlink(name.data());
    }
  }
  // SA_RESETHAND restored the default action: the command dies of the signal it was sent, as a
  // shell expects (exit status 128 + signal).
  ::raise(sig);
}

void record(pid_t pid) {
  for (auto& slot : child_pids)
    if (slot == 0) {
      slot = pid;
      return;
    }
}

void close_inherited_fds(int keep_fd) {
  // close_range(2) needs Linux 5.9; older kernels get the loop.
  const bool below = keep_fd <= 3 || ::close_range(3, static_cast<unsigned>(keep_fd) - 1, 0) == 0;
  const bool above = ::close_range(static_cast<unsigned>(keep_fd) + 1, ~0U, 0) == 0;
  if (below && above)
    return;
  const long open_max = ::sysconf(_SC_OPEN_MAX);
  for (int fd = 3; fd < (open_max > 0 && open_max < 65536 ? open_max : 65536); ++fd)
    if (fd != keep_fd)
      ::close(fd);
}

void become_child(pid_t parent, int keep_fd) {
  for (const int sig : ending_signals)
    std::signal(sig, SIG_DFL);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) // the parent died before the request above took effect
    std::_Exit(1);
  ::setpgid(0, 0);
  close_inherited_fds(keep_fd);
}

} // namespace

void end_children_on_signal() {
  struct sigaction action {};
  action.sa_handler = end_children_and_die;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  for (const int sig : ending_signals)
    sigaddset(&action.sa_mask, sig); // one handler run at a time
  for (const int sig : ending_signals) {
    struct sigaction before {};
    ::sigaction(sig, nullptr, &before);
    if (before.sa_handler != SIG_IGN) // nohup, or a shell's background job: left as asked
      ::sigaction(sig, &action, nullptr);
  }
}

pid_t fork_child(int pipe_write_fd) {
  const pid_t parent = ::getpid();
  std::fflush(nullptr); // nothing buffered may be printed twice
  const pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error(std::string("cannot start a simulation process: ") + std::strerror(errno));
  if (pid == 0)
    become_child(parent, pipe_write_fd);
  else
    record(pid);
  return pid;
}

void forget_child(pid_t pid) {
  for (auto& slot : child_pids)
    if (slot == pid)
      slot = 0;
}

void remove_on_signal(const std::string& path) {
  const std::string prefix = path + ".tmp.";
  if (staged_count >= static_cast<sig_atomic_t>(max_staged) || prefix.size() >= max_path)
    return;
  auto& slot = staged_paths[static_cast<std::size_t>(staged_count)];
  std::memcpy(slot.data(), prefix.c_str(), prefix.size() + 1);
  staged_count = staged_count + 1;
}

} // namespace aidcsim::cli
