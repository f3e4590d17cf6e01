// The command's child processes, ended with it.
//
// Every simulation runs in a forked child (isolated_process.hpp, batch_work.hpp). A child must not
// outlive the command: it would go on writing into --out, or hold a batch's lock, after the user
// stopped the command. Three things see to that:
//   - each child asks the kernel to kill it when its parent dies (PR_SET_PDEATHSIG), which covers
//     SIGKILL of the command;
//   - the command catches SIGINT, SIGTERM, SIGHUP and SIGQUIT, kills its children, waits for them,
//     removes their temporary output files and then dies of the same signal;
//   - a child closes every descriptor it inherited except standard input/output/error and the pipe
//     it answers on, so it never holds the batch database's lock (flock locks belong to the open
//     file, which fork() shares).
// Children run in their own process group, so a Ctrl-C on the terminal reaches the command only and
// the command ends them (SimGrid's own SIGINT handler would otherwise print its actors and exit).
#pragma once

#include <string>
#include <sys/types.h>

namespace aidcsim::cli {

// Installs the handlers; once, at the start of main().
void end_children_on_signal();

// fork() for a child that answers on `pipe_write_fd`. In the child: the death signal, its own
// process group, default signal handlers and only fds 0-2 and `pipe_write_fd` open. In the parent:
// the child is recorded until forget_child(). Throws std::runtime_error when fork() fails.
pid_t fork_child(int pipe_write_fd);

// After waitpid() on a child from fork_child().
void forget_child(pid_t pid);

// A file a child may be writing as "<path>.tmp.<child pid>" (StagedFile): removed when a signal
// ends the command. At most four paths; call before fork_child().
void remove_on_signal(const std::string& path);

} // namespace aidcsim::cli
