// Random streams: one independent stream per component, derived from the run seed and the
// component's name, so that adding a component or drawing more numbers in one stream never
// changes another's sequence. The generator is xoshiro256** (Blackman & Vigna, 2018), seeded with
// SplitMix64; both are fully specified, so one seed gives the same numbers on every machine and
// compiler (std:: distributions do not promise that).
#pragma once

#include <cstdint>
#include <string_view>

namespace aidcsim {

class RandomStream {
public:
  RandomStream(std::uint64_t run_seed, std::string_view stream_name);

  std::uint64_t next_u64();
  // Uniform in the open interval (0, 1): never 0 or 1, so log(u) and log(1 - u) are finite.
  double uniform01();
  // The next arrival after `now` of a Poisson process at `rate_per_s`, by inverse transform of one
  // uniform draw (now - ln(u) / rate); +inf, drawing nothing, when the rate is 0.
  double next_arrival(double now, double rate_per_s);

private:
  std::uint64_t s_[4];
};

// FNV-1a hash of a name, used to derive a stream's seed.
std::uint64_t hash_name(std::string_view name);

} // namespace aidcsim
