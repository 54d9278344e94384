// Total variation TV(P, Q) = sup_A |P(A) − Q(A)| = ½∫|p − q| between Gaussian laws, following
// theory-notes B.4 (TV items (i)–(iii)). Every result states how it was obtained:
//  * exact, equal covariances (any d):  TV = 2Φ(δ/2) − 1 = erf(δ/(2√2)),  δ = ‖S^{-1/2}Δ‖;
//  * exact, d = 1 and v₁ ≠ v₂: {p₁ > p₂} is an interval or its complement, bounded by the roots
//    of a quadratic, and TV is a difference of normal probabilities of that interval;
//  * otherwise Monte Carlo: TV = E_P[(1 − q/p)₊], unbiased, with the integrand in [0, 1]
//    evaluated from log-densities.
// With it come rigorous bounds, lower <= TV <= upper (theory-notes B.4 (iii)):
//    lower = H² = 1 − BC,
//    upper = min(1, √(1 − BC²) (Le Cam), √(KL/2) (Pinsker, either direction),
//                triangle split TV(N(m₁,S₁), N(m₁,S₂)) + TV(N(m₁,S₂), N(m₂,S₂)), whose first term
//                is bounded by Le Cam/Pinsker and whose second is exact by (i); also with S₁).
// In the Monte Carlo case P and Q are first diagonalised simultaneously (exact for TV, which is
// invariant under invertible affine maps), so the coordinates are independent under both laws,
// and two more bounds hold with the exact 1-D TVs t_j of the coordinates:
//    lower >= max_j t_j  (data processing: a coordinate is a function of x),
//    upper <= 1 − Π_j (1 − t_j)  (coupling each coordinate maximally and independently).
// The bounds are widened outward by a relative 1e-12 to cover the rounding of their evaluation
// (for dense laws the coordinate bounds also inherit the rounding of the diagonalisation, of
// order ε·cond(S₂)).
#pragma once

#include <cstdint>
#include <string>

#include "sb/core/rng.hpp"
#include "sb/core/types.hpp"
#include "sb/law/gaussian.hpp"

namespace sb {

/// Φ(x), the standard normal cdf, accurate in both tails (from std::erfc).
double std_normal_cdf(double x);

enum class TvMethod { kExact1d, kExactEqualCovariance, kMonteCarlo };

/// "exact_1d", "exact_equal_covariance", "monte_carlo".
std::string to_string(TvMethod method);

struct TvOptions {
  std::uint64_t seed = kDefaultSeed;
  long samples = 200000;  // Monte Carlo sample size, >= 2
  // Threads sharing the Monte Carlo blocks (0: one per hardware thread). The estimate is
  // bit-identical for every value: each block is computed whole by one thread and the blocks
  // are combined in block order.
  int threads = 0;
};

struct TvResult {
  double value;         // exact value, or the unbiased Monte Carlo estimate
  TvMethod method;      // how `value` was obtained
  double std_error;     // standard error of the estimate; 0 for exact methods
  double lower, upper;  // rigorous bounds, lower <= TV <= upper (see the header comment)
  std::uint64_t seed;   // seed of the Monte Carlo draws (reported for exact methods too)
  long samples;         // Monte Carlo sample size; 0 for exact methods
};

/// TV between dense laws: exact when the covariances are equal (entry by entry, to relative
/// 1e-14) or d = 1, Monte Carlo otherwise. The Monte Carlo draws come in blocks of 4096
/// samples, block b from Rng(options.seed, b) (sb::map_stream_blocks), so the result depends
/// only on (seed, samples), not on options.threads.
/// Throws InputError on a dimension mismatch, non-finite entries, a covariance that is not
/// symmetric positive definite, or options.samples < 2.
TvResult total_variation(const Gaussian& P, const Gaussian& Q, const TvOptions& options = {});

/// TV between spectral laws; when they share their basis everything is done in its
/// coordinates (O(d) per Monte Carlo sample), otherwise through the dense laws.
TvResult total_variation(const SpectralGaussian& P, const SpectralGaussian& Q,
                         const TvOptions& options = {});

/// TV between N(m1, diag v1) and N(m2, diag v2); every variance must be finite and > 0.
TvResult total_variation_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2,
                              const TvOptions& options = {});

/// Exact TV between N(m1, v1) and N(m2, v2) on the real line (v1, v2 finite and > 0).
double total_variation_1d(double m1, double v1, double m2, double v2);

}  // namespace sb
