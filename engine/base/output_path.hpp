// Checks on the files a command writes, made before any simulation so that a long run never ends
// in "cannot write": the folder exists (or is created when the user asked for it), a file can be
// created in it, and no target is anything but a regular file. Writers (atomic_file.hpp,
// staged_file.hpp) check the last point again just before they rename over the target, so an
// output never replaces a device, a folder or a pipe.
#pragma once

#include <stdexcept>
#include <string>

namespace aidcsim {

// An output could not be written: the environment's fault, not the simulator's (exit code 2).
class OutputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// A folder that will hold outputs: created when missing. Its parent folders must exist unless
// `make_parents`. Throws OutputError when it is not a folder or a file cannot be created in it.
void prepare_output_folder(const std::string& folder, bool make_parents);

// One output file: its folder must exist (or is created with `make_parents`) and be writable, and
// the file must be absent or a regular file. Throws OutputError naming the path and the reason.
void check_output_file(const std::string& path, bool make_parents);

// Throws OutputError when `path` exists and is not a regular file (following symbolic links).
void check_replaceable(const std::string& path);

} // namespace aidcsim
