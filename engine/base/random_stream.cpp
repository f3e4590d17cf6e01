#include "engine/base/random_stream.hpp"

#include <cmath>
#include <limits>

namespace aidcsim {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

} // namespace

std::uint64_t hash_name(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

RandomStream::RandomStream(std::uint64_t run_seed, std::string_view stream_name) {
  std::uint64_t state = run_seed ^ rotl(hash_name(stream_name), 17);
  for (auto& word : s_)
    word = splitmix64(state);
}

std::uint64_t RandomStream::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RandomStream::uniform01() {
  // 53 random bits, centred in their cell: (k + 0.5) / 2^53 lies strictly inside (0, 1).
  return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
}

double RandomStream::next_arrival(double now, double rate_per_s) {
  return rate_per_s > 0 ? now - std::log(uniform01()) / rate_per_s : std::numeric_limits<double>::infinity();
}

} // namespace aidcsim
