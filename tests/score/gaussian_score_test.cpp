// Affine score models (src/sb/score/gaussian_score.hpp): the exact score against finite
// differences of log p_τ, the L² error formula against Monte Carlo, and bad input.
#include "sb/score/gaussian_score.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

Mat cov3() {
  Mat c(3, 3);
  c << 2.0, 0.3, 0.0, 0.3, 1.0, 0.2, 0.0, 0.2, 0.5;
  return c;
}

double log_density(const Gaussian& g, const Vec& x) {
  Eigen::LLT<Mat> llt(g.cov);
  const Vec z = llt.matrixL().solve(x - g.mean);
  return -0.5 * z.squaredNorm();  // up to a constant
}

TEST(GaussianScore, ExactScoreIsTheGradientOfLogPt) {
  const GaussianData data((Vec(3) << 1.0, 0.0, -1.0).finished(), cov3());
  const auto p = make_ou(0.5, (Vec(3) << 0.2, 0.2, 0.2).finished(), 1.0);
  const GaussianScore score(p, data, {});
  const double tau = 0.6;
  const Gaussian pt = data.marginal(*p, tau).dense();
  const Vec y = (Vec(3) << 0.3, -0.7, 1.1).finished();
  const Vec s = score.eval(tau, y);
  for (int i = 0; i < 3; ++i) {
    const double h = 1e-5;
    Vec e = Vec::Zero(3);
    e(i) = h;
    const double fd = (log_density(pt, y + e) - log_density(pt, y - e)) / (2 * h);
    EXPECT_NEAR(s(i), fd, 1e-8);  // central difference: O(h²) = 1e-10 truncation + rounding
  }
}

TEST(GaussianScore, L2ErrorMatchesMonteCarlo) {
  // E‖ŝ − ∇log p‖² = ε² + δ² tr Σ_τ⁻¹ (theory-notes B.1); Monte Carlo over X ~ p_τ, 5 s.e.
  const GaussianData data(Vec::Zero(3), cov3());
  const auto p = make_standard_ou();
  ScoreError err;
  err.delta = 0.3;
  err.eps = 0.5;
  err.direction = (Vec(3) << 1.0, -1.0, 2.0).finished();
  const GaussianScore score(p, data, err), exact(p, data, {});
  const double tau = 0.4;
  const Gaussian pt = data.marginal(*p, tau).dense();
  const Mat L = Eigen::LLT<Mat>(pt.cov).matrixL();
  Rng rng(kDefaultSeed);
  const int n = 100000;
  double sum = 0, sum2 = 0;
  for (int k = 0; k < n; ++k) {
    Vec z(3);
    for (int i = 0; i < 3; ++i) z(i) = rng.normal();
    const Vec x = pt.mean + L * z;
    const double v = (score.eval(tau, x) - exact.eval(tau, x)).squaredNorm();
    sum += v;
    sum2 += v * v;
  }
  const double mean = sum / n, se = std::sqrt((sum2 / n - mean * mean) / n);
  EXPECT_LE(std::abs(mean - score.l2_error_sq(tau).value), kMcZ * se) << "seed " << kDefaultSeed;
  EXPECT_EQ(score.linf_error(tau), INFINITY);
  ScoreError add;
  add.eps = 0.5;
  EXPECT_EQ(GaussianScore(p, data, add).l2_error_sq(tau).value, 0.25);
  EXPECT_EQ(GaussianScore(p, data, add).linf_error(tau), 0.5);
}

TEST(GaussianScore, BadErrorsAreRejected) {
  const GaussianData data(Vec::Zero(2), Mat::Identity(2, 2));
  const auto p = make_standard_ou();
  ScoreError zero;
  zero.eps = 0.1;
  zero.direction = Vec::Zero(2);
  try {
    GaussianScore(p, data, zero);
    FAIL() << "zero direction accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("norm of score_error.direction is 0"), std::string::npos)
        << e.what();
  }
  ScoreError wrong;
  wrong.direction = Vec::Ones(3);
  EXPECT_THROW(GaussianScore(p, data, wrong), InputError);
  ScoreError neg;
  neg.eps = -0.1;
  EXPECT_THROW(GaussianScore(p, data, neg), InputError);
  ScoreError del;
  del.delta = -1.0;
  EXPECT_THROW(GaussianScore(p, data, del), InputError);
}

}  // namespace
}  // namespace sb
