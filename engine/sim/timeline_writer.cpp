#include "engine/sim/timeline_writer.hpp"

#include "engine/base/fixed_format.hpp"

#include <bit>
#include <cstring>

namespace aidcsim {

namespace {

constexpr std::string_view header = "time_s,component,kind,state,load_kw,state_of_charge,coolant_c,chip_c\n";
// A number takes at most this much (format_fixed); a row, its text plus four numbers and commas.
constexpr std::size_t number_bytes = 400;
constexpr std::size_t row_bytes(const power::TimelineRow& r) {
  // Text fields may double in size when quoted (put_field).
  return 2 * (r.component.size() + r.kind.size() + r.state.size()) + 4 * number_bytes + 16;
}

char* put(char* out, std::string_view text) {
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled (an
// on-site plant's state reads "running 2/3 (0 in repair, 1 in maintenance)").
char* put_field(char* out, std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos)
    return put(out, text);
  *out++ = '"';
  for (const char c : text) {
    if (c == '"')
      *out++ = '"';
    *out++ = c;
  }
  *out++ = '"';
  return out;
}

// x with `decimals` digits, copied from `last` when it holds the same value (the same bits: -0
// and 0 print apart), else formatted and remembered.
template <class Last> char* put_number(char* out, double x, int decimals, Last& last) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  if (last.size != 0 && bits == last.bits) {
    std::memcpy(out, last.text, last.size);
    return out + last.size;
  }
  char* end = format_fixed(out, x, decimals);
  const auto size = static_cast<std::size_t>(end - out);
  last.size = size <= sizeof last.text ? static_cast<std::uint8_t>(size) : 0;
  last.bits = bits;
  std::memcpy(last.text, out, last.size);
  return end;
}

} // namespace

TimelineWriter::TimelineWriter(std::string path, TimelineFilter filter, const std::string& preamble)
    : filter_(std::move(filter)), file_(std::move(path)) {
  if (!preamble.empty() && std::fputs(preamble.c_str(), file_.get()) < 0)
    file_.mark_failed();
  buffer_ = std::make_unique<char[]>(capacity_);
  used_ = static_cast<std::size_t>(put(buffer_.get(), header) - buffer_.get());
}

TimelineWriter::KeptRow& TimelineWriter::KeptRow::operator=(const power::TimelineRow& r) {
  component = r.component;
  kind = r.kind;
  state = r.state;
  row = r;
  row.component = component;
  row.kind = kind;
  row.state = state;
  return *this;
}

bool TimelineWriter::chosen(const power::TimelineRow& row) const {
  return filter_.components.empty() || filter_.components.contains(row.component) ||
         filter_.components.contains(row.kind);
}

void TimelineWriter::remember(const power::TimelineRow& row) {
  const auto [it, fresh] = index_.emplace(row.component, last_.size());
  if (fresh)
    last_.emplace_back(row);
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
  for (const KeptRow& kept : last_)
    write_row(kept.row, filter_.from_s);
}

// Every component as it stands at `to` (only when the run went past it).
void TimelineWriter::close_window() {
  window_ = Window::closed;
  for (const KeptRow& kept : last_)
    if (kept.row.time_s < filter_.to_s)
      write_row(kept.row, filter_.to_s);
}

void TimelineWriter::write_row(const power::TimelineRow& row, double time_s) {
  ++written_;
  const std::size_t most = row_bytes(row);
  if (used_ + most > capacity_) {
    flush();
    if (most > capacity_) { // a row longer than the buffer (a very long state)
      capacity_ = most;
      buffer_ = std::make_unique<char[]>(capacity_);
    }
  }
  char* out = buffer_.get() + used_;
  out = put_number(out, time_s, 6, last_time_);
  *out++ = ',';
  out = put_field(out, row.component);
  *out++ = ',';
  out = put_field(out, row.kind);
  *out++ = ',';
  out = put_field(out, row.state);
  *out++ = ',';
  out = put_number(out, row.load_kw, 3, last_load_);
  *out++ = ',';
  if (row.state_of_charge >= 0)
    out = put_number(out, row.state_of_charge, 6, last_soc_);
  *out++ = ',';
  if (row.coolant_c >= -273)
    out = format_fixed(out, row.coolant_c, 3);
  *out++ = ',';
  if (row.chip_c >= -273)
    out = format_fixed(out, row.chip_c, 3);
  *out++ = '\n';
  used_ = static_cast<std::size_t>(out - buffer_.get());
}

void TimelineWriter::flush() {
  if (!file_.failed() && used_ > 0 && std::fwrite(buffer_.get(), 1, used_, file_.get()) != used_)
    file_.mark_failed();
  used_ = 0;
}

void TimelineWriter::commit() {
  if (filter_.windowed() && window_ == Window::before)
    open_window(); // the run ended before `from`: the state at its end
  flush();
  file_.commit("the timeline");
}

} // namespace aidcsim
