#include "tools/aidcsim/isolated_process.hpp"

#include "engine/base/diagnostics.hpp"
#include "engine/base/output_path.hpp"
#include "tools/aidcsim/process_tree.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace aidcsim::cli {
namespace {

// Message framing on the pipe: one tag byte, then the text up to the end of the stream.
constexpr char tag_loaded = 'L';
constexpr char tag_result = 'R';
constexpr char tag_input_error = 'E';
constexpr char tag_output_error = 'O';
constexpr char tag_internal_error = 'X';

} // namespace

void write_all(int fd, const std::string& bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0)
      return;
    written += static_cast<std::size_t>(n);
  }
}

ChildOutcome run_in_child(const std::function<std::string(const std::function<void()>& mark_loaded)>& body) {
  int fds[2];
  if (::pipe(fds) != 0)
    throw std::runtime_error("pipe() failed");
  const pid_t pid = fork_child(fds[1]);
  if (pid == 0) {
    int code = 0;
    std::string message;
    try {
      message = tag_result + body([&] { write_all(fds[1], std::string(1, tag_loaded)); });
    } catch (const InputError& e) {
      message = tag_input_error + std::string(e.what());
      code = 2;
    } catch (const OutputError& e) {
      message = tag_output_error + std::string(e.what());
      code = 2;
    } catch (const std::exception& e) {
      message = tag_internal_error + std::string(e.what());
      code = 1;
    }
    write_all(fds[1], message);
    ::close(fds[1]);
    std::fflush(nullptr);
    std::_Exit(code); // skip the parent's atexit handlers and SimGrid's teardown
  }
  ::close(fds[1]);
  std::string stream;
  char buf[65536];
  ssize_t n = 0;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0)
    stream.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  forget_child(pid);

  bool loaded = false;
  if (!stream.empty() && stream.front() == tag_loaded) {
    loaded = true;
    stream.erase(0, 1);
  }
  ChildOutcome out;
  const bool clean_exit = WIFEXITED(status) && !stream.empty();
  if (clean_exit && stream.front() == tag_result) {
    out.kind = ChildOutcome::Kind::ok;
  } else if (clean_exit && stream.front() == tag_input_error) {
    out.kind = ChildOutcome::Kind::input_error;
  } else if (clean_exit && stream.front() == tag_output_error) {
    out.kind = ChildOutcome::Kind::output_error;
  } else if (clean_exit && stream.front() == tag_internal_error) {
    out.kind = ChildOutcome::Kind::internal_error;
  } else {
    const bool aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
    out.kind = loaded    ? ChildOutcome::Kind::crashed_after_loading
               : aborted ? ChildOutcome::Kind::crashed_while_loading
                         : ChildOutcome::Kind::killed_while_loading;
    out.how = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                  : "exited with code " + std::to_string(WEXITSTATUS(status));
    return out;
  }
  out.payload = stream.substr(1);
  return out;
}

} // namespace aidcsim::cli
