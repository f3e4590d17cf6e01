// Which kind of aidcsim YAML file a document is, told by its top-level keys, so that a file given
// to the wrong command gets one clear sentence instead of a list of unknown keys.
#pragma once

#include "engine/base/diagnostics.hpp"
#include "engine/input/yaml_tree.hpp"

#include <string>

namespace aidcsim {

enum class FileKind { unknown, scenario, sweep, catalog };

// scenario: `platform` or `workload`; sweep: `base` (and no `platform`); catalog: `chips` and
// `systems`. Unknown for anything else (a reader then reports its keys).
FileKind file_kind(const YamlNode& root);

const char* file_kind_name(FileKind kind);

// Throws InputError when `root` is clearly another kind of file than `expected`, saying what it
// is and which command reads it.
void require_file_kind(const YamlNode& root, const std::string& path, FileKind expected);

} // namespace aidcsim
