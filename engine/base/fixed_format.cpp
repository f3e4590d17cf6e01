#include "engine/base/fixed_format.hpp"

#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace aidcsim {

namespace {

__extension__ typedef unsigned __int128 u128; // GCC and Clang; 128 bits hold x * 10^9 exactly

// "00" to "99": digits go out two at a time (half the divisions of one at a time).
constexpr char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Exactly 8 digits of v < 10^8 end at `end`: two halves of 4 digits, each two pairs, so the chains
// of divisions are two levels deep instead of four.
void write_8_digits(char* end, std::uint32_t v) {
  const std::uint32_t high = v / 10000, low = v % 10000;
  std::memcpy(end - 2, digit_pairs + 2 * (low % 100), 2);
  std::memcpy(end - 4, digit_pairs + 2 * (low / 100), 2);
  std::memcpy(end - 6, digit_pairs + 2 * (high % 100), 2);
  std::memcpy(end - 8, digit_pairs + 2 * (high / 100), 2);
}

// The last n digits of v (leading zeros included) end at `end`.
void write_digits_backward(char* end, std::uint64_t v, int n) {
  if (n > 8) { // the low 8 digits apart: a chain independent of the rest's
    write_8_digits(end, static_cast<std::uint32_t>(v % 100000000));
    v /= 100000000;
    n -= 8;
    end -= 8;
  }
  for (; n >= 2; n -= 2) {
    end -= 2;
    std::memcpy(end, digit_pairs + 2 * (v % 100), 2);
    v /= 100;
  }
  if (n == 1)
    end[-1] = static_cast<char>('0' + v % 10);
}

// 10^0 to 10^19.
constexpr auto powers_of_ten = [] {
  std::array<std::uint64_t, 20> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i)
    p[i] = p[i - 1] * 10;
  return p;
}();

// From the bit width (log10(2) ~ 1233 / 4096), then one comparison: no division.
int digit_count(std::uint64_t v) {
  v |= 1;                                                               // 0 has one digit too
  const int guess = static_cast<int>((std::bit_width(v) * 1233) >> 12); // floor or one below
  return guess + 1 - (v < powers_of_ten[static_cast<std::size_t>(guess)] ? 1 : 0);
}

// A double below 2^63 in magnitude, split exactly: |x| = whole + fraction / 2^shift, with
// fraction < 2^shift (shift 0: no fraction). Read from its bits (no libm calls).
struct Split {
  std::uint64_t whole;
  std::uint64_t fraction; // below 2^53
  int shift;              // 0 to 1074
};

Split split(std::uint64_t bits) {
  const int biased = static_cast<int>((bits >> 52) & 0x7ff);
  std::uint64_t m = bits & ((std::uint64_t{1} << 52) - 1);
  if (biased != 0)
    m |= std::uint64_t{1} << 52;
  const int shift = 1075 - (biased != 0 ? biased : 1); // |x| = m / 2^shift
  if (shift <= 0)
    return {m << -shift, 0, 0};
  if (shift >= 64)
    return {0, m, shift};
  return {m >> shift, m & ((std::uint64_t{1} << shift) - 1), shift};
}

// fraction / 2^shift * 10^decimals rounded to the nearest integer, ties to even: the product is
// below 2^53 * 10^9 < 2^83, so 128 bits hold it and only shifts and one multiplication run.
// `odd_whole`: the whole number's last digit is odd (with no decimals, a tie goes to the even
// whole number).
std::uint64_t scaled_fraction(const Split& s, int decimals, bool odd_whole) {
  if (s.fraction == 0)
    return 0;
  if (s.shift >= 100)
    return 0; // below 2^53 * 10^9 / 2^100: under half a unit
  const u128 product = static_cast<u128>(s.fraction) * powers_of_ten[static_cast<std::size_t>(decimals)];
  const u128 q = product >> s.shift;
  const u128 r = product - (q << s.shift);
  const u128 half = static_cast<u128>(1) << (s.shift - 1);
  const bool odd = decimals == 0 ? odd_whole : (q & 1) != 0;
  const bool up = r > half || (r == half && odd);
  return static_cast<std::uint64_t>(q) + (up ? 1 : 0);
}

} // namespace

char* format_fixed(char* out, double x, int decimals) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const bool negative = (bits >> 63) != 0;
  const std::uint64_t magnitude = bits & ~(std::uint64_t{1} << 63);
  // 2^63 and above (infinities and NaN too), and more decimals than 128 bits hold: the general path.
  if (magnitude >= std::bit_cast<std::uint64_t>(0x1p63) || decimals < 0 ||
      decimals > fixed_format_max_decimals)
    return std::to_chars(out, out + 400, x, std::chars_format::fixed, decimals).ptr;
  if (negative)
    *out++ = '-';
  const Split s = split(magnitude);
  std::uint64_t whole = s.whole;
  std::uint64_t fraction = scaled_fraction(s, decimals, (whole & 1) != 0);
  if (fraction ==
      powers_of_ten[static_cast<std::size_t>(decimals)]) { // rounded up into the next whole number
    fraction = 0;
    ++whole;
  }
  const int n = digit_count(whole);
  write_digits_backward(out + n, whole, n);
  out += n;
  if (decimals == 0)
    return out;
  *out++ = '.';
  write_digits_backward(out + decimals, fraction, decimals);
  return out + decimals;
}

} // namespace aidcsim
