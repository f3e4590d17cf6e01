// SHA-256 (FIPS 180-4) of bytes and of files: the content hash that provenance records, the same
// hex string `sha256sum` prints, so a user can check which scenario a result came from.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aidcsim {

// Lower-case hex digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

// Lower-case hex digest of a file's bytes; nullopt when it cannot be read.
std::optional<std::string> sha256_of_file(const std::string& path);

} // namespace aidcsim
