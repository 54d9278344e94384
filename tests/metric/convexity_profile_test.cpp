// Convexity profiles and Hessian extremes of mixture potentials (metric/convexity_profile.hpp)
// against closed forms: theory-notes E (V19, V28) and appendix A3 (the symmetric pair attains
// the sharp weak-convexity bound), Gaussian data (constant profile), and the d > 1 search
// against a rotated copy of a 1-D instance.
#include "sb/metric/convexity_profile.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/process/scheduled_ou.hpp"

namespace sb {
namespace {

constexpr double kRel = 1e-10;

TEST(MixturePotential, DerivativesMatchTheClosedFormOfTheSymmetricPair) {
  // ½N(−a, s²) + ½N(a, s²): U' = x/s² − (a/s²) tanh(ax/s²), U'' = 1/s² − (a²/s⁴) sech²(ax/s²)
  // (seed 001, "two-cluster" example; theory-notes C10).
  const double a = 1.7, s2 = 0.6;
  const MixturePotential U(gmm_symmetric_pair(a, s2));
  for (double x : {-3.0, -0.4, 0.0, 0.25, 2.0}) {
    double du, d2u;
    U.derivatives_1d(x, du, d2u);
    const double th = std::tanh(a * x / s2);
    EXPECT_NEAR(du, x / s2 - a / s2 * th, 1e-13);
    EXPECT_NEAR(d2u, 1 / s2 - a * a / (s2 * s2) * (1 - th * th), 1e-12);
    EXPECT_NEAR(U.gradient(Vec::Constant(1, x))(0), du, 1e-13);
    EXPECT_NEAR(U.hessian(Vec::Constant(1, x))(0, 0), d2u, 1e-12);
  }
}

TEST(MixturePotential, HessianIsTheJacobianOfTheGradient) {
  Mat means(3, 2);
  means << -1, 0.5, 2, 1, 0.3, -1.5;
  std::vector<Mat> covs = {Mat::Identity(2, 2), 0.5 * Mat::Identity(2, 2), Mat(2, 2)};
  covs[2] << 1.2, 0.4, 0.4, 0.7;
  const MixturePotential U(GaussianMixture(Vec::Constant(3, 1.0 / 3), means, covs), 1.0);
  const Vec x = Vec::LinSpaced(2, 0.2, -0.3);
  const Mat h = U.hessian(x);
  for (Eigen::Index j = 0; j < 2; ++j) {
    Vec dx = Vec::Zero(2);
    dx(j) = 1e-6;
    const Vec fd = (U.gradient(x + dx) - U.gradient(x - dx)) / 2e-6;
    EXPECT_NEAR((fd - h.col(j)).norm(), 0.0, 1e-7);
  }
  EXPECT_NEAR((h - h.transpose()).norm(), 0.0, 1e-14);
}

TEST(ConvexityProfile, TestVectorV19SymmetricPairAttainsTheSharpBound) {
  // ½N(±2, 1), r = 1: κ_U(1) = 1 − 4 tanh 1 (theory-notes V19), which is GSO25's bound with
  // α = 1/σ², √M = D/(2σ²) = 2 (equality, appendix A3).
  const MixturePotential U(gmm_symmetric_pair(2.0, 1.0));
  const ProfileValue p = convexity_profile(U, 1.0);
  EXPECT_NEAR(p.kappa, -2.04637662382, kRel * 2.05);
  EXPECT_NEAR(weak_convexity_bound(1.0, 2.0, 1.0), -2.04637662382, kRel * 2.05);
  // The minimising pair is symmetric about 0.
  EXPECT_NEAR(p.x(0) + p.y(0), 0.0, 1e-5);
  EXPECT_EQ(p.method, "grid_search_1d");
  // The seed's √M = (2n/σ²) Σ‖μ_i‖ = 16 gives −30.9999927977 (V19): valid, very loose.
  EXPECT_NEAR(weak_convexity_bound(1.0, 16.0, 1.0), -30.9999927977, kRel * 31);
}

TEST(ConvexityProfile, SharpBoundIsAttainedAtEveryRadius) {
  const double a = 1.3, s2 = 0.5;
  const MixturePotential U(gmm_symmetric_pair(a, s2));
  const double alpha = 1 / s2, sqrt_m = 2 * a / (2 * s2);
  for (double r : {1e-4, 0.01, 0.3, 1.0, 4.0, 30.0}) {
    const double k = convexity_profile(U, r).kappa, b = weak_convexity_bound(alpha, sqrt_m, r);
    EXPECT_NEAR(k, b, 1e-9 * std::max(1.0, std::abs(b))) << "r = " << r;
  }
}

TEST(ConvexityProfile, GaussianHasAConstantProfile) {
  Mat mean(1, 2);
  mean << 0.5, -1;
  Mat cov(2, 2);
  cov << 2.0, 0.6, 0.6, 0.5;
  const MixturePotential U(GaussianMixture(Vec::Ones(1), mean, std::vector<Mat>{cov}));
  // κ(r) = λ_min(Σ⁻¹) for every r (the quadratic form's minimum over unit e).
  const double lmin = 1.0 / Eigen::SelfAdjointEigenSolver<Mat>(cov).eigenvalues().maxCoeff();
  for (double r : {0.1, 1.0, 10.0}) {
    const ProfileValue p = convexity_profile(U, r);
    EXPECT_EQ(p.method, "multistart_descent");
    EXPECT_NEAR(p.kappa, lmin, 1e-9) << r;
  }
}

TEST(ConvexityProfile, SearchInTwoDimensionsFindsTheOneDimensionalValue) {
  // A 1-D asymmetric mixture embedded along a rotated axis, plus an independent N(0, 0.3)
  // coordinate (whose curvature 1/0.3 is above every value of the 1-D profile): the 2-D
  // profile is the 1-D one.
  const Vec w = (Vec(3) << 0.2, 0.5, 0.3).finished();
  const Vec m1 = (Vec(3) << -2.0, 0.4, 2.5).finished();
  const double s2 = 0.4;
  Mat m1d = m1;
  const MixturePotential U1(GaussianMixture(w, m1d, s2));
  const double c = std::cos(0.7), s = std::sin(0.7);
  Mat means(3, 2);
  std::vector<Mat> covs;
  Mat rot(2, 2);
  rot << c, -s, s, c;
  for (int k = 0; k < 3; ++k) {
    means.row(k) = (rot * Eigen::Vector2d(m1(k), 0.0)).transpose();
    covs.push_back(rot * Eigen::Vector2d(s2, 0.3).asDiagonal() * rot.transpose());
  }
  const MixturePotential U2(GaussianMixture(w, means, covs));
  for (double r : {0.05, 0.8, 3.0}) {
    const double k1 = convexity_profile(U1, r).kappa, k2 = convexity_profile(U2, r).kappa;
    EXPECT_NEAR(k2, k1, 1e-6 * std::max(1.0, std::abs(k1))) << "r = " << r;
  }
  const double l1 = min_hessian_eigenvalue(U1).value, l2 = min_hessian_eigenvalue(U2).value;
  EXPECT_NEAR(l2, l1, 1e-6 * std::max(1.0, std::abs(l1)));
}

TEST(HessianExtremes, TestVectorsV19AndV28) {
  // ½N(±10, 1): Lip ∇log p = D²/(4σ⁴) − 1/σ² = 99 (V19; the seed's 1/σ² + √M = 81).
  EXPECT_NEAR(lipschitz_constant(MixturePotential(gmm_symmetric_pair(10.0, 1.0))).value, 99.0,
              99 * kRel);
  // ½N(±1, 0.01): 9900 (theory-notes D-4).
  EXPECT_NEAR(lipschitz_constant(MixturePotential(gmm_symmetric_pair(1.0, 0.01))).value, 9900.0,
              9900 * kRel);
  // V28: ½N(±3, 1) under the standard OU at τ = 0.5, U = −log p̃_τ: Lip = 9e^{−1}.
  const GaussianMixture pt = gmm_symmetric_pair(3.0, 1.0).marginal(*make_standard_ou(), 0.5);
  const HessianExtreme l = lipschitz_constant(MixturePotential(pt, 1.0));
  EXPECT_NEAR(l.value, 3.31091497054, 3.32 * kRel);
  EXPECT_NEAR(l.x(0), 0.0, 1e-6);  // attained at the barrier x = 0
}

TEST(HessianExtremes, TwoDimensionalLowerAndUpperEigenvalues) {
  // Two components N(±a e, σ²I) in 2-D: λ_min(∇²U) = 1/σ² − a²/σ⁴ at 0, λ_max = 1/σ².
  Mat means(2, 2);
  means << -1.5, 0.0, 1.5, 0.0;
  const MixturePotential U(GaussianMixture(Vec::Constant(2, 0.5), means, 1.0));
  EXPECT_NEAR(min_hessian_eigenvalue(U).value, 1 - 2.25, 1e-6);
  EXPECT_NEAR(max_hessian_eigenvalue(U).value, 1.0, 1e-6);
  EXPECT_NEAR(lipschitz_constant(U).value, 1.25, 1e-6);
}

TEST(ConvexityProfile, RejectsBadInput) {
  const MixturePotential U(gmm_symmetric_pair(1.0, 1.0));
  for (double r : {0.0, -1.0, std::nan(""), HUGE_VAL})
    EXPECT_THROW(convexity_profile(U, r), InputError) << r;
  EXPECT_THROW(MixturePotential(gmm_symmetric_pair(1.0, 1.0), std::nan("")), InputError);
}

}  // namespace
}  // namespace sb

namespace sb {
namespace {

TEST(MinimalSqrtM, InvertsTheWeakConvexityBound) {
  for (double r : {1e-3, 0.5, 2.0, 40.0})
    for (double sm : {0.0, 0.1, 2.0, 16.0}) {
      const double k = weak_convexity_bound(1.3, sm, r);
      EXPECT_NEAR(minimal_sqrt_m(1.3, k, r), sm, 1e-9 * std::max(1.0, sm)) << r << " " << sm;
    }
  EXPECT_EQ(minimal_sqrt_m(1.0, 1.5, 1.0), 0.0);  // kappa above alpha: M = 0 suffices
  // V19: the symmetric pair ½N(±2, 1) needs exactly √M = 2 at every radius.
  const MixturePotential U(gmm_symmetric_pair(2.0, 1.0));
  for (double r : {0.01, 1.0, 10.0})
    EXPECT_NEAR(minimal_sqrt_m(1.0, convexity_profile(U, r).kappa, r), 2.0, 1e-8) << r;
}

}  // namespace
}  // namespace sb
