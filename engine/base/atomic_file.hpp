// Writes a file so that readers see either the old content or the whole new content: the text
// goes to a temporary file in the same folder, which is renamed over the target only after every
// byte was written and flushed without error.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace aidcsim {

// Throws OutputError (output_path.hpp: naming the path and the system error) when writing fails or
// the target exists and is not a regular file; the temporary file is removed and the target left
// untouched. The folder must exist.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

} // namespace aidcsim
