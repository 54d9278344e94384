// sb::tile_product (src/sb/core/tile_product.hpp): the product itself against Eigen, and the
// promise that its kernels compute every element by the same operations (bitwise equal).
#include "sb/core/tile_product.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include "sb/core/rng.hpp"

namespace sb {
namespace {

struct Shape {
  Eigen::Index rows, q, p;
};

// Shapes of the mixture score (d = 50, K = 8; d = 2, K = 25) with partial vectors and blocks.
const Shape kShapes[] = {{128, 50, 8}, {128, 8, 50}, {37, 50, 8}, {37, 8, 50}, {128, 2, 25},
                         {128, 25, 2}, {1, 3, 1},    {16, 1, 9},  {23, 7, 13}, {9, 0, 3}};

Mat random_mat(Eigen::Index r, Eigen::Index c, std::uint64_t seed) {
  Rng rng(seed);
  Mat m(r, c);
  for (Eigen::Index j = 0; j < c; ++j)
    for (Eigen::Index i = 0; i < r; ++i) m(i, j) = rng.normal();
  return m;
}

TEST(TileProduct, EqualsTheProductWithStridedOperands) {
  // A, C and X as blocks of taller matrices (leading dimensions 131, 140, 133), B row-major.
  for (const Shape& s : kShapes) {
    const Mat a_big = random_mat(s.rows + 3, s.q, 1), x_big = random_mat(s.rows + 5, s.p, 2);
    const Mat b = random_mat(s.q, s.p, 3);
    const Mat bt = b.transpose();  // column-major Bᵀ = row-major B, leading dimension p
    Mat c_big = random_mat(s.rows + 12, s.p, 4);
    const Mat c0 = c_big.topRows(s.rows);
    tile_product(a_big.data(), a_big.rows(), bt.data(), s.p, c_big.data(), c_big.rows(), s.rows,
                 s.q, s.p);
    const Mat want = c0 + a_big.topRows(s.rows) * b;
    EXPECT_LE((c_big.topRows(s.rows) - want).cwiseAbs().maxCoeff(),
              1e-13 * (1.0 + want.cwiseAbs().maxCoeff()))
        << s.rows << "x" << s.q << "x" << s.p;
    // The rows below the tile are not touched.
    EXPECT_EQ(c_big.bottomRows(12), random_mat(s.rows + 12, s.p, 4).bottomRows(12));
    tile_product(a_big.data(), a_big.rows(), bt.data(), s.p, c_big.data(), c_big.rows(), s.rows,
                 s.q, s.p, TileStart::scaled(x_big.data(), x_big.rows(), -0.75));
    const Mat want_x = -0.75 * x_big.topRows(s.rows) + a_big.topRows(s.rows) * b;
    EXPECT_LE((c_big.topRows(s.rows) - want_x).cwiseAbs().maxCoeff(),
              1e-13 * (1.0 + want_x.cwiseAbs().maxCoeff()));
    tile_product(a_big.data(), a_big.rows(), bt.data(), s.p, c_big.data(), c_big.rows(), s.rows,
                 s.q, s.p, TileStart::zero());
    const Mat want_0 = a_big.topRows(s.rows) * b;
    EXPECT_LE((c_big.topRows(s.rows) - want_0).cwiseAbs().maxCoeff(),
              1e-13 * (1.0 + want_0.cwiseAbs().maxCoeff()));
  }
}

TEST(TileProduct, KernelsGiveTheSameBits) {
  // The AVX-512 kernel (where the processor has it) and the portable loop: the same fused
  // operations per element, so the same bits — at every optimisation level (this test runs in
  // the Release and the sanitizer builds).
  if (!detail::tile_product_has_avx512()) GTEST_SKIP() << "no AVX-512 on this machine or build";
  for (const Shape& s : kShapes) {
    const Mat a = random_mat(s.rows, s.q, 5), bt = random_mat(s.p, s.q, 6);
    const Mat x = random_mat(s.rows, s.p, 7);
    for (const TileStart& start :
         {TileStart::accumulate(), TileStart::zero(), TileStart::scaled(x.data(), s.rows, 0.3)}) {
      Mat c1 = random_mat(s.rows, s.p, 8), c2 = c1;
      detail::tile_product_avx512(a.data(), s.rows, bt.data(), s.p, c1.data(), s.rows, s.rows, s.q,
                                  s.p, start);
      detail::tile_product_portable(a.data(), s.rows, bt.data(), s.p, c2.data(), s.rows, s.rows,
                                    s.q, s.p, start);
      EXPECT_EQ(0, std::memcmp(c1.data(), c2.data(),
                               sizeof(double) * static_cast<std::size_t>(c1.size())))
          << s.rows << "x" << s.q << "x" << s.p << " start " << static_cast<int>(start.kind);
    }
  }
}

}  // namespace
}  // namespace sb
