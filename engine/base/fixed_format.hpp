// Fixed-point decimal formatting of doubles, exact and fast, for output files of millions of rows.
//
// Prints x with `decimals` digits after the point, rounded from x's exact binary value to the
// nearest, ties to even: the same characters as printf("%.*f") and std::to_chars(fixed,
// precision) in the C locale (glibc rounds the exact value in the default rounding mode). The
// work is a few integer operations (one 128-bit product) instead of the general multi-precision path
// (std::to_chars with a precision was most of a timeline run's time).
#pragma once

namespace aidcsim {

// Largest `decimals` supported; beyond, and for values of 2^63 or more, NaN and infinities, the
// function takes std::to_chars's own path.
inline constexpr int fixed_format_max_decimals = 9;

// Writes the text at `out` (at most 400 characters) and returns the end. No terminating zero.
char* format_fixed(char* out, double x, int decimals);

} // namespace aidcsim
