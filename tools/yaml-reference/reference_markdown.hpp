// docs/SCENARIOS.md from the key schema the readers recorded (engine/input/key_schema.hpp).
#pragma once

#include "engine/input/key_schema.hpp"

#include <set>
#include <string>

namespace aidcsim {

// The reference, one section per file kind and per top-level key, a table per map.
std::string reference_markdown(const KeySchema& schema);

// The docs/MODELS.md rows (first cells of its tables), to check the defaults' sources against.
std::set<std::string> models_rows(const std::string& models_md_text);

} // namespace aidcsim
