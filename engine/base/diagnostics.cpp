#include "engine/base/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace aidcsim {

std::string Diagnostic::format() const {
  std::string out = pos.file.empty() ? std::string("<input>") : pos.file;
  if (pos.line > 0) {
    out += ':';
    out += std::to_string(pos.line);
    if (pos.column > 0) {
      out += ':';
      out += std::to_string(pos.column);
    }
  }
  out += warning ? ": warning: " : ": error: ";
  if (!key.empty()) {
    out += "key '" + key + "'";
    if (!value.empty())
      out += " = '" + value + "'";
    out += ": ";
  } else if (!value.empty()) {
    out += "'" + value + "': ";
  }
  out += message;
  return out;
}

void Diagnostics::add(SourcePos pos, std::string key, std::string value, std::string message) {
  items_.push_back(Diagnostic{std::move(pos), std::move(key), std::move(value), std::move(message)});
}

std::string Diagnostics::format_all() const {
  std::string out;
  for (const auto& d : items_) {
    out += d.format();
    out += '\n';
  }
  return out;
}

void Diagnostics::sort_by_position() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pos.file, a.pos.line, a.pos.column) < std::tie(b.pos.file, b.pos.line, b.pos.column);
  });
}

namespace {
Diagnostics sorted(Diagnostics d) {
  d.sort_by_position();
  return d;
}
} // namespace

InputError::InputError(Diagnostics diagnostics)
    : std::runtime_error(sorted(diagnostics).format_all()), diagnostics_(sorted(std::move(diagnostics))) {}

void throw_input_error(SourcePos pos, std::string key, std::string value, std::string message) {
  Diagnostics d;
  d.add(std::move(pos), std::move(key), std::move(value), std::move(message));
  throw InputError(std::move(d));
}

} // namespace aidcsim
