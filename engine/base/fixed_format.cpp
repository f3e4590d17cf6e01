#include "engine/base/fixed_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace aidcsim {

namespace {

__extension__ typedef unsigned __int128 u128; // GCC and Clang; 128 bits hold x * 10^9 exactly

constexpr std::uint64_t pow10(int n) {
  std::uint64_t p = 1;
  for (int i = 0; i < n; ++i)
    p *= 10;
  return p;
}

// f * 10^decimals rounded to the nearest integer, ties to even, for 0 <= f < 1 written exactly as
// m * 2^shift: the product m * 10^decimals is below 2^53 * 10^9 < 2^83, so 128 bits hold it and
// only shifts and one multiplication run (no 128-bit division). `odd_whole`: the whole number's
// last digit is odd (with no decimals, a tie goes to the even whole number).
std::uint64_t scaled_fraction(double f, int decimals, bool odd_whole) {
  if (f == 0)
    return 0;
  int e = 0;
  const double mantissa = std::frexp(f, &e); // f = mantissa * 2^e, mantissa in [0.5, 1), e <= 0
  const auto m = static_cast<std::uint64_t>(std::ldexp(mantissa, 53));
  const int k = 53 - e; // f = m / 2^k, k >= 53
  if (k >= 100)
    return 0; // the product is below half of 2^k
  const u128 product = static_cast<u128>(m) * pow10(decimals);
  const u128 q = product >> k;
  const u128 r = product - (q << k);
  const u128 half = static_cast<u128>(1) << (k - 1);
  const bool odd = decimals == 0 ? odd_whole : (q & 1) != 0;
  const bool up = r > half || (r == half && odd);
  return static_cast<std::uint64_t>(q) + (up ? 1 : 0);
}

char* write_unsigned(char* out, std::uint64_t v) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0)
    *out++ = digits[--n];
  return out;
}

} // namespace

char* format_fixed(char* out, double x, int decimals) {
  // Below 2^53 a double's fractional part is exact (x - floor(x) loses nothing); above it a
  // double is a whole number.
  if (!std::isfinite(x) || decimals < 0 || decimals > fixed_format_max_decimals || std::fabs(x) >= 0x1p63)
    return std::to_chars(out, out + 400, x, std::chars_format::fixed, decimals).ptr;
  if (std::signbit(x))
    *out++ = '-';
  const double a = std::fabs(x);
  const double whole = std::floor(a);
  auto integer = static_cast<std::uint64_t>(whole);
  std::uint64_t fraction = scaled_fraction(a - whole, decimals, (integer & 1) != 0);
  const std::uint64_t unit = pow10(decimals);
  if (fraction == unit) { // rounded up into the next whole number
    fraction = 0;
    ++integer;
  }
  out = write_unsigned(out, integer);
  if (decimals == 0)
    return out;
  *out++ = '.';
  for (int i = decimals - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  return out + decimals;
}

} // namespace aidcsim
