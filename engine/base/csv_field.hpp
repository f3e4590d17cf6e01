// One field of a CSV row as RFC 4180 writes it: a field with a comma, a quote or a line break is
// quoted, its quotes doubled; any other is written as it is.
#pragma once

#include <string>

namespace aidcsim {

std::string csv_field(const std::string& text);

} // namespace aidcsim
