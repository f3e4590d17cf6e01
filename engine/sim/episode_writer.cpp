#include "engine/sim/episode_writer.hpp"

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

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos)
    return text;
  std::string out = "\"";
  for (char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

constexpr const char* header = "chain_start_s,it_lost_s,end_s,it_downtime_min,racks_lost,first_cause,"
                               "first_component,last_cause,last_component,weight,chain\n";

} // namespace

EpisodeWriter::EpisodeWriter(std::string path)
    : path_(std::move(path)), temp_(path_ + ".tmp." + std::to_string(::getpid())) {
  const std::filesystem::path folder = std::filesystem::path(path_).parent_path();
  std::error_code ec;
  if (!folder.empty())
    std::filesystem::create_directories(folder, ec);
  if (ec)
    throw std::runtime_error("cannot create folder '" + folder.string() + "': " + ec.message());
  file_ = std::fopen(temp_.c_str(), "wb");
  if (file_ == nullptr)
    throw std::runtime_error(system_error("cannot create", temp_));
  failed_ = std::fputs(header, file_) < 0;
}

EpisodeWriter::~EpisodeWriter() {
  if (file_ != nullptr)
    std::fclose(file_);
  if (!committed_)
    std::remove(temp_.c_str());
}

void EpisodeWriter::attach(power::EpisodeRecorder& recorder) {
  recorder.on_episode = [this, &recorder](const power::Episode& e) { add(e, recorder); };
}

void EpisodeWriter::add(const power::Episode& e, const power::EpisodeRecorder& recorder) {
  const auto& causes = recorder.causes();
  const int n = std::fprintf(
      file_, "%.17g,%.17g,%.17g,%.17g,%d,%s,%s,%s,%s,%.17g,%s\n", e.chain_start_s, e.it_lost_s, e.end_s,
      e.it_downtime_min, e.racks_lost, csv_field(causes[static_cast<std::size_t>(e.first_cause)]).c_str(),
      csv_field(e.first_component).c_str(), csv_field(causes[static_cast<std::size_t>(e.last_cause)]).c_str(),
      csv_field(e.last_component).c_str(), e.weight, csv_field(e.chain).c_str());
  failed_ = failed_ || n < 0;
  ++rows_;
}

void EpisodeWriter::commit() {
  const bool flushed = !failed_ && std::fflush(file_) == 0;
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (!flushed || closed != 0)
    throw std::runtime_error(system_error("cannot write", temp_));
  if (std::rename(temp_.c_str(), path_.c_str()) != 0)
    throw std::runtime_error(system_error("cannot rename the episodes to", path_));
  committed_ = true;
}

} // namespace aidcsim
