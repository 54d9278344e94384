// Wasserstein-2 between Gaussians (src/sb/metric/bures_w2.hpp, theory-notes B.4): test vectors
// V01 and V02, the PSD square root on singular and round-off-negative matrices, dense against
// diagonal/spectral, W2(P, P) = 0, point masses, and input errors.
#include "sb/metric/bures_w2.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"

namespace sb {
namespace {

::testing::AssertionResult near_rel(double x, double ref, double rel) {
  if (std::isfinite(x) && std::abs(x - ref) <= rel * std::abs(ref))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << x << " vs " << ref << " (relative error "
                                       << std::abs(x - ref) / std::abs(ref) << " > " << rel << ")";
}

Mat mat2(double a, double b, double c, double d) {
  Mat m(2, 2);
  m << a, b, c, d;
  return m;
}
Vec vec2(double a, double b) { return (Vec(2) << a, b).finished(); }
Vec vec1(double a) { return Vec::Constant(1, a); }
Mat mat1(double a) { return Mat::Constant(1, 1, a); }

Mat random_orthogonal(Eigen::Index d, std::uint64_t seed) {
  Rng rng(seed);
  Mat g(d, d);
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = 0; i < d; ++i) g(i, j) = rng.normal();
  return Eigen::HouseholderQR<Mat>(g).householderQ();
}

struct SpectralPair {
  SpectralGaussian P, Q;
};
SpectralPair random_spectral_pair(Eigen::Index d, std::uint64_t seed) {
  Rng rng(seed, 1);
  auto basis = std::make_shared<const Mat>(random_orthogonal(d, seed));
  SpectralPair out{{basis, Vec(d), Vec(d)}, {basis, Vec(d), Vec(d)}};
  for (Eigen::Index j = 0; j < d; ++j) {
    out.P.mean[j] = rng.normal();
    out.Q.mean[j] = rng.normal();
    out.P.var[j] = 0.5 + 1.5 * rng.uniform();
    out.Q.var[j] = 0.5 + 1.5 * rng.uniform();
  }
  return out;
}

template <class F>
void expect_input_error_naming(F&& f, const std::string& name) {
  try {
    f();
    ADD_FAILURE() << "no InputError thrown (expected one naming " << name << ")";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
  }
}

TEST(metric_BuresW2, TestVectorV01) {
  // theory-notes E, V01: P = N((0,0), [[2,.5],[.5,1]]), Q = N((1,−1), [[1,−.3],[−.3,.5]]).
  const Gaussian P{vec2(0.0, 0.0), mat2(2.0, 0.5, 0.5, 1.0)};
  const Gaussian Q{vec2(1.0, -1.0), mat2(1.0, -0.3, -0.3, 0.5)};
  EXPECT_TRUE(near_rel(w2_squared(P, Q), 2.55330141277, 1e-10));  // theory-notes E, V01
  EXPECT_TRUE(near_rel(w2(P, Q), 1.59790532034, 1e-10));          // theory-notes E, V01
  EXPECT_TRUE(near_rel(w2(Q, P), 1.59790532034, 1e-10));          // theory-notes E, V01 (symmetric)
}

TEST(metric_BuresW2, TestVectorV02) {
  // theory-notes E, V02 laws P = N(0, 1), Q = N(1, 4); the value is the 1-D form of B.4:
  // W2² = (0 − 1)² + (√1 − √4)² = 2.
  const Gaussian P{vec1(0.0), mat1(1.0)}, Q{vec1(1.0), mat1(4.0)};
  EXPECT_TRUE(near_rel(w2_squared(P, Q), 2.0, 1e-10));
  EXPECT_TRUE(near_rel(w2(P, Q), std::sqrt(2.0), 1e-10));
  EXPECT_TRUE(near_rel(w2_diag(vec1(0.0), vec1(1.0), vec1(1.0), vec1(4.0)), std::sqrt(2.0), 1e-10));
}

TEST(metric_PsdSqrt, SquaresBackOnRandomSpd) {
  const Mat U = random_orthogonal(7, 11);
  const Vec lambda = (Vec(7) << 0.1, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0).finished();
  const Mat S = U * lambda.asDiagonal() * U.transpose();
  const Mat R = psd_sqrt(S);
  EXPECT_TRUE(R.isApprox(R.transpose(), 0.0));  // exactly symmetric
  EXPECT_LE((R * R - S).norm(), 1e-13 * S.norm());
  EXPECT_LE((R - U * lambda.cwiseSqrt().asDiagonal() * U.transpose()).norm(), 1e-13 * R.norm());
}

// Rank one: S = vvᵀ with ‖v‖ = 3, so S^{1/2} = vvᵀ/3; the zero eigenvalues come out of the
// eigen-solver as ±round-off and must not produce NaN.
TEST(metric_PsdSqrt, SingularPsdMatrix) {
  const Vec v = (Vec(3) << 1.0, 2.0, 2.0).finished();
  const Mat S = v * v.transpose();
  const Mat R = psd_sqrt(S);
  ASSERT_TRUE(R.allFinite());
  EXPECT_LE((R - S / 3.0).norm(), 1e-7);  // √(round-off) of the zero eigenvalues
  EXPECT_LE((R * R - S).norm(), 1e-13 * S.norm());
}

TEST(metric_PsdSqrt, TinyNegativeEigenvalueIsClampedToZero) {
  // Exactly an eigenvalue −1e-17.
  const Vec lambda = (Vec(3) << -1e-17, 1.0, 4.0).finished();
  const Mat R = psd_sqrt(Mat(lambda.asDiagonal()));
  ASSERT_TRUE(R.allFinite());
  EXPECT_EQ(R(0, 0), 0.0);
  EXPECT_NEAR(R(1, 1), 1.0, 1e-15);
  EXPECT_NEAR(R(2, 2), 2.0, 1e-15);
  // The same, rotated: the computed eigenvalue is −1e-17 plus round-off of either sign.
  const Mat U = random_orthogonal(3, 3);
  const Mat S = U * lambda.asDiagonal() * U.transpose();
  const Mat Rs = psd_sqrt(0.5 * (S + S.transpose()));
  ASSERT_TRUE(Rs.allFinite());
  EXPECT_LE((Rs * Rs - S).norm(), 1e-14);
}

TEST(metric_PsdSqrt, RejectsIndefiniteAndMalformedMatrices) {
  expect_input_error_naming([] { psd_sqrt(mat2(1.0, 0.0, 0.0, -0.1)); },
                            "the smallest eigenvalue of S");
  expect_input_error_naming([] { psd_sqrt(Mat::Identity(2, 3)); }, "the shape of S");
  expect_input_error_naming([] { psd_sqrt(mat2(1.0, 0.5, 0.0, 1.0)); }, "S[1][0]");
  expect_input_error_naming([] { psd_sqrt(mat2(1.0, 0.0, 0.0, std::nan(""))); }, "S[1][1]");
}

TEST(metric_BuresW2, DenseMatchesSpectralOnRotatedExample) {
  const auto [P, Q] = random_spectral_pair(6, 2024);
  const double spectral = w2_squared(P, Q);  // commuting form in the shared basis
  EXPECT_TRUE(near_rel(w2_squared(P.dense(), Q.dense()), spectral, 1e-12));
  EXPECT_TRUE(near_rel(w2(P.dense(), Q.dense()), w2(P, Q), 1e-12));
  EXPECT_EQ(spectral, w2_squared_diag(P.mean, P.var, Q.mean, Q.var));

  SpectralGaussian Q_copy = Q;  // equal basis behind another pointer: diagonal path
  Q_copy.basis = std::make_shared<const Mat>(*Q.basis);
  EXPECT_EQ(w2_squared(P, Q_copy), spectral);

  SpectralGaussian Q_other = Q;  // different basis: dense path
  Q_other.basis = std::make_shared<const Mat>(random_orthogonal(6, 7));
  EXPECT_TRUE(near_rel(w2_squared(P, Q_other), w2_squared(P.dense(), Q_other.dense()), 1e-12));
}

TEST(metric_BuresW2, SelfDistanceIsZero) {
  const auto [P, Q] = random_spectral_pair(5, 99);
  const Gaussian D = P.dense();
  EXPECT_NEAR(w2(D, D), 0.0, 1e-12);
  EXPECT_NEAR(w2(P, P), 0.0, 1e-12);
  // Equal covariances, different means: exactly the mean shift.
  const Gaussian E{Q.dense().mean, D.cov};
  EXPECT_TRUE(near_rel(w2_squared(D, E), (D.mean - E.mean).squaredNorm(), 1e-15));
}

// Point masses and degenerate laws are valid for W2.
TEST(metric_BuresW2, PointMasses) {
  const Gaussian A{vec2(1.0, 2.0), Mat::Zero(2, 2)}, B{vec2(4.0, -2.0), Mat::Zero(2, 2)};
  EXPECT_DOUBLE_EQ(w2(A, B), 5.0);  // ‖(3, −4)‖
  const Gaussian C{vec2(4.0, -2.0), mat2(2.0, 0.5, 0.5, 1.0)};
  EXPECT_TRUE(near_rel(w2_squared(A, C), 25.0 + 3.0, 1e-14));  // ‖Δ‖² + tr S
  EXPECT_TRUE(near_rel(w2_squared(C, A), 25.0 + 3.0, 1e-14));
  const Gaussian rank_one{vec2(0.0, 0.0), mat2(1.0, 1.0, 1.0, 1.0)};
  EXPECT_TRUE(std::isfinite(w2(rank_one, C)));
  EXPECT_TRUE(
      near_rel(w2_squared_diag(vec2(0, 0), vec2(0, 4), vec2(0, 0), vec2(1, 1)), 2.0, 1e-15));
}

TEST(metric_BuresW2, RejectsBadInput) {
  const Gaussian P{vec2(0, 0), Mat::Identity(2, 2)};
  expect_input_error_naming([&] { w2(P, Gaussian{Vec::Zero(3), Mat::Identity(3, 3)}); }, "Q.mean");
  expect_input_error_naming([&] { w2(Gaussian{vec2(0, 0), mat2(1, 0, 0, -1)}, P); }, "P.cov");
  expect_input_error_naming([&] { w2(P, Gaussian{vec2(0, 0), mat2(1, 2, 2, 1)}); }, "Q.cov");
  expect_input_error_naming([&] { w2_diag(vec2(0, 0), vec2(1, 1), vec2(0, 0), vec2(-1, 1)); },
                            "v2[0]");
  expect_input_error_naming([&] { w2_diag(vec2(0, 0), vec2(1, 1), vec1(0), vec2(1, 1)); }, "m2");
}

}  // namespace
}  // namespace sb
