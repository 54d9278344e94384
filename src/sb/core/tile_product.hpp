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
//     c ← c₀ (C itself, or α·x),   then   c ← fma(a_j, b_j, c) for j = 0, …, q−1 in this order.
// The AVX-512 kernel (chosen at run time where the processor has it; the build itself leaves
// AVX-512 out, CMakeLists.txt) and the portable loop therefore give the same bits, and so do the
// Release (-O3) and the sanitizer (-Og) builds: the fused multiply–adds are written out rather
// than left to the compiler's contraction of a·b + c, which differs between optimisation levels.
// (Without FMA, e.g. SB_NATIVE=OFF, the portable loop computes a·b + c with two roundings.)
#pragma once

#include "sb/core/types.hpp"

namespace sb {

/// C (rows × p, column-major, leading dimension ldc) = C₀ + A·B, where A is rows × q (leading
/// dimension lda), B is q × p (row-major: B(j, k) = b[j·ldb + k]), and C₀ is C itself when
/// x_init is null, else alpha·X with X rows × p (leading dimension ldx). No allocation; A, B, X
/// must not overlap C (X may be A).
void tile_product(const double* a, Eigen::Index lda, const double* b, Eigen::Index ldb, double* c,
                  Eigen::Index ldc, Eigen::Index rows, Eigen::Index q, Eigen::Index p,
                  const double* x_init = nullptr, Eigen::Index ldx = 0, double alpha = 0.0);

namespace detail {

/// The kernels behind tile_product, for the tests that check they agree bitwise.
void tile_product_portable(const double* a, Eigen::Index lda, const double* b, Eigen::Index ldb,
                           double* c, Eigen::Index ldc, Eigen::Index rows, Eigen::Index q,
                           Eigen::Index p, const double* x_init, Eigen::Index ldx, double alpha);
/// False where the processor or the compiler has no AVX-512 (tile_product_avx512 then must not
/// be called).
bool tile_product_has_avx512();
void tile_product_avx512(const double* a, Eigen::Index lda, const double* b, Eigen::Index ldb,
                         double* c, Eigen::Index ldc, Eigen::Index rows, Eigen::Index q,
                         Eigen::Index p, const double* x_init, Eigen::Index ldx, double alpha);

}  // namespace detail
}  // namespace sb
