// A small dense product for column-major row tiles, with a fixed order of operations.
//
// The mixture score (src/sb/data/gaussian_mixture.cpp) evaluates, per tile of a few hundred
// rows, two thin products: logits = bias + X·Mᵀ (rows × d times d × K) and scores =
// −X/v + R·M (rows × K times K × d). Eigen's general product is tuned for large square blocks
// and, for these shapes, spends most of its time packing. This kernel keeps the accumulators of
// a block of rows and columns in registers through the whole inner sum instead.
//
// Every element of the result is computed by the same operations, whatever the kernel, the
// optimisation level or the machine (with FMA):
//     c ← c₀ (C itself, zero, or α·x),   then   c ← fma(a_j, b_j, c) for j = 0, …, q−1 in this
//     order.
// The AVX-512 kernel (chosen at run time where the processor has it; the build itself leaves
// AVX-512 out, CMakeLists.txt) and the portable loop therefore give the same bits, and so do the
// Release (-O3) and the sanitizer (-Og) builds: the fused multiply–adds are written out rather
// than left to the compiler's contraction of a·b + c, which differs between optimisation levels.
// (Without FMA, e.g. SB_NATIVE=OFF, the portable loop computes a·b + c with two roundings.)
#pragma once

#include "sb/core/types.hpp"

namespace sb {

/// Where the sum of tile_product starts: C itself (accumulate), zero, or alpha·X with X
/// rows × p (column-major, leading dimension ldx).
struct TileStart {
  enum class Kind { kAccumulate, kZero, kScaled };
  Kind kind = Kind::kAccumulate;
  const double* x = nullptr;
  Eigen::Index ldx = 0;
  double alpha = 0.0;

  static TileStart accumulate() { return {}; }
  static TileStart zero() { return {Kind::kZero, nullptr, 0, 0.0}; }
  static TileStart scaled(const double* x, Eigen::Index ldx, double alpha) {
    return {Kind::kScaled, x, ldx, alpha};
  }
};

/// C (rows × p, column-major, leading dimension ldc) = C₀ + A·B, where A is rows × q (leading
/// dimension lda), B is q × p (row-major: B(j, k) = b[j·ldb + k]) and C₀ is given by `start`.
/// No allocation; A, B and X must not overlap C (X may be A).
void tile_product(const double* a, Eigen::Index lda, const double* b, Eigen::Index ldb, double* c,
                  Eigen::Index ldc, Eigen::Index rows, Eigen::Index q, Eigen::Index p,
                  const TileStart& start = TileStart::accumulate());

namespace detail {

/// The kernels behind tile_product, for the tests that check they agree bitwise.
void tile_product_portable(const double* a, Eigen::Index lda, const double* b, Eigen::Index ldb,
                           double* c, Eigen::Index ldc, Eigen::Index rows, Eigen::Index q,
                           Eigen::Index p, const TileStart& start);
/// False where the processor or the compiler has no AVX-512 (tile_product_avx512 then must not
/// be called).
bool tile_product_has_avx512();
void tile_product_avx512(const double* a, Eigen::Index lda, const double* b, Eigen::Index ldb,
                         double* c, Eigen::Index ldc, Eigen::Index rows, Eigen::Index q,
                         Eigen::Index p, const TileStart& start);

}  // namespace detail
}  // namespace sb
