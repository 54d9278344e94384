#include "sb/core/tile_product.hpp"

#include <algorithm>
#include <cmath>

// The AVX-512 kernel needs GCC's target attribute, and the portable loop must use the same
// fused multiply–add (__FMA__) for the two to agree bitwise.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__FMA__)
#define SB_TILE_AVX512 1
#include <immintrin.h>
#endif

namespace sb {

namespace {

// c + a·b, rounded once where the build has FMA (std::fma is then one instruction).
inline double tile_madd(double a, double b, double c) {
#ifdef __FMA__
  return std::fma(a, b, c);
#else
  return a * b + c;
#endif
}

// R rows from row i and P columns: the R·P accumulators stay in registers (or at least in L1)
// through the sum over q. R and P are compile-time for the full blocks, so that the compiler
// vectorises over the rows; the tails take the runtime-sized instance (R = P = 0).
template <int R, int P>
void tile_block_portable(const double* __restrict a, Eigen::Index lda, const double* __restrict b,
                         Eigen::Index ldb, double* __restrict c, Eigen::Index ldc, Eigen::Index i,
                         Eigen::Index rr, Eigen::Index pp, Eigen::Index q, TileStart::Kind kind,
                         const double* __restrict x, Eigen::Index ldx, double alpha) {
  constexpr int kR = R > 0 ? R : 8, kP = P > 0 ? P : 4;
  const Eigen::Index nr = R > 0 ? R : rr, np = P > 0 ? P : pp;
  double acc[kP][kR];
  for (Eigen::Index k = 0; k < np; ++k)
    for (Eigen::Index r = 0; r < nr; ++r)
      acc[k][r] = kind == TileStart::Kind::kScaled ? alpha * x[k * ldx + i + r]
                  : kind == TileStart::Kind::kZero ? 0.0
                                                   : c[k * ldc + i + r];
  for (Eigen::Index j = 0; j < q; ++j) {
    const double* aj = a + j * lda + i;
    for (Eigen::Index k = 0; k < np; ++k) {
      const double u = b[j * ldb + k];
      for (Eigen::Index r = 0; r < nr; ++r) acc[k][r] = tile_madd(aj[r], u, acc[k][r]);
    }
  }
  for (Eigen::Index k = 0; k < np; ++k)
    for (Eigen::Index r = 0; r < nr; ++r) c[k * ldc + i + r] = acc[k][r];
}

#ifdef SB_TILE_AVX512
#pragma GCC diagnostic push
// GCC 12 warns about the self-initialised undefined vectors inside its own AVX-512 intrinsics.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
// V vectors of eight rows from row i (V = 1: the lanes outside mask m neither read nor written; V =
// 2: all sixteen rows) and P columns: V·P accumulators in registers through the whole sum over q,
// so that A and C are read once per block. The operations per element are those of
// tile_block_portable.
template <int V, int P>
__attribute__((target("avx512f"), always_inline)) inline void tile_block_avx512(
    const double* __restrict a, Eigen::Index lda, const double* __restrict b, Eigen::Index ldb,
    double* __restrict c, Eigen::Index ldc, Eigen::Index i, __mmask8 m, Eigen::Index q,
    TileStart::Kind kind, const double* __restrict x, Eigen::Index ldx, double alpha) {
  static_assert(V == 1 || V == 2);
  __m512d acc0[P], acc1[P];
  for (int k = 0; k < P; ++k) {
    if (kind == TileStart::Kind::kZero) {
      acc0[k] = _mm512_setzero_pd();
      if constexpr (V == 2) acc1[k] = _mm512_setzero_pd();
    } else if (kind == TileStart::Kind::kScaled) {
      const __m512d al = _mm512_set1_pd(alpha);
      acc0[k] = _mm512_mul_pd(al, _mm512_maskz_loadu_pd(m, x + k * ldx + i));
      if constexpr (V == 2) acc1[k] = _mm512_mul_pd(al, _mm512_loadu_pd(x + k * ldx + i + 8));
    } else {
      acc0[k] = _mm512_maskz_loadu_pd(m, c + k * ldc + i);
      if constexpr (V == 2) acc1[k] = _mm512_loadu_pd(c + k * ldc + i + 8);
    }
  }
  for (Eigen::Index j = 0; j < q; ++j) {
    const double* aj = a + j * lda + i;
    const double* bj = b + j * ldb;
    if constexpr (V == 2) {
      const __m512d a0 = _mm512_loadu_pd(aj), a1 = _mm512_loadu_pd(aj + 8);
      for (int k = 0; k < P; ++k) {
        const __m512d u = _mm512_set1_pd(bj[k]);
        acc0[k] = _mm512_fmadd_pd(a0, u, acc0[k]);
        acc1[k] = _mm512_fmadd_pd(a1, u, acc1[k]);
      }
    } else {
      const __m512d a0 = _mm512_maskz_loadu_pd(m, aj);
      for (int k = 0; k < P; ++k) acc0[k] = _mm512_fmadd_pd(a0, _mm512_set1_pd(bj[k]), acc0[k]);
    }
  }
  for (int k = 0; k < P; ++k) {
    _mm512_mask_storeu_pd(c + k * ldc + i, m, acc0[k]);
    if constexpr (V == 2) _mm512_storeu_pd(c + k * ldc + i + 8, acc1[k]);
  }
}

// All rows of P columns: blocks of sixteen rows, then of eight (the last one masked).
template <int P>
__attribute__((target("avx512f"))) void tile_columns_avx512(const double* a, Eigen::Index lda,
                                                            const double* b, Eigen::Index ldb,
                                                            double* c, Eigen::Index ldc,
                                                            Eigen::Index rows, Eigen::Index q,
                                                            TileStart::Kind kind, const double* x,
                                                            Eigen::Index ldx, double alpha) {
  Eigen::Index i = 0;
  for (; i + 16 <= rows; i += 16)
    tile_block_avx512<2, P>(a, lda, b, ldb, c, ldc, i, 0xFF, q, kind, x, ldx, alpha);
  for (; i < rows; i += 8) {
    const auto m = static_cast<__mmask8>(rows - i >= 8 ? 0xFF : (1u << (rows - i)) - 1);
    tile_block_avx512<1, P>(a, lda, b, ldb, c, ldc, i, m, q, kind, x, ldx, alpha);
  }
}
#pragma GCC diagnostic pop
#endif

}  // namespace

namespace detail {

void tile_product_portable(const double* a, Eigen::Index lda, const double* b, Eigen::Index ldb,
                           double* c, Eigen::Index ldc, Eigen::Index rows, Eigen::Index q,
                           Eigen::Index p, const TileStart& start) {
  for (Eigen::Index col = 0; col < p; col += 4) {
    const Eigen::Index pp = std::min<Eigen::Index>(4, p - col);
    const double* bc = b + col;
    double* cc = c + col * ldc;
    const double* xc = start.kind == TileStart::Kind::kScaled ? start.x + col * start.ldx : nullptr;
    Eigen::Index i = 0;
    if (pp == 4)
      for (; i + 8 <= rows; i += 8)
        tile_block_portable<8, 4>(a, lda, bc, ldb, cc, ldc, i, 8, 4, q, start.kind, xc, start.ldx,
                                  start.alpha);
    for (; i < rows; i += 8)
      tile_block_portable<0, 0>(a, lda, bc, ldb, cc, ldc, i, std::min<Eigen::Index>(8, rows - i),
                                pp, q, start.kind, xc, start.ldx, start.alpha);
  }
}

bool tile_product_has_avx512() {
#ifdef SB_TILE_AVX512
  static const bool has = __builtin_cpu_supports("avx512f") != 0;
  return has;
#else
  return false;
#endif
}

void tile_product_avx512(const double* a, Eigen::Index lda, const double* b, Eigen::Index ldb,
                         double* c, Eigen::Index ldc, Eigen::Index rows, Eigen::Index q,
                         Eigen::Index p, const TileStart& start) {
#ifdef SB_TILE_AVX512
  const TileStart::Kind kind = start.kind;
  const Eigen::Index ldx = start.ldx;
  const double alpha = start.alpha;
  const double* x = kind == TileStart::Kind::kScaled ? start.x : nullptr;
  // Blocks of eight columns, then the 1–7 left over, each by its own instance of the kernel.
  using Columns =
      void (*)(const double*, Eigen::Index, const double*, Eigen::Index, double*, Eigen::Index,
               Eigen::Index, Eigen::Index, TileStart::Kind, const double*, Eigen::Index, double);
  static constexpr Columns kColumns[9] = {nullptr,
                                          tile_columns_avx512<1>,
                                          tile_columns_avx512<2>,
                                          tile_columns_avx512<3>,
                                          tile_columns_avx512<4>,
                                          tile_columns_avx512<5>,
                                          tile_columns_avx512<6>,
                                          tile_columns_avx512<7>,
                                          tile_columns_avx512<8>};
  for (Eigen::Index col = 0; col < p; col += 8)
    kColumns[std::min<Eigen::Index>(8, p - col)](a, lda, b + col, ldb, c + col * ldc, ldc, rows, q,
                                                 kind, x != nullptr ? x + col * ldx : nullptr, ldx,
                                                 alpha);
#else
  tile_product_portable(a, lda, b, ldb, c, ldc, rows, q, p, start);
#endif
}

}  // namespace detail

void tile_product(const double* a, Eigen::Index lda, const double* b, Eigen::Index ldb, double* c,
                  Eigen::Index ldc, Eigen::Index rows, Eigen::Index q, Eigen::Index p,
                  const TileStart& start) {
  if (detail::tile_product_has_avx512())
    detail::tile_product_avx512(a, lda, b, ldb, c, ldc, rows, q, p, start);
  else
    detail::tile_product_portable(a, lda, b, ldb, c, ldc, rows, q, p, start);
}

}  // namespace sb
