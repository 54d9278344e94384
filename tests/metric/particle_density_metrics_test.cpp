// Monte Carlo KL and TV from a last step's kernels (src/sb/metric/particle_density_metrics.hpp),
// without the sampler: a kernel mixture built so that its law is an exact Gaussian (centres
// c_i ~ N(μ, Σ − vI), points Y_i = c_i + √v ξ_i, so q = N(μ, Σ)), against the closed forms of
// gaussian_kl.hpp and gaussian_tv.hpp; thread-count invariance; zero and far-away densities;
// input errors. (The engine route — the same estimates from a particle run against the exact
// engine — is in tests/problem/particle_outcome_test.cpp.)
//
// Acceptance rule: |estimate − exact| <= 5·SE + bias_bound. The bias bound is an estimate (KL)
// or a bound up to estimation (TV), see the header; SE covers the data draws and the kernels.
// For an asymptotically normal estimator a false alarm needs a 5-sigma deviation (two-sided
// 5.7e-7 per assertion). Power: with n = m = 3000 the band 5·SE + bias is below 30% of each
// value here (asserted), so an error of 30% in the estimator would be caught (the tests of
// tests/problem/particle_outcome_test.cpp go to 10–15% with more particles).
#include "sb/metric/particle_density_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "sb/core/non_finite_metric.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/metric/gaussian_tv.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;

/// Kernels whose mixture law is exactly N(mean, cov): centres from N(mean, cov − var·I), and
/// the points drawn from them.
struct GaussianKernels {
  KernelMixture model;
  Mat points;
};

GaussianKernels gaussian_kernels(const Vec& mean, const Mat& cov, double var, long n,
                                 std::uint64_t seed) {
  const Eigen::Index d = mean.size();
  const GaussianData centres_law(mean, cov - var * Mat::Identity(d, d));
  GaussianKernels k;
  k.model.centres = centres_law.sample(n, seed);
  k.model.weights = Vec::Constant(n, 1.0 / static_cast<double>(n));
  k.model.var = var;
  const GaussianData noise(Vec::Zero(d), var * Mat::Identity(d, d));
  k.points = k.model.centres + noise.sample(n, seed + 1);
  return k;
}

::testing::AssertionResult agrees(const Estimate& e, double exact, double power_fraction) {
  const double band = kMcZ * e.std_error + e.bias_bound;
  if (!(std::isfinite(e.value) && e.std_error > 0.0 && std::abs(e.value - exact) <= band))
    return ::testing::AssertionFailure()
           << "estimate " << e.value << " ± " << e.std_error << " (bias bound " << e.bias_bound
           << ") vs exact " << exact;
  if (!(band < power_fraction * exact))
    return ::testing::AssertionFailure()
           << "band " << band << " is not below " << power_fraction << " of " << exact;
  return ::testing::AssertionSuccess();
}

TEST(metric_ParticleDensity, AgreesWithClosedFormsWhenTheMixtureIsGaussian) {
  for (int d : {1, 2}) {
    SCOPED_TRACE("d = " + std::to_string(d));
    // Output law q = N(mq, Sq) (kernel variance 0.2), data law π = N(mp, Sp): KL ≈ 0.8–1.5.
    Vec mq = Vec::Constant(d, 1.2), mp = Vec::Zero(d);
    Mat Sq = Mat::Identity(d, d), Sp = 0.5 * Mat::Identity(d, d);
    if (d == 2) {
      Sq << 1.0, 0.3, 0.3, 0.7;
      Sp << 0.6, 0.25, 0.25, 0.4;
      mp(1) = -0.8;
    }
    const long n = 3000;
    const GaussianKernels k = gaussian_kernels(mq, Sq, 0.2, n, 20261206);
    const GaussianData data(mp, Sp);
    const LogDensityFn log_p = [&](const Mat& x) { return data.log_density(x); };
    const Mat X = data.sample(n, 7);
    const DataSideMetrics ds = last_step_data_side(k.model, X, log_p, 5);
    const Estimate md = last_step_kl_model_data(k.model, k.points, log_p, 5);
    const Gaussian P{mp, Sp}, Q{mq, Sq};
    EXPECT_TRUE(agrees(ds.kl_data_model, kl_divergence(P, Q), 0.3));
    EXPECT_TRUE(agrees(md, kl_divergence(Q, P), 0.3));
    TvOptions tv_opt;
    tv_opt.samples = 2000000;  // d = 2: Monte Carlo, SE ~ 3e-4; its 5 SE are added below
    const TvResult tv = total_variation(P, Q, tv_opt);
    const Estimate& e = ds.tv;
    EXPECT_LE(std::abs(e.value - tv.value),
              kMcZ * std::hypot(e.std_error, tv.std_error) + e.bias_bound)
        << e.value << " ± " << e.std_error << " vs " << tv.value << " ± " << tv.std_error;
    EXPECT_LT(kMcZ * e.std_error + e.bias_bound, 0.3 * tv.value);
    EXPECT_EQ(ds.kl_data_model.method, "monte_carlo_last_step_kernel");
    EXPECT_EQ(md.method, "monte_carlo_last_step_kernel_loo");
    EXPECT_EQ(md.samples, n);
    EXPECT_EQ(md.seed, 5u);
    EXPECT_GT(ds.kl_data_model.bias_bound, 0.0);
    EXPECT_GT(md.bias_bound, 0.0);
  }
}

TEST(metric_ParticleDensity, SameBytesForOneOrTwoThreads) {
  // Sizes that are no multiple of the tiles (256 points, 512 kernels) nor of the groups (16).
  const long n = 1300;
  Mat cov(2, 2);
  cov << 1.0, 0.2, 0.2, 0.5;
  const GaussianKernels k = gaussian_kernels(Vec::Zero(2), cov, 0.1, n, 3);
  const GaussianData data(Vec::Constant(2, 0.2), Mat::Identity(2, 2));
  const LogDensityFn log_p = [&](const Mat& x) { return data.log_density(x); };
  const Mat X = data.sample(777, 4);
  DataSideMetrics ds[2];
  Estimate md[2];
  for (int t = 0; t < 2; ++t) {
    ds[t] = last_step_data_side(k.model, X, log_p, 1, t + 1);
    md[t] = last_step_kl_model_data(k.model, k.points, log_p, 1, t + 1);
  }
  for (const auto& [a, b] : {std::pair{ds[0].kl_data_model, ds[1].kl_data_model},
                             std::pair{ds[0].tv, ds[1].tv}, std::pair{md[0], md[1]}}) {
    EXPECT_EQ(0, std::memcmp(&a.value, &b.value, sizeof(double)));
    EXPECT_EQ(0, std::memcmp(&a.std_error, &b.std_error, sizeof(double)));
    EXPECT_EQ(0, std::memcmp(&a.bias_bound, &b.bias_bound, sizeof(double)));
  }
}

TEST(metric_ParticleDensity, FarApartLawsGiveFiniteValuesAndAnHonestBound) {
  // The data law 40 standard deviations away from q = N(40, 1): every K(X_j, c_i) underflows a
  // double (e^{−800} and below), but the sums are taken in log space, so the values are finite.
  // TV = 1 to double precision. KL(π‖q) = 800, but q̂ at the data draws rests on the tails of
  // the nearest kernels and the estimate is ~1430 (header, "Sparse kernels"): the kernels are
  // sparse there (mean ρ̂² ≈ 1), so the bias bound is the value itself, which covers it.
  const GaussianKernels k = gaussian_kernels(vec1(40.0), mat1(1.0), 0.5, 500, 11);
  const GaussianData data(vec1(0.0), mat1(1.0));
  const LogDensityFn log_p = [&](const Mat& x) { return data.log_density(x); };
  const DataSideMetrics ds = last_step_data_side(k.model, data.sample(500, 12), log_p, 1);
  const double exact =
      kl_divergence(Gaussian{vec1(0.0), mat1(1.0)}, Gaussian{vec1(40.0), mat1(1.0)});
  EXPECT_TRUE(std::isfinite(ds.kl_data_model.value));
  EXPECT_GT(ds.kl_data_model.value, 1.5 * exact);  // the failure the bound has to cover
  EXPECT_EQ(ds.kl_data_model.bias_bound, ds.kl_data_model.value);
  EXPECT_LE(std::abs(ds.kl_data_model.value - exact),
            kMcZ * ds.kl_data_model.std_error + ds.kl_data_model.bias_bound)
      << ds.kl_data_model.value << " ± " << ds.kl_data_model.std_error << " vs " << exact;
  EXPECT_EQ(ds.tv.value, 1.0);
  const Estimate md = last_step_kl_model_data(k.model, k.points, log_p, 1);
  EXPECT_TRUE(std::isfinite(md.value));
  EXPECT_GT(md.value, 700.0);
}

TEST(metric_ParticleDensity, ZeroDataDensityAtAParticleIsAnInfiniteKl) {
  const GaussianKernels k = gaussian_kernels(vec1(0.0), mat1(1.0), 0.5, 50, 1);
  // A data law with support [−1, ∞) (a log-density −∞ below −1): some particles fall outside.
  const LogDensityFn half = [](const Mat& x) {
    Vec v(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      v(i) = x(i, 0) < -1.0 ? -std::numeric_limits<double>::infinity() : -x(i, 0) - 1.0;
    return v;
  };
  EXPECT_THROW(last_step_kl_model_data(k.model, k.points, half, 1), NonFiniteMetric);
  // At the data's own sample the log-density must be finite.
  expect_input_error_naming(
      [&] { last_step_data_side(k.model, Mat::Constant(5, 1, -2.0), half, 1); },
      "log_target at the data sample");
}

TEST(metric_ParticleDensity, RejectsBadInput) {
  const GaussianKernels k = gaussian_kernels(vec1(0.0), mat1(1.0), 0.5, 20, 1);
  const GaussianData data(vec1(0.0), mat1(1.0));
  const LogDensityFn log_p = [&](const Mat& x) { return data.log_density(x); };
  const Mat X = data.sample(20, 2);
  KernelMixture bad = k.model;
  bad.weights(3) *= 2.0;
  expect_input_error_naming([&] { last_step_data_side(bad, X, log_p, 1); }, "weights");
  bad = k.model;
  bad.var = 0.0;
  expect_input_error_naming([&] { last_step_data_side(bad, X, log_p, 1); }, "var");
  bad = k.model;
  bad.centres(2, 0) = kNaN;
  expect_input_error_naming([&] { last_step_kl_model_data(bad, k.points, log_p, 1); }, "centres");
  expect_input_error_naming([&] { last_step_data_side(k.model, Mat::Zero(20, 2), log_p, 1); },
                            "data_sample columns");
  expect_input_error_naming(
      [&] { last_step_kl_model_data(k.model, k.points.topRows(19), log_p, 1); }, "points rows");
  expect_input_error_naming([&] { last_step_data_side(k.model, X, log_p, 1, -1); }, "threads");
  expect_input_error_naming([&] { last_step_data_side(k.model, X, LogDensityFn{}, 1); },
                            "log_target");
  const KernelMixture three{k.model.centres.topRows(3), Vec::Constant(3, 1.0 / 3), 0.5};
  expect_input_error_naming([&] { last_step_kl_model_data(three, k.points.topRows(3), log_p, 1); },
                            "kernel centres");
}

}  // namespace
}  // namespace sb
