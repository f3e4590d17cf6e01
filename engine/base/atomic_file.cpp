#include "engine/base/atomic_file.hpp"

#include "engine/base/output_path.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace aidcsim {

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  check_replaceable(path);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw OutputError("cannot write '" + tmp + "': " + std::strerror(errno));
    try {
      write(out);
    } catch (...) {
      out.close();
      std::remove(tmp.c_str());
      throw;
    }
    out.flush();
    if (!out) {
      const std::string why = std::strerror(errno);
      out.close();
      std::remove(tmp.c_str());
      throw OutputError("error while writing '" + tmp + "': " + why);
    }
  }
  std::error_code ec;
  try {
    check_replaceable(path); // again: it may have changed while the file was written
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw OutputError("cannot move '" + tmp + "' to '" + path + "': " + ec.message());
  }
}

} // namespace aidcsim
