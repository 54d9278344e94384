// KL divergence between Gaussians (src/sb/metric/gaussian_kl.hpp, theory-notes B.4): test
// vectors V01 and V02, dense against diagonal/spectral, KL(P‖P) = 0, the series branch for
// near-equal variances against a long-double reference, and input errors.
#include "sb/metric/gaussian_kl.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "sb/core/tolerance.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;  // the shared helpers (tests/test_util.hpp)

// theory-notes E, V01: P = N((0,0), [[2,.5],[.5,1]]), Q = N((1,−1), [[1,−.3],[−.3,.5]]).
const Gaussian kV01P{vec2(0.0, 0.0), mat2(2.0, 0.5, 0.5, 1.0)};
const Gaussian kV01Q{vec2(1.0, -1.0), mat2(1.0, -0.3, -0.3, 0.5)};

TEST(metric_GaussianKl, TestVectorV01) {
  EXPECT_TRUE(near_rel(kl_divergence(kV01P, kV01Q), 2.17683207078, 1e-10));  // theory-notes E, V01
  EXPECT_TRUE(near_rel(kl_divergence(kV01Q, kV01P), 1.52560695361, 1e-10));  // theory-notes E, V01
}

TEST(metric_GaussianKl, TestVectorV02) {
  // theory-notes E, V02: P = N(0, 1), Q = N(1, 4).
  const double kl_ref = 0.44314718056;    // theory-notes E, V02
  const double pinsker = 0.470716039965;  // theory-notes E, V02: √(KL/2)
  const Gaussian P{vec1(0.0), mat1(1.0)}, Q{vec1(1.0), mat1(4.0)};
  EXPECT_TRUE(near_rel(kl_divergence(P, Q), kl_ref, 1e-10));
  EXPECT_TRUE(
      near_rel(kl_divergence_diag(vec1(0.0), vec1(1.0), vec1(1.0), vec1(4.0)), kl_ref, 1e-10));
  EXPECT_TRUE(near_rel(std::sqrt(kl_divergence(P, Q) / 2.0), pinsker, 1e-10));
}

// The dense Cholesky formula and the diagonal formula in the shared basis agree.
TEST(metric_GaussianKl, DenseMatchesSpectralOnRotatedExample) {
  const auto [P, Q] = random_spectral_pair(6, 2024);
  const double spectral = kl_divergence(P, Q);  // diagonal formula (shared basis)
  const double dense = kl_divergence(P.dense(), Q.dense());
  EXPECT_TRUE(near_rel(dense, spectral, 1e-12));
  EXPECT_TRUE(near_rel(kl_divergence(Q.dense(), P.dense()), kl_divergence(Q, P), 1e-12));
  EXPECT_EQ(spectral, kl_divergence_diag(P.mean, P.var, Q.mean, Q.var));

  // An equal basis behind another pointer takes the diagonal path too (bit-identical).
  SpectralGaussian Q_copy = Q;
  Q_copy.basis = std::make_shared<const Mat>(*Q.basis);
  EXPECT_EQ(kl_divergence(P, Q_copy), spectral);

  // A different basis goes through the dense laws.
  SpectralGaussian Q_other = Q;
  Q_other.basis = std::make_shared<const Mat>(random_orthogonal(6, 7));
  EXPECT_TRUE(
      near_rel(kl_divergence(P, Q_other), kl_divergence(P.dense(), Q_other.dense()), 1e-12));
}

TEST(metric_GaussianKl, SelfDivergenceIsZero) {
  const auto [P, Q] = random_spectral_pair(5, 99);
  const Gaussian D = P.dense();
  EXPECT_NEAR(kl_divergence(D, D), 0.0, 1e-12);
  EXPECT_EQ(kl_divergence(P, P), 0.0);
  EXPECT_EQ(kl_divergence(kV01P, kV01P), 0.0);  // A = L⁻¹L = I exactly
  EXPECT_EQ(kl_divergence_diag(P.mean, P.var, P.mean, P.var), 0.0);
}

// ½(r − 1 − log r) summed over coordinates, in long double from the actual double inputs.
double kl_same_mean_long_double(const Vec& v1, const Vec& v2) {
  long double sum = 0.0L;
  for (Eigen::Index j = 0; j < v1.size(); ++j) {
    const long double x = static_cast<long double>(v1[j]) / v2[j] - 1.0L;
    sum += x - std::log1p(x);
  }
  return static_cast<double>(0.5L * sum);
}

// Near-equal variances: r − 1 − log r goes through its series (|r − 1| < 1e-3); the naive
// formula would lose every digit at |r − 1| = 1e-8. With power-of-two v2 the ratio r = v1/v2 is
// exact, so the series alone is tested: 10 digits down to r − 1 = 1e-8.
TEST(metric_GaussianKl, NearEqualVariancesMatchLongDoubleReference) {
  const Vec v2 = (Vec(3) << 0.5, 1.0, 4.0).finished();
  const Vec m = Vec::Zero(3);
  for (double x : {1e-4, 1e-6, 1e-8}) {
    const Vec v1 = v2 * (1.0 + x);
    const double ref = kl_same_mean_long_double(v1, v2);
    EXPECT_TRUE(near_rel(kl_divergence_diag(m, v1, m, v2), ref, 1e-10)) << "x = " << x;
  }
}

// General variances: rounding r = v1/v2 to double perturbs r − 1 by ε, so the relative error
// is about ε/|r − 1| on top of the series (the conditioning of the B.4 formula in r); the dense
// form adds the roundings of the Cholesky diagonals (A_ii = √v1/√v2): about 4ε/|r − 1|.
TEST(metric_GaussianKl, NearEqualVariancesGeneralInputs) {
  const Vec v2 = (Vec(3) << 0.7, 1.3, 2.9).finished();
  const Vec m = Vec::Zero(3);
  for (double x : {1e-4, 1e-6, 1e-8}) {
    const Vec v1 = v2 * (1.0 + x);
    const double ref = kl_same_mean_long_double(v1, v2);
    const double tol = 1e-10 + 8.0 * kEps / x;
    EXPECT_TRUE(near_rel(kl_divergence_diag(m, v1, m, v2), ref, tol)) << "x = " << x;
    const Gaussian P{m, v1.asDiagonal().toDenseMatrix()}, Q{m, v2.asDiagonal().toDenseMatrix()};
    EXPECT_TRUE(near_rel(kl_divergence(P, Q), ref, tol)) << "x = " << x;
  }
}

TEST(metric_GaussianKl, RejectsBadInput) {
  const Gaussian P3{Vec::Zero(3), Mat::Identity(3, 3)};
  expect_input_error_naming([&] { kl_divergence(kV01P, P3); }, "Q.mean");
  expect_input_error_naming(
      [&] {
        kl_divergence(kV01P, Gaussian{vec2(0, 0), Mat::Identity(3, 3)});
      },
      "Q.cov");
  // Not positive definite: the message names the matrix and its smallest eigenvalue.
  expect_input_error_naming(
      [&] {
        kl_divergence(Gaussian{vec2(0, 0), mat2(1, 2, 2, 1)}, kV01Q);
      },
      "P.cov");
  expect_input_error_naming(
      [&] {
        kl_divergence(Gaussian{vec2(0, 0), mat2(1, 0.5, 0, 1)}, kV01Q);
      },
      "P.cov[1][0]");
  expect_input_error_naming(
      [&] {
        kl_divergence(kV01P, Gaussian{vec2(0, std::nan("")), Mat::Identity(2, 2)});
      },
      "Q.mean[1]");
  expect_input_error_naming(
      [&] { kl_divergence_diag(vec2(0, 0), vec2(1, 1), vec2(0, 0), Vec::Ones(3)); }, "v2");
  expect_input_error_naming(
      [&] { kl_divergence_diag(vec2(0, 0), vec2(1, 0), vec2(0, 0), vec2(1, 1)); }, "v1[1]");
  auto [P, Q] = random_spectral_pair(3, 5);
  P.basis = nullptr;
  expect_input_error_naming([&] { kl_divergence(P, Q); }, "P.basis");
  Q.var.resize(2);
  expect_input_error_naming([&] { kl_divergence(Q, Q); }, "P.var");
}

}  // namespace
}  // namespace sb
