#include "engine/base/output_path.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace aidcsim {
namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

// Creating a file is the only test that holds for every case: permissions, a read-only mount, a
// full inode table, root (for whom access(2) says yes to read-only folders).
void check_writable(const fs::path& folder) {
  const fs::path probe = folder / (".aidcsim-write-test." + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw OutputError("cannot write in folder " + quoted(folder) + ": " + std::strerror(errno));
  ::close(fd);
  ::unlink(probe.c_str());
}

void ensure_folder(const fs::path& folder, bool make_parents) {
  std::error_code ec;
  const fs::file_status st = fs::status(folder, ec);
  if (fs::is_directory(st))
    return;
  if (fs::exists(st))
    throw OutputError(quoted(folder) + " is not a folder");
  const fs::path parent = folder.parent_path();
  if (!make_parents && !parent.empty() && !fs::is_directory(parent, ec))
    throw OutputError("folder " + quoted(parent) + " does not exist (give --parents to create it)");
  if (make_parents)
    fs::create_directories(folder, ec);
  else
    fs::create_directory(folder, ec);
  if (ec)
    throw OutputError("cannot create folder " + quoted(folder) + ": " + ec.message());
}

} // namespace

void prepare_output_folder(const std::string& folder, bool make_parents) {
  ensure_folder(fs::path(folder), make_parents);
  check_writable(fs::path(folder));
}

void check_output_file(const std::string& path, bool make_parents) {
  const fs::path target(path);
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    if (!make_parents)
      throw OutputError("folder " + quoted(folder) + " does not exist (give --parents to create it)");
    ensure_folder(folder, true);
  }
  check_replaceable(path);
  check_writable(folder);
}

void check_replaceable(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return; // absent (or a dangling link, which the rename replaces)
  if (S_ISDIR(st.st_mode))
    throw OutputError("'" + path + "' is a folder; give a file name");
  if (!S_ISREG(st.st_mode))
    throw OutputError("'" + path +
                      "' is not a regular file (a device, pipe or socket); aidcsim replaces "
                      "only regular files");
}

} // namespace aidcsim
