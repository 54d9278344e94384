// Gaussian mixtures as a Target (src/sb/data/gaussian_mixture.hpp).
// Acceptance rules:
//  * closed-form identities (K = 1 against GaussianData, fast path against general path,
//    marginal parameters, moments): relative 1e-12 (a few hundred roundings of O(1) terms);
//  * central finite differences with step h = 1e-5: truncation h²·|f'''|/6 ≈ 1e-10 and rounding
//    ε·|f|/h ≈ 1e-11 for these O(1)–O(10) scales, accepted at 1e-7 relative or 1e-8 absolute;
//  * Monte Carlo: |estimate − exact| <= 5 standard errors (two-sided false alarm 5.7e-7 per
//    comparison under normality; 1.2e-4 for the ~200 comparisons of this file), fixed seeds,
//    sample sizes such that 5 SE is below 10 % of the compared quantity.
#include "sb/data/gaussian_mixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "sb/core/quadrature.hpp"
#include "sb/core/rng.hpp"
#include "sb/core/stats.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "sb/schedule/schedule.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::near_rel;

/// A random SPD matrix Q diag(λ) Qᵀ with λ in [0.3, 1.8].
Mat gmm_test_spd(Eigen::Index d, std::uint64_t seed) {
  const Mat q = test::random_orthogonal(d, seed);
  Rng rng(seed + 1000);
  Vec lambda(d);
  for (Eigen::Index j = 0; j < d; ++j) lambda(j) = 0.3 + 1.5 * rng.uniform();
  Mat s = q * lambda.asDiagonal() * q.transpose();
  return 0.5 * (s + s.transpose());
}

/// Three components in 3-D with unequal weights and general covariances.
GaussianMixture gmm_test_general() {
  Mat means(3, 3);
  means << 1.0, -0.5, 0.3, -1.2, 0.8, 0.0, 0.4, 1.5, -1.0;
  return GaussianMixture(test::vec({0.5, 0.3, 0.2}), means,
                         {gmm_test_spd(3, 11), gmm_test_spd(3, 12), gmm_test_spd(3, 13)});
}

/// Four isotropic components in 3-D.
GaussianMixture gmm_test_isotropic() {
  Mat means(4, 3);
  means << 1.0, -0.5, 0.3, -1.2, 0.8, 0.0, 0.4, 1.5, -1.0, 0.0, 0.0, 2.0;
  return GaussianMixture(test::vec({0.4, 0.3, 0.2, 0.1}), means, 0.7);
}

/// The processes of the marginal checks: OU with a centre, VP, VE (geometric).
std::vector<ProcessPtr> gmm_test_processes() {
  return {make_ou(0.7, test::vec({0.5, -0.5, 1.0}), 1.3),
          make_vp(make_linear_schedule(0.1, 10.0, 1.0)), make_ve_geometric(0.01, 5.0, 1.0)};
}

Mat gmm_test_points() {
  Mat x(4, 3);
  x << 0.3, -0.7, 0.1, 2.0, 1.5, -1.0, -1.0, 0.2, 0.4, 0.0, 0.0, 0.0;
  return x;
}

double gmm_log_pt(const GaussianMixture& g, const LinearProcess& p, double t, const Vec& x) {
  return g.log_density_t(p, t, x.transpose())(0);
}

void gmm_expect_score_and_hessian_match_fd(const GaussianMixture& g) {
  constexpr double h = 1e-5;
  for (const ProcessPtr& p : gmm_test_processes()) {
    for (double t : {0.0, 0.1, 0.7}) {
      const Mat x = gmm_test_points();
      Mat s;
      g.score(*p, t, x, s);
      ASSERT_EQ(s.rows(), x.rows());
      for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const Vec xi = x.row(i).transpose();
        const Mat H = g.hessian(*p, t, xi);
        for (int j = 0; j < 3; ++j) {
          const Vec e = Vec::Unit(3, j) * h;
          const double fd = (gmm_log_pt(g, *p, t, xi + e) - gmm_log_pt(g, *p, t, xi - e)) / (2 * h);
          EXPECT_TRUE(near_rel(s(i, j), fd, 1e-7, 1e-8))
              << p->kind() << " t " << t << " row " << i << " coord " << j;
          Mat sp, sm;
          g.score(*p, t, (xi + e).transpose(), sp);
          g.score(*p, t, (xi - e).transpose(), sm);
          for (int k = 0; k < 3; ++k)
            EXPECT_TRUE(near_rel(H(k, j), (sp(0, k) - sm(0, k)) / (2 * h), 1e-7, 1e-8))
                << p->kind() << " t " << t << " row " << i << " H(" << k << "," << j << ")";
        }
      }
    }
  }
}

TEST(GaussianMixture, GeneralScoreAndHessianMatchFiniteDifferences) {
  const GaussianMixture g = gmm_test_general();
  ASSERT_FALSE(g.is_isotropic_equal());
  gmm_expect_score_and_hessian_match_fd(g);
}

TEST(GaussianMixture, IsotropicScoreAndHessianMatchFiniteDifferences) {
  const GaussianMixture g = gmm_test_isotropic();
  ASSERT_TRUE(g.is_isotropic_equal());
  gmm_expect_score_and_hessian_match_fd(g);
}

TEST(GaussianMixture, OneComponentIsGaussianData) {
  const Mat cov = gmm_test_spd(3, 21);
  const Vec mu = test::vec({0.5, -1.0, 2.0});
  const GaussianData gd(mu, cov);
  const GaussianMixture g(Vec::Ones(1), mu.transpose(), {cov});
  const GaussianData gd_iso(mu, 0.8 * Mat::Identity(3, 3));
  const GaussianMixture g_iso(Vec::Ones(1), mu.transpose(), 0.8);
  const Mat x = gmm_test_points();
  for (int c = 0; c < 2; ++c) {
    const GaussianMixture& mix = c == 0 ? g : g_iso;
    const GaussianData& ref = c == 0 ? gd : gd_iso;
    const Vec lp = mix.log_density(x), lp_ref = ref.log_density(x);
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      EXPECT_TRUE(near_rel(lp(i), lp_ref(i), 1e-12)) << "case " << c << " row " << i;
    for (const ProcessPtr& p : gmm_test_processes()) {
      for (double t : {0.0, 0.4}) {
        Mat s, s_ref;
        mix.score(*p, t, x, s);
        ref.score(*p, t, x, s_ref);
        const double scale = s_ref.cwiseAbs().maxCoeff();
        EXPECT_LE((s - s_ref).cwiseAbs().maxCoeff(), 1e-12 * scale) << p->kind() << " t " << t;
        const Vec x0 = x.row(0).transpose();
        const Mat H = mix.hessian(*p, t, x0), H_ref = ref.hessian(*p, t, x0);
        EXPECT_LE((H - H_ref).cwiseAbs().maxCoeff(), 1e-12 * H_ref.cwiseAbs().maxCoeff());
        const Vec lpt = mix.log_density_t(*p, t, x);
        const Gaussian pt = ref.marginal(*p, t).dense();
        const Vec lpt_ref = GaussianData(pt.mean, pt.cov).log_density(x);
        for (Eigen::Index i = 0; i < x.rows(); ++i)
          EXPECT_TRUE(near_rel(lpt(i), lpt_ref(i), 1e-12)) << p->kind() << " t " << t;
      }
    }
  }
}

TEST(GaussianMixture, IsotropicFastPathEqualsGeneralPath) {
  const GaussianMixture iso = gmm_test_isotropic();
  // The same law on the general path: the four var·I components plus one of weight 0 with
  // another covariance (so that the fast path is not detected).
  Mat means(5, 3);
  means.topRows(4) = iso.means();
  means.row(4) << 9.0, 9.0, 9.0;
  std::vector<Mat> covs(4, 0.7 * Mat::Identity(3, 3));
  covs.push_back(gmm_test_spd(3, 5));
  const GaussianMixture general(test::vec({0.4, 0.3, 0.2, 0.1, 0.0}), means, covs);
  ASSERT_FALSE(general.is_isotropic_equal());
  // K copies of var·I through the general constructor are detected.
  const GaussianMixture detected(iso.weights(), iso.means(), std::vector<Mat>(4, covs[0]));
  EXPECT_TRUE(detected.is_isotropic_equal());
  EXPECT_EQ(detected.isotropic_var(), 0.7);
  // Enough rows for several tiles, including a partial one.
  const Mat x = 1.5 * gmm_test_general().sample(300, 3);
  for (const ProcessPtr& p : gmm_test_processes()) {
    for (double t : {0.0, 0.3, 1.0}) {
      Mat s_iso, s_gen;
      iso.score(*p, t, x, s_iso);
      general.score(*p, t, x, s_gen);
      const double scale = s_iso.cwiseAbs().maxCoeff();
      EXPECT_LE((s_iso - s_gen).cwiseAbs().maxCoeff(), 1e-12 * scale) << p->kind() << " t " << t;
      const Vec x0 = x.row(7).transpose();
      EXPECT_LE((iso.hessian(*p, t, x0) - general.hessian(*p, t, x0)).cwiseAbs().maxCoeff(),
                1e-12 * iso.hessian(*p, t, x0).cwiseAbs().maxCoeff());
      const Vec a = iso.log_density_t(*p, t, x), b = general.log_density_t(*p, t, x);
      EXPECT_LE((a - b).cwiseAbs().maxCoeff(), 1e-12 * a.cwiseAbs().maxCoeff());
    }
  }
}

TEST(GaussianMixture, ScoreRowsOnBlocksAgreesWithScore) {
  for (const GaussianMixture& g : {gmm_test_general(), gmm_test_isotropic()}) {
    const auto p = make_vp(make_linear_schedule(0.1, 10.0, 1.0));
    const Mat x = g.sample(1000, 5);
    Mat whole;
    g.score(*p, 0.2, x, whole);
    // Blocks of 300 rows (not a multiple of the tile) written in place into one matrix.
    Mat parts(1000, 3);
    GaussianMixture::Workspace ws = g.make_workspace(*p);
    for (long b = 0; b < 1000; b += 300) {
      const long n = std::min(300L, 1000 - b);
      g.score_rows(*p, 0.2, x.middleRows(b, n), parts.middleRows(b, n), ws);
    }
    // Same arithmetic per row; only the vectorised exp of a tile's tail may round differently.
    EXPECT_LE((whole - parts).cwiseAbs().maxCoeff(), 1e-14 * whole.cwiseAbs().maxCoeff());
    // A workspace of another process is refused.
    const auto other = make_standard_ou();
    test::expect_input_error_naming([&] { g.score_rows(*other, 0.2, x, parts, ws); }, "ws");
    Mat wrong(999, 3);
    test::expect_input_error_naming([&] { g.score_rows(*p, 0.2, x, wrong, ws); },
                                    "the rows of out");
  }
}

// log_density works on blocks of rows: across block boundaries (5000 rows, blocks of 2048) it
// equals the log-sum-exp of each row computed on its own, to rounding; far from every component
// (|x| = 1e200, squared distances overflow) it is -inf, never NaN.
TEST(GaussianMixture, LogDensityOnBlocksEqualsRowByRow) {
  const GaussianMixture g = gmm_grid25(1.0, 0.05);
  const Mat x = gmm_grid25(1.0, 0.5).sample(5000, 7);
  const Vec all = g.log_density(x);
  for (Eigen::Index i = 0; i < x.rows(); i += 97) {
    double top = -std::numeric_limits<double>::infinity();
    std::vector<double> l;
    for (Eigen::Index k = 0; k < g.components(); ++k) {
      const double q = (x.row(i) - g.means().row(k)).squaredNorm();
      l.push_back(std::log(g.weights()(k)) - std::log(2 * M_PI * 0.05) - 0.5 * q / 0.05);
      top = std::max(top, l.back());
    }
    double sum = 0.0;
    for (double v : l) sum += std::exp(v - top);
    EXPECT_NEAR(all(i), top + std::log(sum), 1e-12 * std::max(1.0, std::abs(all(i)))) << i;
  }
  Mat far(2, 2);
  far << 1e200, -1e200, 0.0, 1e200;
  const Vec lf = g.log_density(far);
  for (Eigen::Index i = 0; i < 2; ++i) {
    EXPECT_FALSE(std::isnan(lf(i)));
    EXPECT_EQ(lf(i), -std::numeric_limits<double>::infinity());
  }
}

TEST(GaussianMixture, MarginalIsEachComponentTransported) {
  const GaussianMixture g = gmm_test_general();
  for (const ProcessPtr& p : gmm_test_processes()) {
    const double t = 0.6, m = p->m(t), kappa = p->kappa(t), s2 = p->s2(t);
    const GaussianMixture pt = g.marginal(*p, t);
    EXPECT_EQ(pt.weights(), g.weights());
    const Vec c = p->centre(3);
    for (Eigen::Index k = 0; k < 3; ++k) {
      const Vec mu = m * g.means().row(k).transpose() + kappa * c;
      EXPECT_LE((pt.means().row(k).transpose() - mu).cwiseAbs().maxCoeff(),
                1e-14 * (1 + mu.cwiseAbs().maxCoeff()));
      const Mat cov = m * m * g.covs()[k] + s2 * Mat::Identity(3, 3);
      EXPECT_LE((pt.covs()[k] - cov).cwiseAbs().maxCoeff(), 1e-14 * cov.cwiseAbs().maxCoeff());
    }
    EXPECT_TRUE(g.marginal(*p, 0.0)
                    .log_density(gmm_test_points())
                    .isApprox(g.log_density(gmm_test_points()), 1e-13));
  }
}

// Forward transport of samples X_t = m_t X_0 + κ_t c + s_t Z against the moments of
// marginal(process, t). Means: se = √(Var/n). Second moments: E(X_t,j − μ_j)² with μ_j the
// exact mean, se from the sample variance of the squared deviations.
TEST(GaussianMixture, MarginalMatchesForwardTransportOfSamples) {
  const GaussianMixture g = gmm_test_general();
  constexpr long n = 100000;
  const Mat x0 = g.sample(n, kDefaultSeed);
  for (const ProcessPtr& p : gmm_test_processes()) {
    for (double t : {0.2, 1.0}) {
      const double m = p->m(t), s = std::sqrt(p->s2(t));
      const Vec shift = p->kappa(t) * p->centre(3);
      Rng rng(kDefaultSeed, 77);
      Mat xt = m * x0;
      for (long i = 0; i < n; ++i)
        for (int j = 0; j < 3; ++j) xt(i, j) += shift(j) + s * rng.normal();
      const GaussianMixture pt = g.marginal(*p, t);
      const Vec mu = pt.mean();
      const Mat cov = pt.covariance();
      for (int j = 0; j < 3; ++j) {
        RunningMoments first, second;
        for (long i = 0; i < n; ++i) {
          first.add(xt(i, j));
          second.add((xt(i, j) - mu(j)) * (xt(i, j) - mu(j)));
        }
        EXPECT_LE(std::abs(first.mean() - mu(j)), kMcZ * first.std_error())
            << p->kind() << " t " << t << " j " << j;
        EXPECT_LE(std::abs(second.mean() - cov(j, j)), kMcZ * second.std_error())
            << p->kind() << " t " << t << " j " << j;
        EXPECT_LT(kMcZ * second.std_error(), 0.1 * cov(j, j));
      }
    }
  }
}

TEST(GaussianMixture, SamplesHaveTheExactMeanAndCovariance) {
  for (const GaussianMixture& g : {gmm_test_general(), gmm_test_isotropic()}) {
    constexpr long n = 100000;
    const Mat x = g.sample(n, 17);
    const Vec mu = g.mean();
    const Mat cov = g.covariance();
    for (int a = 0; a < 3; ++a) {
      RunningMoments first;
      for (long i = 0; i < n; ++i) first.add(x(i, a));
      EXPECT_LE(std::abs(first.mean() - mu(a)), kMcZ * first.std_error()) << a;
      for (int b = a; b < 3; ++b) {
        RunningMoments prod;
        for (long i = 0; i < n; ++i) prod.add((x(i, a) - mu(a)) * (x(i, b) - mu(b)));
        EXPECT_LE(std::abs(prod.mean() - cov(a, b)), kMcZ * prod.std_error()) << a << "," << b;
        EXPECT_LT(kMcZ * prod.std_error(), 0.1 * std::sqrt(cov(a, a) * cov(b, b)));
      }
    }
    // Exact moment identities.
    EXPECT_TRUE(near_rel(g.second_moment(), cov.trace() + mu.squaredNorm(), 1e-12));
    // The same (n, seed) gives the same bytes; the first rows do not depend on n.
    EXPECT_EQ(g.sample(5000, 7), g.sample(5000, 7));
    EXPECT_EQ(g.sample(5000, 7).topRows(100), g.sample(100, 7));
    EXPECT_NE(g.sample(100, 7), g.sample(100, 8));
  }
}

TEST(GaussianMixture, ComponentFrequenciesFollowTheWeights) {
  // Well separated 1-D components: the sign of a draw tells its component.
  const GaussianMixture g(test::vec({0.25, 0.75}), (Mat(2, 1) << -50.0, 50.0).finished(), 1.0);
  constexpr long n = 100000;
  const Mat x = g.sample(n, 3);
  const double p = (x.array() < 0.0).cast<double>().mean();
  EXPECT_LE(std::abs(p - 0.25), kMcZ * std::sqrt(0.25 * 0.75 / n));
}

TEST(GaussianMixture, ProjectionIsTheLawOfTheInnerProduct) {
  const GaussianMixture g = gmm_test_general();
  const Vec e = test::vec({0.3, -1.0, 2.0});
  const Mixture1d p = g.projected(e);
  ASSERT_EQ(p.weights.size(), 3);
  for (Eigen::Index k = 0; k < 3; ++k) {
    EXPECT_TRUE(near_rel(p.means(k), g.means().row(k).dot(e), 1e-14));
    EXPECT_TRUE(near_rel(p.sds(k) * p.sds(k), e.dot(g.covs()[k] * e), 1e-13));
  }
  // Its mean and variance are those of ⟨e, X⟩.
  const double mean = p.weights.dot(p.means);
  const double var =
      p.weights.dot((p.sds.array().square() + p.means.array().square()).matrix()) - mean * mean;
  EXPECT_TRUE(near_rel(mean, g.mean().dot(e), 1e-13));
  EXPECT_TRUE(near_rel(var, e.dot(g.covariance() * e), 1e-12));
  // Mixture1d: pdf integrates to 1 and is the derivative of the cdf; log_pdf in the far tail.
  const double total =
      quad::gauss_kronrod([&](double y) { return p.pdf(y); }, -60.0, 60.0, 61, 15, 1e-13);
  EXPECT_TRUE(near_rel(total, 1.0, 1e-11));
  for (double y : {-3.0, 0.1, 2.5}) {
    const double h = 1e-5;
    EXPECT_TRUE(near_rel((p.cdf(y + h) - p.cdf(y - h)) / (2 * h), p.pdf(y), 1e-8));
    EXPECT_TRUE(near_rel(p.log_pdf(y), std::log(p.pdf(y)), 1e-14));
  }
  EXPECT_TRUE(std::isfinite(p.log_pdf(1e3)));
  EXPECT_EQ(p.pdf(1e3), 0.0);
  EXPECT_EQ(p.cdf(1e3), 1.0);
  EXPECT_EQ(p.cdf(-1e3), 0.0);
  // 1-D mixture: the projection on e = 1 is the mixture itself.
  const GaussianMixture pair = gmm_symmetric_pair(2.0, 0.5);
  const Mixture1d q = pair.projected(Vec::Ones(1));
  for (double y : {-2.0, 0.3, 4.0})
    EXPECT_TRUE(near_rel(q.log_pdf(y), pair.log_density(Mat::Constant(1, 1, y))(0), 1e-14));
  test::expect_input_error_naming([&] { g.projected(Vec::Zero(3)); }, "direction");
  test::expect_input_error_naming([&] { g.projected(Vec::Ones(2)); }, "direction");
}

TEST(GaussianMixture, PresetsHaveTheDocumentedParameters) {
  const GaussianMixture pair = gmm_symmetric_pair(3.0, 0.25);
  EXPECT_EQ(pair.dim(), 1);
  EXPECT_EQ(pair.means()(0, 0), -3.0);
  EXPECT_EQ(pair.means()(1, 0), 3.0);
  EXPECT_EQ(pair.isotropic_var(), 0.25);
  EXPECT_TRUE(near_rel(pair.second_moment(), 9.25, 1e-15));
  const GaussianMixture grid = gmm_grid25(2.0, 0.1);
  EXPECT_EQ(grid.components(), 25);
  EXPECT_EQ(grid.dim(), 2);
  EXPECT_EQ(grid.means().row(0), (Eigen::RowVector2d(-4.0, -4.0)));
  EXPECT_EQ(grid.means().row(13), (Eigen::RowVector2d(0.0, 2.0)));
  EXPECT_EQ(grid.means().row(24), (Eigen::RowVector2d(4.0, 4.0)));
  EXPECT_LE(grid.mean().cwiseAbs().maxCoeff(), 1e-15);
  // Grid variance per coordinate: spacing²·mean(i − 2)² = 4·2 = 8, plus var.
  EXPECT_TRUE(near_rel(grid.covariance()(0, 0), 8.1, 1e-14));
  const GaussianMixture r = gmm_random(8, 50, 42, 3.0, 0.5);
  EXPECT_EQ(r.components(), 8);
  EXPECT_EQ(r.dim(), 50);
  Rng rng(42);
  EXPECT_EQ(r.means()(0, 0), 3.0 * rng.normal());
  EXPECT_EQ(r.means()(0, 1), 3.0 * rng.normal());
  EXPECT_EQ(r.means(), gmm_random(8, 50, 42, 3.0, 0.5).means());
  EXPECT_NE(r.means(), gmm_random(8, 50, 43, 3.0, 0.5).means());
  EXPECT_EQ(r.kind(), "gmm");
}

TEST(GaussianMixture, RejectsBadInputNamingTheParameter) {
  using test::expect_input_error_naming;
  const Mat means2 = (Mat(2, 1) << 0.0, 1.0).finished();
  expect_input_error_naming([&] { GaussianMixture(Vec(0), Mat(0, 1), 1.0); }, "data.weights");
  expect_input_error_naming(
      [&] {
        GaussianMixture(test::vec({0.5, test::kNaN}), means2, 1.0);
      },
      "data.weights");
  expect_input_error_naming(
      [&] {
        GaussianMixture(test::vec({1.5, -0.5}), means2, 1.0);
      },
      "data.weights[1]");
  expect_input_error_naming(
      [&] {
        GaussianMixture(test::vec({0.5, 0.6}), means2, 1.0);
      },
      "the sum of data.weights");
  // 1e-12·K is allowed, not more.
  EXPECT_NO_THROW(GaussianMixture(test::vec({0.5, 0.5 + 1e-12}), means2, 1.0));
  expect_input_error_naming(
      [&] {
        GaussianMixture(test::vec({0.5, 0.5 + 1e-11}), means2, 1.0);
      },
      "the sum of data.weights");
  expect_input_error_naming([&] { GaussianMixture(Vec::Ones(1), means2, 1.0); }, "data.means");
  expect_input_error_naming([&] { GaussianMixture(Vec::Ones(1), Mat(1, 0), 1.0); }, "data.means");
  expect_input_error_naming(
      [&] { GaussianMixture(Vec::Ones(1), Mat::Constant(1, 1, test::kInf), 1.0); }, "data.means");
  expect_input_error_naming(
      [&] {
        GaussianMixture(test::vec({0.5, 0.5}), means2, 0.0);
      },
      "data.var");
  expect_input_error_naming(
      [&] {
        GaussianMixture(test::vec({0.5, 0.5}), means2, test::kNaN);
      },
      "data.var");
  expect_input_error_naming(
      [&] {
        GaussianMixture(test::vec({0.5, 0.5}), means2, std::vector<Mat>{test::mat1(1.0)});
      },
      "data.covs");
  expect_input_error_naming(
      [&] {
        GaussianMixture(test::vec({0.5, 0.5}), means2,
                        std::vector<Mat>{test::mat1(1.0), Mat::Identity(2, 2)});
      },
      "data.covs[1]");
  expect_input_error_naming(
      [&] {
        GaussianMixture(test::vec({0.5, 0.5}), means2,
                        std::vector<Mat>{test::mat1(1.0), test::mat1(-1.0)});
      },
      "data.covs[1]");
  expect_input_error_naming(
      [&] {
        GaussianMixture(Vec::Ones(1), Mat::Zero(1, 2),
                        std::vector<Mat>{test::mat2(1.0, 0.5, 0.4, 1.0)});
      },
      "data.covs[0]");
  expect_input_error_naming([] { gmm_symmetric_pair(test::kNaN, 1.0); }, "a");
  expect_input_error_naming([] { gmm_symmetric_pair(1.0, -1.0); }, "var");
  expect_input_error_naming([] { gmm_grid25(0.0, 1.0); }, "spacing");
  expect_input_error_naming([] { gmm_grid25(1.0, 0.0); }, "var");
  expect_input_error_naming([] { gmm_random(0, 2, 1, 1.0, 1.0); }, "K");
  expect_input_error_naming([] { gmm_random(2, 0, 1, 1.0, 1.0); }, "d");
  expect_input_error_naming([] { gmm_random(2, 2, 1, -1.0, 1.0); }, "mean_scale");
  expect_input_error_naming([] { gmm_random(2, 2, 1, 1.0, 0.0); }, "var");
  const GaussianMixture g = gmm_test_isotropic();
  const auto p = make_standard_ou();
  Mat out;
  expect_input_error_naming([&] { g.score(*p, 0.1, Mat::Zero(2, 2), out); }, "the columns of x");
  expect_input_error_naming([&] { g.score(*p, -0.1, Mat::Zero(2, 3), out); }, "t");
  expect_input_error_naming([&] { g.log_density(Mat::Zero(2, 2)); }, "the columns of x");
  expect_input_error_naming([&] { g.hessian(*p, 0.1, Vec::Zero(2)); }, "the length of x");
  expect_input_error_naming([&] { g.sample(-1, 1); }, "n");
  // A process centre of another dimension.
  const auto centred = make_ou(1.0, Vec::Ones(2), 1.0);
  expect_input_error_naming([&] { g.make_workspace(*centred); }, "the process centre");
  EXPECT_THROW((void)gmm_test_general().isotropic_var(), std::logic_error);
}

TEST(GaussianMixture, MonteCarloFisherInformationOfThePairMatchesQuadrature) {
  // 1-D symmetric pair under the standard OU: E_{p_t}(∂ log p_t)² by quadrature of p_t s².
  const GaussianMixture g = gmm_symmetric_pair(1.5, 0.3);
  const auto p = make_standard_ou();
  const double t = 0.2;
  const GaussianMixture pt = g.marginal(*p, t);
  const double exact = quad::gauss_kronrod(
      [&](double y) {
        Mat s;
        g.score(*p, t, Mat::Constant(1, 1, y), s);
        return std::exp(pt.log_density(Mat::Constant(1, 1, y))(0)) * s(0, 0) * s(0, 0);
      },
      -20.0, 20.0, 61, 15, 1e-12);
  const Estimate mc = g.fisher_information(*p, t, {100000, kDefaultSeed});
  EXPECT_FALSE(mc.is_exact());
  EXPECT_LE(std::abs(mc.value - exact), kMcZ * mc.std_error);
  EXPECT_LT(kMcZ * mc.std_error, 0.1 * exact);
}

}  // namespace
}  // namespace sb
