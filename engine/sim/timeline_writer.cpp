#include "engine/sim/timeline_writer.hpp"

#include "engine/base/fixed_format.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace aidcsim {

namespace {

constexpr std::size_t flush_bytes = 1 << 20;
constexpr const char* header = "time_s,component,kind,state,load_kw,state_of_charge,coolant_c,chip_c\n";

std::string system_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

} // namespace

TimelineWriter::TimelineWriter(std::string path, TimelineFilter filter)
    : path_(std::move(path)), temp_(path_ + ".tmp." + std::to_string(::getpid())),
      filter_(std::move(filter)) {
  const std::filesystem::path folder = std::filesystem::path(path_).parent_path();
  std::error_code ec;
  if (!folder.empty())
    std::filesystem::create_directories(folder, ec); // as metrics.json's writer does
  if (ec)
    throw std::runtime_error("cannot create folder '" + folder.string() + "': " + ec.message());
  file_ = std::fopen(temp_.c_str(), "wb");
  if (file_ == nullptr)
    throw std::runtime_error(system_error("cannot create", temp_));
  buffer_.reserve(flush_bytes + 4096);
  buffer_ += header;
}

TimelineWriter::~TimelineWriter() {
  if (file_ != nullptr)
    std::fclose(file_);
  if (!committed_)
    std::remove(temp_.c_str());
}

bool TimelineWriter::chosen(const power::TimelineRow& row) const {
  return filter_.components.empty() || filter_.components.count(row.component) > 0 ||
         filter_.components.count(row.kind) > 0;
}

void TimelineWriter::remember(const power::TimelineRow& row) {
  const auto [it, fresh] = index_.emplace(row.component, last_.size());
  if (fresh)
    last_.push_back(row);
  else
    last_[it->second] = row;
}

void TimelineWriter::add(const power::TimelineRow& row) {
  ++rows_;
  if (!chosen(row))
    return;
  if (!filter_.windowed()) {
    write_row(row, row.time_s);
    return;
  }
  if (row.time_s < filter_.from_s) {
    remember(row);
    return;
  }
  if (window_ == Window::before)
    open_window();
  if (row.time_s > filter_.to_s) {
    if (window_ == Window::open)
      close_window();
    return;
  }
  remember(row);
  write_row(row, row.time_s);
}

// Every component as it stood at `from`.
void TimelineWriter::open_window() {
  window_ = Window::open;
  for (const auto& row : last_)
    write_row(row, filter_.from_s);
}

// Every component as it stands at `to` (only when the run went past it).
void TimelineWriter::close_window() {
  window_ = Window::closed;
  for (const auto& row : last_)
    if (row.time_s < filter_.to_s)
      write_row(row, filter_.to_s);
}

void TimelineWriter::write_row(const power::TimelineRow& row, double time_s) {
  ++written_;
  char num[512];
  auto append = [&](double x, int decimals) { buffer_.append(num, format_fixed(num, x, decimals)); };
  append(time_s, 6);
  buffer_ += ',';
  buffer_ += row.component;
  buffer_ += ',';
  buffer_ += row.kind;
  buffer_ += ',';
  buffer_ += row.state;
  buffer_ += ',';
  append(row.load_kw, 3);
  buffer_ += ',';
  if (row.state_of_charge >= 0)
    append(row.state_of_charge, 6);
  buffer_ += ',';
  if (row.coolant_c >= -273)
    append(row.coolant_c, 3);
  buffer_ += ',';
  if (row.chip_c >= -273)
    append(row.chip_c, 3);
  buffer_ += '\n';
  if (buffer_.size() >= flush_bytes)
    flush();
}

void TimelineWriter::flush() {
  if (!failed_ && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    failed_ = true;
  buffer_.clear();
}

void TimelineWriter::commit() {
  if (filter_.windowed() && window_ == Window::before)
    open_window(); // the run ended before `from`: the state at its end
  flush();
  const bool flushed = !failed_ && std::fflush(file_) == 0;
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (!flushed || closed != 0)
    throw std::runtime_error(system_error("cannot write", temp_));
  if (std::rename(temp_.c_str(), path_.c_str()) != 0)
    throw std::runtime_error(system_error("cannot rename the timeline to", path_));
  committed_ = true;
}

} // namespace aidcsim
