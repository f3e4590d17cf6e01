#include "engine/input/file_kind.hpp"

namespace aidcsim {

FileKind file_kind(const YamlNode& root) {
  if (!root.IsMap())
    return FileKind::unknown;
  const bool platform = root["platform"].IsDefined(), workload = root["workload"].IsDefined();
  if (root["chips"].IsDefined() && root["systems"].IsDefined())
    return FileKind::catalog;
  if (root["base"].IsDefined() && !platform)
    return FileKind::sweep;
  if (platform || workload)
    return FileKind::scenario;
  return FileKind::unknown;
}

const char* file_kind_name(FileKind kind) {
  switch (kind) {
  case FileKind::scenario:
    return "scenario";
  case FileKind::sweep:
    return "sweep";
  case FileKind::catalog:
    return "hardware catalog";
  case FileKind::unknown:
    break;
  }
  return "unknown";
}

void require_file_kind(const YamlNode& root, const std::string& path, FileKind expected) {
  const FileKind kind = file_kind(root);
  if (kind == FileKind::unknown || kind == expected)
    return;
  const char* how = kind == FileKind::scenario ? "aidcsim run FILE"
                    : kind == FileKind::sweep  ? "aidcsim batch FILE --db results.sqlite"
                                               : "aidcsim platform generate --catalog FILE";
  throw_input_error(SourcePos{path, 1, 1}, "", "",
                    std::string("this is a ") + file_kind_name(kind) + " file, not a " +
                        file_kind_name(expected) + " file; it is read by '" + how + "'");
}

} // namespace aidcsim
