#include "engine/base/staged_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace aidcsim {
namespace {

std::string system_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

} // namespace

StagedFile::StagedFile(std::string path)
    : path_(std::move(path)), temp_(path_ + ".tmp." + std::to_string(::getpid())) {
  const std::filesystem::path folder = std::filesystem::path(path_).parent_path();
  std::error_code ec;
  if (!folder.empty())
    std::filesystem::create_directories(folder, ec); // as metrics.json's writer does
  if (ec)
    throw std::runtime_error("cannot create folder '" + folder.string() + "': " + ec.message());
  file_ = std::fopen(temp_.c_str(), "wb");
  if (file_ == nullptr)
    throw std::runtime_error(system_error("cannot create", temp_));
}

StagedFile::~StagedFile() {
  if (file_ != nullptr)
    std::fclose(file_);
  if (!committed_)
    std::remove(temp_.c_str());
}

void StagedFile::commit(const std::string& what) {
  const bool flushed = !failed_ && std::fflush(file_) == 0;
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (!flushed || closed != 0)
    throw std::runtime_error(system_error("cannot write", temp_));
  if (std::rename(temp_.c_str(), path_.c_str()) != 0)
    throw std::runtime_error(system_error("cannot rename " + what + " to", path_));
  committed_ = true;
}

} // namespace aidcsim
