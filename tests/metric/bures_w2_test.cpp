// Wasserstein-2 between Gaussians (src/sb/metric/bures_w2.hpp, theory-notes B.4): test vectors
// V01 and V02, the PSD square root on singular and round-off-negative matrices, dense against
// diagonal/spectral, W2(P, P) = 0, point masses, near-equal covariances (issue 7, item 6a:
// against the first-order Bures–Wasserstein metric and a long-double evaluation of B.4, and the
// VP case that printed W2 = 0), and input errors.
#include "sb/metric/bures_w2.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/sampler/continuous.hpp"
#include "sb/schedule/schedule.hpp"
#include "sb/score/gaussian_score.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;  // the shared helpers (tests/test_util.hpp)

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

// ---- Near-equal covariances (issue 7, item 6a) -----------------------------------------------

using MatL = Eigen::Matrix<long double, Eigen::Dynamic, Eigen::Dynamic>;
using VecL = Eigen::Matrix<long double, Eigen::Dynamic, 1>;

// A random SPD matrix with eigenvalues spread over [0.5, 2.5], and a random symmetric F with
// unit entries: F does not commute with S.
Mat random_spd(Eigen::Index d, std::uint64_t seed) {
  Rng rng(seed, 2);
  Vec lambda(d);
  for (Eigen::Index j = 0; j < d; ++j) lambda[j] = 0.5 + 2.0 * rng.uniform();
  const Mat U = random_orthogonal(d, seed);
  const Mat S = U * lambda.asDiagonal() * U.transpose();
  return 0.5 * (S + S.transpose());
}
Mat random_symmetric(Eigen::Index d, std::uint64_t seed) {
  Rng rng(seed, 3);
  Mat F(d, d);
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = j; i < d; ++i) F(i, j) = F(j, i) = rng.normal();
  return F;
}

// First-order Bures–Wasserstein metric: for S2 = S1 + E with E → 0,
//   tr S1 + tr S2 − 2 tr(S1^{1/2} S2 S1^{1/2})^{1/2} = ½ Σ_ij Ẽ_ij² / (λ_i + λ_j) + O(‖E‖³),
// S1 = U diag(λ) Uᵀ, Ẽ = Uᵀ E U (the metric g_S(E, E) = tr(X S X) with S X + X S = E, e.g.
// Malagò, Montrucchio & Pistone 2018, Information Geometry 1, 137–179; in the eigenbasis
// X_ij = Ẽ_ij/(λ_i + λ_j) and tr(X S X) = Σ_ij X_ij² λ_j, symmetrised). In long double.
long double first_order_bures(const Mat& S1, const Mat& E) {
  const Eigen::SelfAdjointEigenSolver<MatL> es(S1.cast<long double>());
  const MatL& U = es.eigenvectors();
  const MatL Et = U.transpose() * E.cast<long double>() * U;
  long double sum = 0;
  for (Eigen::Index j = 0; j < Et.cols(); ++j)
    for (Eigen::Index i = 0; i < Et.rows(); ++i)
      sum += Et(i, j) * Et(i, j) / (es.eigenvalues()[i] + es.eigenvalues()[j]);
  return sum / 2;
}

// The Bures term of theory-notes B.4 as printed, in long double (64-bit significand): its
// cancellation costs about d·2⁻⁶⁴·(tr S1 + tr S2), far below the test tolerances for the
// relative differences 1e-4 used with it.
long double bures_long_double(const Mat& S1, const Mat& S2) {
  const Eigen::SelfAdjointEigenSolver<MatL> es1(S1.cast<long double>());
  const VecL root = es1.eigenvalues().cwiseMax(0).cwiseSqrt();
  const MatL R1 = es1.eigenvectors() * root.asDiagonal() * es1.eigenvectors().transpose();
  const MatL M = R1 * S2.cast<long double>() * R1;
  const Eigen::SelfAdjointEigenSolver<MatL> es(0.5 * (M + M.transpose()), Eigen::EigenvaluesOnly);
  return S1.cast<long double>().trace() + S2.cast<long double>().trace() -
         2 * es.eigenvalues().cwiseMax(0).cwiseSqrt().sum();
}

// S2 = S1 + scale·F rounded to doubles, and the exact difference S2 − S1 of the doubles.
struct ClosePair {
  Mat S1, S2, E;
};
ClosePair close_pair(Eigen::Index d, double scale, std::uint64_t seed) {
  ClosePair p;
  p.S1 = random_spd(d, seed);
  p.S2 = p.S1 + scale * random_symmetric(d, seed);
  p.E = p.S2 - p.S1;  // exact (Sterbenz)
  return p;
}

TEST(metric_BuresW2, RelativeDifference1e9AgainstFirstOrderMetric) {
  // Covariances 1e-9 apart (relative), not commuting: W2² ≈ 1e-18·tr S. The difference form of
  // B.4 returned 0 or round-off of order 1e-15 here; the reference is the first-order metric,
  // whose relative error O(‖E‖/λ_min) is about 1e-8.
  for (Eigen::Index d : {2, 3, 5, 20}) {
    const ClosePair p = close_pair(d, 1e-9, 100 + static_cast<std::uint64_t>(d));
    const Vec m = Vec::Zero(d);
    const double ref = static_cast<double>(first_order_bures(p.S1, p.E));
    ASSERT_GT(ref, 0.0);
    EXPECT_TRUE(near_rel(w2_squared(Gaussian{m, p.S1}, Gaussian{m, p.S2}), ref, 1e-7)) << d;
    EXPECT_TRUE(near_rel(w2_squared(Gaussian{m, p.S2}, Gaussian{m, p.S1}), ref, 1e-7)) << d;
    // With a mean shift of the same order the two parts add.
    const Vec shift = Vec::Constant(d, 1e-9);
    EXPECT_TRUE(near_rel(w2_squared(Gaussian{m, p.S1}, Gaussian{shift, p.S2}),
                         ref + shift.squaredNorm(), 1e-7))
        << d;
  }
}

TEST(metric_BuresW2, CloseCovariancesAgainstLongDouble) {
  // Relative differences 1e-1 ... 1e-4 cover both sides of the switch to the sum-of-squares form
  // (made where d·ε·(tr S1 + tr S2) > 1e-10·W2², i.e. W2²/tr below about 2e-6·d); long double
  // evaluates B.4 as printed to about 1e-11 relative here (its own cancellation costs
  // ~d·5e-20·tr, too much below 1e-4, where the first-order test above takes over).
  for (Eigen::Index d : {2, 7, 30}) {
    for (double scale : {1e-1, 1e-2, 1e-3, 1e-4}) {
      const ClosePair p = close_pair(d, scale, 7 + static_cast<std::uint64_t>(d));
      const Vec m = Vec::Zero(d);
      const double ref = static_cast<double>(bures_long_double(p.S1, p.S2));
      EXPECT_TRUE(near_rel(w2_squared(Gaussian{m, p.S1}, Gaussian{m, p.S2}), ref, 1e-9))
          << d << " " << scale;
    }
  }
}

// A singular P.cov takes the pivoted LDLᵀ path. Its pivoting permutes rows in cycles of length
// >= 3 for most of these matrices; the product by Eigen's transpositionsP().transpose() on the
// right, used before, is not Πᵀ then, and W2 came out wrong (e.g. 4.28 instead of 0.0052).
TEST(metric_BuresW2, SemidefiniteBaseMatchesLongDouble) {
  for (Eigen::Index d : {3, 4, 6}) {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      Rng rng(seed, 9);
      Mat G(d, d - 1);
      for (Eigen::Index j = 0; j < G.cols(); ++j)
        for (Eigen::Index i = 0; i < d; ++i) G(i, j) = rng.normal() * static_cast<double>(i + 1);
      const Mat S1 = G * G.transpose();  // rank d − 1, diagonal growing with i: pivoting
      const Mat S2 = random_spd(d, seed);
      const Vec m = Vec::Zero(d);
      // The zero eigenvalue of S1 S2 comes out as ±ε·‖S1 S2‖, and its square root as ~1e-8:
      // inherent to the formula at a singular S1, hence 1e-7.
      const double ref = static_cast<double>(bures_long_double(S1, S2));
      EXPECT_TRUE(near_rel(w2_squared(Gaussian{m, S1}, Gaussian{m, S2}), ref, 1e-7)) << d;
      EXPECT_TRUE(near_rel(w2_squared(Gaussian{m, S2}, Gaussian{m, S1}), ref, 1e-7)) << d;
    }
  }
}

// The case that printed W2 = 0: VP with β linear from 0.1 to 50 on [0, 1], the continuous
// reverse SDE with the exact score from N(0, I), whose output covariance differs from the data
// covariance only by the initialisation error, of order exp(−∫β) = e⁻²⁵ relative. The
// shared-basis (diagonal) value is accurate; the dense path and the spectral path with another
// basis must agree with it. Forming the dense matrices U diag(v) Uᵀ rounds each entry by about
// ε relative, i.e. ~1e-5 of the difference, hence the tolerance.
TEST(metric_BuresW2, VpLinearBetaTo50OutputCloseToData) {
  for (Eigen::Index d : {2, 3, 5}) {
    const GaussianData data = gaussian_preset("correlated", d);
    const ProcessPtr p = make_vp(make_linear_schedule(0.1, 50.0, 1.0));
    const GaussianScore score(p, data, {});
    const TimeGrid grid = TimeGrid::uniform(1.0, 1000);
    const SpectralGaussian init = initial_law(Init::kReference, *p, data, 1.0);
    const SpectralGaussian out = run_continuous_spectral(*p, data, score, grid, init).spectral;
    const SpectralGaussian target = data.law();
    const double ref = w2_squared(target, out);  // shared basis: Σ (√v1 − √v2)², no cancellation
    ASSERT_GT(ref, 1e-24) << d;
    ASSERT_LT(ref, 1e-18) << d;
    const Gaussian target_dense{data.mean(), data.cov()};
    EXPECT_TRUE(near_rel(w2_squared(target_dense, out.dense()), ref, 1e-3)) << d;
    EXPECT_TRUE(near_rel(w2_squared(out.dense(), target_dense), ref, 1e-3)) << d;
    SpectralGaussian flipped = out;  // the same law in another basis: first column negated
    Mat basis = *out.basis;
    basis.col(0) *= -1.0;
    flipped.basis = std::make_shared<const Mat>(basis);
    flipped.mean[0] = -flipped.mean[0];
    EXPECT_TRUE(near_rel(w2_squared(target, flipped), ref, 1e-3)) << d;
  }
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
