// Gaussian data as a Target (src/sb/data/target.hpp): exact draws, log-density, the score and
// Hessian of p_t against finite differences, and the Monte Carlo Fisher information of the
// base class against the closed form tr Σ_t⁻¹.
// Acceptance: closed-form identities to relative 1e-12; finite differences with step 1e-5
// (central, error O(h²) ≈ 1e-10 relative for these scales) to 1e-7; Monte Carlo within 5
// standard errors (two-sided false alarm 5.7e-7 per comparison) with fixed seeds.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "sb/core/rng.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/schedule/schedule.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::near_rel;

GaussianData data_2d() {
  Mat cov(2, 2);
  cov << 2.0, 0.5, 0.5, 1.0;
  return GaussianData((Vec(2) << 1.0, -1.0).finished(), cov);
}

TEST(Target, GaussianDataIsAGaussianTarget) {
  const GaussianData d = data_2d();
  const Target& t = d;
  EXPECT_EQ(t.kind(), "gaussian");
  EXPECT_EQ(t.dim(), 2);
  EXPECT_EQ(t.as_gaussian(), &d);
  EXPECT_TRUE(t.has_log_density());
  EXPECT_TRUE(t.has_hessian());
}

TEST(Target, SamplesHaveTheDataMomentsAndDependOnlyOnTheSeed) {
  const GaussianData d = data_2d();
  constexpr long n = 200000;
  const Mat x = d.sample(n, kDefaultSeed);
  ASSERT_EQ(x.rows(), n);
  const Vec mean = x.colwise().mean().transpose();
  const Mat centred = x.rowwise() - mean.transpose();
  const Mat cov = centred.transpose() * centred / static_cast<double>(n - 1);
  for (int i = 0; i < 2; ++i) {
    // se of a mean: sqrt(Σ_ii/n); of a variance: Σ_ii sqrt(2/(n-1)).
    EXPECT_LE(std::abs(mean(i) - d.mean()(i)), kMcZ * std::sqrt(d.cov()(i, i) / n));
    EXPECT_LE(std::abs(cov(i, i) - d.cov()(i, i)), kMcZ * d.cov()(i, i) * std::sqrt(2.0 / (n - 1)));
  }
  // The same (n, seed) gives the same bytes; the first rows do not depend on n.
  EXPECT_EQ(d.sample(5000, 7), d.sample(5000, 7));
  EXPECT_EQ(d.sample(5000, 7).topRows(100), d.sample(100, 7));
  EXPECT_NE(d.sample(100, 7), d.sample(100, 8));
}

TEST(Target, LogDensityIsTheGaussianFormula) {
  const GaussianData d = data_2d();
  Mat x(3, 2);
  x << 0.0, 0.0, 1.0, -1.0, 3.0, 2.0;
  const Vec lp = d.log_density(x);
  const Mat P = d.cov().inverse();
  for (int i = 0; i < 3; ++i) {
    const Vec r = x.row(i).transpose() - d.mean();
    const double ref = -0.5 * r.dot(P * r) - 0.5 * std::log(d.cov().determinant()) -
                       std::log(2 * std::numbers::pi);
    EXPECT_TRUE(near_rel(lp(i), ref, 1e-12)) << "row " << i;
  }
}

/// log p_t from the marginal's own Gaussian data.
double log_pt(const GaussianData& d, const LinearProcess& p, double t, const Vec& x) {
  const Gaussian g = d.marginal(p, t).dense();
  return GaussianData(g.mean, g.cov).log_density(x.transpose())(0);
}

TEST(Target, ScoreAndHessianMatchFiniteDifferencesOfLogPt) {
  const GaussianData d = data_2d();
  const auto p = make_vp(make_linear_schedule(0.1, 20.0, 1.0));
  constexpr double h = 1e-5;
  for (double t : {0.0, 0.05, 0.5}) {
    Mat x(2, 2);
    x << 0.3, -0.7, 2.0, 1.5;
    Mat s;
    d.score(*p, t, x, s);
    ASSERT_EQ(s.rows(), 2);
    for (int i = 0; i < 2; ++i) {
      const Vec xi = x.row(i).transpose();
      const Mat H = d.hessian(*p, t, xi);
      for (int j = 0; j < 2; ++j) {
        const Vec e = Vec::Unit(2, j) * h;
        const double fd = (log_pt(d, *p, t, xi + e) - log_pt(d, *p, t, xi - e)) / (2 * h);
        EXPECT_TRUE(near_rel(s(i, j), fd, 1e-7, 1e-9)) << "t " << t << " row " << i;
        Mat sp, sm;
        d.score(*p, t, (xi + e).transpose(), sp);
        d.score(*p, t, (xi - e).transpose(), sm);
        const Vec fdh = (sp.row(0) - sm.row(0)).transpose() / (2 * h);
        for (int k = 0; k < 2; ++k) EXPECT_TRUE(near_rel(H(k, j), fdh(k), 1e-7, 1e-9));
      }
    }
  }
}

TEST(Target, MonteCarloFisherInformationAgreesWithTheClosedForm) {
  const GaussianData d = data_2d();
  const auto p = make_standard_ou();
  for (double t : {0.0, 0.3, 2.0}) {
    const Estimate exact = d.fisher_information(*p, t);
    ASSERT_TRUE(exact.is_exact());
    // The base-class estimator, from forward draws X_t = m_t X_0 + s_t Z.
    const Estimate mc = d.Target::fisher_information(*p, t, {200000, kDefaultSeed});
    EXPECT_FALSE(mc.is_exact());
    EXPECT_EQ(mc.samples, 200000);
    EXPECT_GT(mc.std_error, 0.0);
    EXPECT_LE(std::abs(mc.value - exact.value), kMcZ * mc.std_error)
        << "t " << t << " seed " << kDefaultSeed;
    // Same seed, same bytes.
    EXPECT_EQ(d.Target::fisher_information(*p, t, {20000, 3}).value,
              d.Target::fisher_information(*p, t, {20000, 3}).value);
  }
}

}  // namespace
}  // namespace sb
