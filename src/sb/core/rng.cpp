// Batched Box–Muller for Rng::fill_normals. The uniforms come from the same xoshiro256** stream
// as Rng::normal(); the transform z₁ = r cos θ, z₂ = r sin θ with r = √(−2 log u₁), θ = 2π u₂
// (Box & Muller 1958) is evaluated a batch at a time:
//  * log u₁ by the loop minus_two_log below, branch-free for the same reason: u = 2ᵏ z with
//    z ∈ [√½, √2) read off the bits, log z = f − f²/2 + s(f²/2 + R(s²)), f = z − 1,
//    s = f/(2 + f), R(w) = Σ_{j>=1} 2wʲ/(2j + 1) (the series of 2 atanh s = log z, truncated at
//    w¹¹ < 1e-17 relative), and k log 2 added in two parts (the method of Sun's fdlibm e_log.c,
//    written here from the formulas); Eigen's double log is no faster than std::log without AVX,
//    and sqrt by Eigen's packet sqrt,
//  * sin θ and cos θ by the loop sin_cos below, written without branches or calls so that the
//    compiler vectorises it: θ is reduced to r = θ − qπ/2, |r| <= π/4, q the nearest integer
//    to 2θ/π, with π/2 split in three parts (Cody & Waite 1980, "Software Manual for the
//    Elementary Functions", ch. 8), the first two of 48 bits so that q·part is exact for the
//    q <= 4 of θ ∈ [0, 2π]; then sin r and cos r by their Taylor series to r¹⁷ and r¹⁶
//    (truncation below 1e-19 at |r| = π/4), and q mod 4 picks ±sin r or ±cos r.
#include "sb/core/rng.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <bit>
#include <cstdint>
#include <numbers>

namespace sb {

namespace {

// Box–Muller pairs per batch: eight arrays of this length stay in the L1 cache.
constexpr std::size_t kPairs = 256;

// π/2 = kPio2Hi + kPio2Mid + kPio2Lo to about 2⁻¹⁵⁰; kPio2Hi and kPio2Mid have 48 bits.
constexpr double kPio2Hi = 0x1.921fb54442d00p+0;
constexpr double kPio2Mid = 0x1.8469898cc5160p-48;
constexpr double kPio2Lo = 0x1.01b839a25204ap-96;
constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;
// Adding 1.5·2⁵² rounds a double of magnitude < 2⁵¹ to an integer, which then sits in the low
// bits of the sum's significand.
constexpr double kRoundShift = 0x1.8p52;

// log 2 = kLn2Hi + kLn2Lo; kLn2Hi has 42 bits, so k·kLn2Hi is exact for the |k| <= 1074 here.
constexpr double kLn2Hi = 0x1.62e42fefa3800p-1;
constexpr double kLn2Lo = 0x1.ef35793c76730p-45;
// The bits of √½: u = 2ᵏ z with z ∈ [√½, √2) has bits(u) − kSqrtHalfBits = k·2⁵² + (bits(z) −
// kSqrtHalfBits), the second term in [0, 2⁵²).
constexpr std::uint64_t kSqrtHalfBits = 0x3fe6a09e667f3bcd;
// 2⁵² + m has the integer m < 2⁵² in the low bits of its significand.
constexpr std::uint64_t kTwo52Bits = 0x4330000000000000;

// out[i] = −2 log u[i] for positive normal doubles u[i] (the uniforms of Rng are >= 2⁻⁵⁴).
void minus_two_log(const double* u, double* out, std::size_t n) {
  constexpr std::uint64_t kBias = std::uint64_t{1024} << 52;  // keeps k + 1024 >= 0 in the top bits
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t ix = std::bit_cast<std::uint64_t>(u[i]);
    const std::uint64_t kb = (ix - kSqrtHalfBits + kBias) >> 52;  // k + 1024
    const double z = std::bit_cast<double>(ix - ((kb - 1024) << 52));
    const double k = std::bit_cast<double>(kTwo52Bits | kb) - (0x1p52 + 1024.0);
    const double f = z - 1.0;  // exact
    const double s = f / (2.0 + f);
    const double w = s * s;
    const double r =
        w *
        (2.0 / 3 +
         w * (2.0 / 5 +
              w * (2.0 / 7 +
                   w * (2.0 / 9 + w * (2.0 / 11 +
                                       w * (2.0 / 13 +
                                            w * (2.0 / 15 +
                                                 w * (2.0 / 17 +
                                                      w * (2.0 / 19 +
                                                           w * (2.0 / 21 + w * (2.0 / 23)))))))))));
    const double hfsq = 0.5 * f * f;
    const double log_u = k * kLn2Hi + ((f - hfsq) + (s * (hfsq + r) + k * kLn2Lo));
    out[i] = -2.0 * log_u;
  }
}

// Taylor coefficients 1/n!.
constexpr double kF3 = 1.0 / 6, kF5 = kF3 / 20, kF7 = kF5 / 42, kF9 = kF7 / 72, kF11 = kF9 / 110,
                 kF13 = kF11 / 156, kF15 = kF13 / 210, kF17 = kF15 / 272;
constexpr double kF4 = 1.0 / 24, kF6 = kF4 / 30, kF8 = kF6 / 56, kF10 = kF8 / 90, kF12 = kF10 / 132,
                 kF14 = kF12 / 182, kF16 = kF14 / 240;

// s[i] = sin th[i], c[i] = cos th[i] for 0 <= th[i] <= 2π (valid to |th| < 2²⁵, accuracy
// degrading slowly with q).
void sin_cos(const double* th, double* s, double* c, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const double x = th[i];
    const double shifted = x * kTwoOverPi + kRoundShift;
    const std::uint64_t q_bits = std::bit_cast<std::uint64_t>(shifted);  // q mod 2⁵¹ in low bits
    const double q = shifted - kRoundShift;
    double r = x - q * kPio2Hi;  // exact (Sterbenz)
    r = r - q * kPio2Mid;
    r = r - q * kPio2Lo;
    const double w = r * r;
    const double sin_r =
        r -
        r * w *
            (kF3 -
             w * (kF5 - w * (kF7 - w * (kF9 - w * (kF11 - w * (kF13 - w * (kF15 - w * kF17)))))));
    const double cos_r =
        1.0 - 0.5 * w +
        w * w * (kF4 - w * (kF6 - w * (kF8 - w * (kF10 - w * (kF12 - w * (kF14 - w * kF16))))));
    // q mod 4 = 0: (sin, cos) = (s, c); 1: (c, −s); 2: (−s, −c); 3: (−c, s).
    const std::uint64_t odd = std::uint64_t{0} - (q_bits & 1);  // all ones for odd q
    const std::uint64_t sb = std::bit_cast<std::uint64_t>(sin_r);
    const std::uint64_t cb = std::bit_cast<std::uint64_t>(cos_r);
    const std::uint64_t sin_sign = (q_bits & 2) << 62;
    const std::uint64_t cos_sign = ((q_bits + 1) & 2) << 62;
    s[i] = std::bit_cast<double>(((cb & odd) | (sb & ~odd)) ^ sin_sign);
    c[i] = std::bit_cast<double>(((sb & odd) | (cb & ~odd)) ^ cos_sign);
  }
}

}  // namespace

void Rng::fill_normals(double* z, std::size_t n) {
  std::size_t k = 0;
  if (n > 0 && has_spare_) {
    z[k++] = spare_;
    has_spare_ = false;
  }
  alignas(64) double u1[kPairs], u2[kPairs], th[kPairs], s[kPairs], c[kPairs];
  while (k < n) {
    const std::size_t pairs = std::min(kPairs, (n - k + 1) / 2);
    for (std::size_t i = 0; i < pairs; ++i) {
      u1[i] = uniform();
      u2[i] = uniform();
    }
    minus_two_log(u1, u1, pairs);
    Eigen::Map<Eigen::ArrayXd> a1(u1, static_cast<Eigen::Index>(pairs));
    a1 = a1.sqrt();  // r = √(−2 log u₁), in place
    for (std::size_t i = 0; i < pairs; ++i) th[i] = 2.0 * std::numbers::pi * u2[i];
    sin_cos(th, s, c, pairs);
    // The pair (r cos θ, r sin θ) is returned in that order by normal(); an odd tail keeps the
    // sine as the spare variate.
    const std::size_t full = std::min(pairs, (n - k) / 2);
    for (std::size_t i = 0; i < full; ++i) {
      z[k + 2 * i] = u1[i] * c[i];
      z[k + 2 * i + 1] = u1[i] * s[i];
    }
    k += 2 * full;
    if (full < pairs) {  // one variate left to write: the last pair of the request
      z[k++] = u1[full] * c[full];
      spare_ = u1[full] * s[full];
      has_spare_ = true;
    }
  }
}

}  // namespace sb
