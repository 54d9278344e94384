// Gaussian data (src/sb/data/gaussian_data.hpp): marginals, presets, bad covariances, V20, V10.
#include "sb/data/gaussian_data.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::matches_vector;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(GaussianData, MarginalIsTheA0Formula) {
  Mat cov(2, 2);
  cov << 2.0, 0.5, 0.5, 1.0;
  const GaussianData data((Vec(2) << 1.0, -1.0).finished(), cov);
  const auto p = make_ou(0.5, (Vec(2) << 3.0, 0.0).finished(), 1.0);
  const double t = 0.8;
  const Gaussian pt = data.marginal(*p, t).dense();
  const Vec mu_t = p->m(t) * data.mean() + p->kappa(t) * (Vec(2) << 3.0, 0.0).finished();
  const Mat S_t = p->m(t) * p->m(t) * cov + p->s2(t) * Mat::Identity(2, 2);
  EXPECT_LT((pt.mean - mu_t).cwiseAbs().maxCoeff(), 1e-14);
  EXPECT_LT((pt.cov - S_t).cwiseAbs().maxCoeff(), 1e-14);
}

// κ_t != 0 with a zero centre: the product Uᵀμ is skipped, and the mean is exactly m_t·Uᵀm.
TEST(GaussianData, MarginalWithZeroCentreSkipsTheCentreTerm) {
  const GaussianData data = gaussian_preset("correlated", 4);
  const auto zero_centre = make_ou(0.5, Vec::Zero(4), 1.0);
  const double t = 0.8;
  ASSERT_NE(zero_centre->kappa(t), 0.0);
  const SpectralGaussian pt = data.marginal(*zero_centre, t);
  const Vec expected = zero_centre->m(t) * data.law().mean;
  EXPECT_EQ(pt.mean, expected);
  // A nonzero centre still enters: m_t·Uᵀm + κ_t·Uᵀμ.
  const Vec mu = (Vec(4) << 1.0, 0.0, -2.0, 0.5).finished();
  const auto centred = make_ou(0.5, mu, 1.0);
  const Vec with_centre =
      centred->m(t) * data.law().mean + centred->kappa(t) * (data.basis()->transpose() * mu);
  EXPECT_LT((data.marginal(*centred, t).mean - with_centre).cwiseAbs().maxCoeff(), 1e-14);
}

// V20: VP β: 0.1 → 20 on [0, 0.3], T = 0.3, data N(0, 0.01): KL(p_T ‖ N(0, 1)).
TEST(TestVectors, V20_VpInitialisationError) {
  const double T = 0.3;
  const auto beta = make_linear_schedule(0.1, 20.0, T);
  EXPECT_TRUE(matches_vector(beta->integral(T), 3.015));
  const auto p = make_vp(beta);
  const GaussianData data(Vec::Zero(1), Mat::Constant(1, 1, 0.01));
  const SpectralGaussian ref{data.basis(), Vec::Zero(1), Vec::Ones(1)};
  EXPECT_TRUE(matches_vector(kl_divergence(data.marginal(*p, T), ref), 6.09208315526e-4));
}

// V10 (second part): VE-Brownian, data N(1, 1), T = 10: KL(p_T ‖ N(0, 20)) ≤ E X²/(4T) = 0.05.
TEST(TestVectors, V10_VeInitialisationError) {
  const auto p = make_ve_brownian();
  const GaussianData data(Vec::Ones(1), Mat::Constant(1, 1, 1.0));
  const SpectralGaussian ref{data.basis(), Vec::Zero(1), Vec::Constant(1, 20.0)};
  const double kl = kl_divergence(data.marginal(*p, 10.0), ref);
  EXPECT_TRUE(matches_vector(kl, 0.0256049179153));
  EXPECT_LE(kl, data.second_moment() / 40.0);
}

TEST(GaussianData, PresetsHaveTheDocumentedMoments) {
  const auto iso = gaussian_preset("isotropic", 5);
  EXPECT_EQ(iso.mean(), Vec::Ones(5));
  EXPECT_EQ(iso.cov(), 0.5 * Mat::Identity(5, 5));
  const auto het = gaussian_preset("heteroscedastic", 7);
  EXPECT_EQ(het.cov()(1, 1), 0.01);
  EXPECT_EQ(het.cov()(6, 6), 0.01);
  EXPECT_EQ(het.cov()(4, 4), 1.0);
  const auto cor = gaussian_preset("correlated", 50);
  EXPECT_EQ(cor.cov()(0, 3), 0.5);  // 1/√(3 + 1)
  EXPECT_GT(cor.eigenvalues().minCoeff(), 0.0);
  EXPECT_NE(error_of([] { gaussian_preset("banana", 3); }).find("data.preset is banana"),
            std::string::npos);
}

TEST(GaussianData, RejectsBadCovariances) {
  // Seed 003's footnote matrix, Σ_ii = 1 and Σ_ij = 1/√|i − j|, is not PD from d = 2 on.
  Mat foot(3, 3);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) foot(i, j) = i == j ? 1.0 : 1.0 / std::sqrt(std::abs(i - j));
  const std::string e = error_of([&] { GaussianData(Vec::Zero(3), foot, "data"); });
  EXPECT_NE(e.find("smallest eigenvalue of data.cov is -"), std::string::npos) << e;
  EXPECT_NE(e.find("positive definite"), std::string::npos) << e;

  Mat nonsym(2, 2);
  nonsym << 1.0, 0.2, 0.1, 1.0;
  EXPECT_NE(error_of([&] { GaussianData(Vec::Zero(2), nonsym, "data"); }).find("symmetric"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              GaussianData(Vec::Zero(1), Mat::Constant(1, 1, -1.0), "data");
            }).find("smallest eigenvalue of data.cov is -1"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              GaussianData(Vec::Zero(2), Mat::Identity(3, 3), "data");
            }).find("data.cov rows"),
            std::string::npos);
  Mat withnan = Mat::Identity(2, 2);
  withnan(1, 0) = std::nan("");
  EXPECT_NE(
      error_of([&] { GaussianData(Vec::Zero(2), withnan, "data"); }).find("data.cov[1][0] is nan"),
      std::string::npos);
  EXPECT_NE(error_of([&] {
              GaussianData(Vec::Constant(1, INFINITY), Mat::Identity(1, 1), "data");
            }).find("data.mean[0] is inf"),
            std::string::npos);
}

TEST(GaussianData, OneDimensionalShorthand) {
  const GaussianData g = gaussian_1d(-2.0, 0.3);
  ASSERT_EQ(g.dim(), 1);
  EXPECT_EQ(g.law().mean(0), -2.0);
  EXPECT_EQ(g.law().var(0), 0.3);
  EXPECT_THROW(gaussian_1d(0.0, -1.0), InputError);
}

}  // namespace
}  // namespace sb
