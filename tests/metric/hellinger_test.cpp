// Bhattacharyya coefficient and squared Hellinger distance (src/sb/metric/hellinger.hpp,
// theory-notes B.4): test vectors V01 and V02, dense against diagonal/spectral, H²(P, P) = 0,
// accuracy when BC ≈ 1 against a long-double reference, and input errors.
#include "sb/metric/hellinger.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;  // the shared helpers (tests/test_util.hpp)

TEST(metric_Hellinger, TestVectorV01) {
  // theory-notes E, V01: P = N((0,0), [[2,.5],[.5,1]]), Q = N((1,−1), [[1,−.3],[−.3,.5]]).
  const Gaussian P{vec2(0.0, 0.0), mat2(2.0, 0.5, 0.5, 1.0)};
  const Gaussian Q{vec2(1.0, -1.0), mat2(1.0, -0.3, -0.3, 0.5)};
  EXPECT_TRUE(near_rel(bhattacharyya_coefficient(P, Q), 0.662267012366, 1e-10));  // E, V01
  EXPECT_TRUE(near_rel(hellinger_squared(P, Q), 0.337732987634, 1e-10));          // E, V01
  EXPECT_TRUE(near_rel(hellinger_squared(Q, P), 0.337732987634, 1e-10));  // E, V01 (symmetric)
}

TEST(metric_Hellinger, TestVectorV02) {
  // theory-notes E, V02: P = N(0, 1), Q = N(1, 4).
  const double h2_ref = 0.149194537847;      // theory-notes E, V02: H²
  const double le_cam_ref = 0.525480794674;  // theory-notes E, V02: √(1 − BC²)
  const Gaussian P{vec1(0.0), mat1(1.0)}, Q{vec1(1.0), mat1(4.0)};
  EXPECT_TRUE(near_rel(hellinger_squared(P, Q), h2_ref, 1e-10));
  EXPECT_TRUE(
      near_rel(hellinger_squared_diag(vec1(0.0), vec1(1.0), vec1(1.0), vec1(4.0)), h2_ref, 1e-10));
  const double bc = bhattacharyya_coefficient(P, Q);
  EXPECT_TRUE(near_rel(std::sqrt(1.0 - bc * bc), le_cam_ref, 1e-10));
  EXPECT_TRUE(near_rel(std::sqrt(-std::expm1(2.0 * log_bhattacharyya(P, Q))), le_cam_ref, 1e-10));
}

TEST(metric_Hellinger, DenseMatchesSpectralOnRotatedExample) {
  const auto [P, Q] = random_spectral_pair(6, 2024);
  const double spectral = hellinger_squared(P, Q);  // product over the shared basis
  EXPECT_TRUE(near_rel(hellinger_squared(P.dense(), Q.dense()), spectral, 1e-12));
  EXPECT_TRUE(near_rel(log_bhattacharyya(P.dense(), Q.dense()), log_bhattacharyya(P, Q), 1e-12));
  EXPECT_TRUE(near_rel(bhattacharyya_coefficient(P.dense(), Q.dense()),
                       bhattacharyya_coefficient(P, Q), 1e-12));
  EXPECT_EQ(spectral, hellinger_squared_diag(P.mean, P.var, Q.mean, Q.var));

  SpectralGaussian Q_copy = Q;  // equal basis behind another pointer: diagonal path
  Q_copy.basis = std::make_shared<const Mat>(*Q.basis);
  EXPECT_EQ(hellinger_squared(P, Q_copy), spectral);

  SpectralGaussian Q_other = Q;  // different basis: dense path
  Q_other.basis = std::make_shared<const Mat>(random_orthogonal(6, 7));
  EXPECT_TRUE(near_rel(hellinger_squared(P, Q_other), hellinger_squared(P.dense(), Q_other.dense()),
                       1e-12));
}

TEST(metric_Hellinger, SelfDistanceIsZero) {
  const auto [P, Q] = random_spectral_pair(5, 99);
  const Gaussian D = P.dense();
  EXPECT_NEAR(hellinger_squared(D, D), 0.0, 1e-12);
  EXPECT_EQ(bhattacharyya_coefficient(D, D), 1.0);
  EXPECT_EQ(hellinger_squared(P, P), 0.0);
  EXPECT_EQ(hellinger_squared_diag(Q.mean, Q.var, Q.mean, Q.var), 0.0);
}

// BC ≈ 1: for v1 = 1 + x, v2 = 1 the excess of the log-determinant part is
// e = (√v1 − 1)²/(2√v1) with √v1 − 1 = x/(√v1 + 1), and H² = 1 − (1 + e)^{-1/2}·exp(−Δ²/(4(v1 +
// 1))), evaluated in long double from the actual double inputs. 1 − BC computed naively would keep
// no digit at x = 2^-30.
TEST(metric_Hellinger, NearOneBhattacharyyaMatchesLongDoubleReference) {
  for (int k : {10, 20, 30}) {
    const double x = std::ldexp(1.0, -k);
    const double v1 = 1.0 + x;      // exact
    const double shift = x / 16.0;  // a mean difference of the same order
    const long double s = std::sqrt(static_cast<long double>(v1));
    const long double root_diff = x / (s + 1.0L);
    const long double e = root_diff * root_diff / (2.0L * s);
    const long double log_bc =
        -0.5L * std::log1p(e) - static_cast<long double>(shift) * shift / (4.0L * (v1 + 1.0L));
    const double ref = static_cast<double>(-std::expm1(log_bc));
    EXPECT_TRUE(
        near_rel(hellinger_squared_diag(vec1(0.0), vec1(v1), vec1(shift), vec1(1.0)), ref, 1e-12))
        << "x = 2^-" << k;
  }
}

TEST(metric_Hellinger, RejectsBadInput) {
  const Gaussian P{vec2(0, 0), Mat::Identity(2, 2)};
  expect_input_error_naming(
      [&] {
        hellinger_squared(P, Gaussian{Vec::Zero(3), Mat::Identity(3, 3)});
      },
      "Q.mean");
  expect_input_error_naming(
      [&] {
        hellinger_squared(P, Gaussian{vec2(0, 0), mat2(1, 0, 0, 0)});
      },
      "Q.cov");
  expect_input_error_naming(
      [&] { hellinger_squared_diag(vec2(0, 0), vec2(1, 1), vec2(0, 0), vec2(1, 0)); }, "v2[1]");
  auto [A, B] = random_spectral_pair(3, 5);
  B.mean.resize(4);
  expect_input_error_naming([&] { hellinger_squared(A, B); }, "Q.mean");
}

}  // namespace
}  // namespace sb
