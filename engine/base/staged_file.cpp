#include "engine/base/staged_file.hpp"

#include "engine/base/output_path.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace aidcsim {
namespace {

std::string system_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

// A file with no name in the target's folder (Linux O_TMPFILE): a process killed outright leaves
// nothing behind, and the kernel frees it. -1 where the file system does not offer it.
int open_unnamed(const std::string& path) {
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  return ::open(folder.empty() ? "." : folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
}

} // namespace

StagedFile::StagedFile(std::string path)
    : path_(std::move(path)), temp_(path_ + ".tmp." + std::to_string(::getpid())) {
  check_replaceable(path_);
  const int fd = open_unnamed(path_);
  if (fd >= 0) {
    file_ = ::fdopen(fd, "wb");
    unnamed_ = file_ != nullptr;
    if (file_ == nullptr)
      ::close(fd);
  }
  if (file_ == nullptr)
    file_ = std::fopen(temp_.c_str(), "wb");
  if (file_ == nullptr)
    throw OutputError(system_error("cannot create", temp_));
}

StagedFile::~StagedFile() {
  if (file_ != nullptr)
    std::fclose(file_);
  if (!committed_)
    std::remove(temp_.c_str());
}

void StagedFile::commit(const std::string& what) {
  const bool flushed = !failed_ && std::fflush(file_) == 0;
  // An unnamed file gets its temporary name now, then is renamed as a named one would be: linkat()
  // cannot replace an existing target, rename() can, atomically.
  const std::string self = "/proc/self/fd/" + std::to_string(::fileno(file_));
  const bool named =
      !unnamed_ || ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temp_.c_str(), AT_SYMLINK_FOLLOW) == 0;
  const int link_errno = errno;
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (!flushed || closed != 0)
    throw OutputError(system_error("cannot write", temp_));
  errno = link_errno;
  if (!named)
    throw OutputError(system_error("cannot name", temp_));
  check_replaceable(path_);
  if (std::rename(temp_.c_str(), path_.c_str()) != 0)
    throw OutputError(system_error("cannot rename " + what + " to", path_));
  committed_ = true;
}

} // namespace aidcsim
