// Total variation between Gaussians (src/sb/metric/gaussian_tv.hpp, theory-notes B.4 TV
// items (i)–(iii)): test vectors, exact formulas against Monte Carlo, the rigorous bounds,
// reproducibility of the Monte Carlo estimate, and input errors.
//
// Monte Carlo acceptance: |estimate − reference| <= 5 standard errors (sb::kMcZ). For an
// asymptotically normal estimator the two-sided false-alarm rate of one such comparison is
// P(|Z| > 5) = 5.7e-7; the seeds are fixed, so each run of this file is deterministic.
#include "sb/metric/gaussian_tv.hpp"

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

using test::expect_input_error_naming;
using test::mat1;
using test::near_rel;
using test::random_orthogonal;
using test::vec;
using test::vec1;

::testing::AssertionResult within_mc(const TvResult& r, double ref) {
  if (std::isfinite(r.value) && std::abs(r.value - ref) <= kMcZ * r.std_error)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "estimate " << r.value << " ± " << r.std_error << " vs " << ref << " ("
         << std::abs(r.value - ref) / r.std_error << " se)";
}

::testing::AssertionResult brackets(const TvResult& r, double value) {
  if (r.lower <= value && value <= r.upper && 0.0 <= r.lower && r.upper <= 1.0)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << value << " outside [" << r.lower << ", " << r.upper << "]";
}

// theory-notes E, V02: P = N(0, 1), Q = N(1, 4).
constexpr double kV02Tv = 0.390065660121;       // theory-notes E, V02: TV
constexpr double kV02H2 = 0.149194537847;       // theory-notes E, V02: H² (lower bound)
constexpr double kV02Pinsker = 0.470716039965;  // theory-notes E, V02: √(KL/2) (active upper)
constexpr double kV02ShiftTv = 0.382924922548;  // theory-notes E, V02: TV(N(0,1), N(1,1))

TEST(metric_GaussianTv, TestVectorV02Exact1d) {
  const Gaussian P{vec1(0.0), mat1(1.0)}, Q{vec1(1.0), mat1(4.0)};
  const TvOptions options{1234, 5000};
  const TvResult r = total_variation(P, Q, options);
  EXPECT_EQ(r.method, TvMethod::kExact1d);
  EXPECT_TRUE(near_rel(r.value, kV02Tv, 1e-10));
  EXPECT_EQ(r.std_error, 0.0);
  EXPECT_EQ(r.samples, 0);
  EXPECT_EQ(r.seed, 1234u);
  EXPECT_TRUE(brackets(r, r.value));
  EXPECT_TRUE(near_rel(r.lower, kV02H2, 1e-10));
  EXPECT_TRUE(near_rel(r.upper, kV02Pinsker, 1e-10));  // Pinsker is the tightest here

  EXPECT_TRUE(near_rel(total_variation(Q, P).value, kV02Tv, 1e-10));  // symmetric
  EXPECT_TRUE(near_rel(total_variation_1d(0.0, 1.0, 1.0, 4.0), kV02Tv, 1e-10));
  EXPECT_TRUE(near_rel(total_variation_1d(1.0, 4.0, 0.0, 1.0), kV02Tv, 1e-10));
  EXPECT_TRUE(near_rel(total_variation_diag(vec1(0.0), vec1(1.0), vec1(1.0), vec1(4.0)).value,
                       kV02Tv, 1e-10));
  auto basis = std::make_shared<const Mat>(Mat::Identity(1, 1));
  const TvResult s = total_variation(SpectralGaussian{basis, vec1(0.0), vec1(1.0)},
                                     SpectralGaussian{basis, vec1(1.0), vec1(4.0)});
  EXPECT_EQ(s.method, TvMethod::kExact1d);
  EXPECT_TRUE(near_rel(s.value, kV02Tv, 1e-10));
}

TEST(metric_GaussianTv, TestVectorV02EqualCovariance) {
  const Gaussian P{vec1(0.0), mat1(1.0)}, Q{vec1(1.0), mat1(1.0)};
  const TvResult r = total_variation(P, Q);
  EXPECT_EQ(r.method, TvMethod::kExactEqualCovariance);
  EXPECT_TRUE(near_rel(r.value, kV02ShiftTv, 1e-10));
  EXPECT_TRUE(brackets(r, r.value));
  EXPECT_TRUE(near_rel(2.0 * std_normal_cdf(0.5) - 1.0, kV02ShiftTv, 1e-10));
  // Equal covariances in d = 3: δ = ‖S^{-1/2}Δ‖ with S = diag(4, 1, 1) and Δ = (2, 0, 0) is 1.
  const Mat S = vec({4.0, 1.0, 1.0}).asDiagonal();
  const Mat U = random_orthogonal(3, 8);
  const TvResult r3 = total_variation(Gaussian{U * vec({2.0, 0.0, 0.0}), U * S * U.transpose()},
                                      Gaussian{Vec::Zero(3), U * S * U.transpose()});
  EXPECT_EQ(r3.method, TvMethod::kExactEqualCovariance);
  EXPECT_TRUE(near_rel(r3.value, kV02ShiftTv, 1e-10));
  EXPECT_TRUE(brackets(r3, r3.value));
}

// Supplementary 1-D vectors (same mean, v1 > v2 and v1 < v2); the variances are printed to 12
// digits, which moves TV by less than 1e-11 relative.
TEST(metric_GaussianTv, TestVectorsV04ToV06) {
  struct Row {
    double out_var, tv;
  };
  // theory-notes E, V04 / V05 / V06: data N(0, 4), output N(0, out_var).
  const Row rows[] = {{3.32958455862, 0.0443576678851},   // theory-notes E, V04
                      {3.59988132391, 0.0254962374156},   // theory-notes E, V05
                      {3.09545139523, 0.0619469827943}};  // theory-notes E, V06
  for (const Row& row : rows) {
    EXPECT_TRUE(near_rel(total_variation_1d(0.0, 4.0, 0.0, row.out_var), row.tv, 1e-10));
    EXPECT_TRUE(near_rel(total_variation_1d(0.0, row.out_var, 0.0, 4.0), row.tv, 1e-10));
  }
}

// V02 embedded in d = 2 with an identical second coordinate: TV is unchanged, but the laws are
// no longer 1-D, so the Monte Carlo path runs; it must agree with the exact value.
TEST(metric_GaussianTv, MonteCarloMatchesExact1d) {
  const Vec m1 = vec({0.0, 0.5}), v1 = vec({1.0, 2.0}), m2 = vec({1.0, 0.5}), v2 = vec({4.0, 2.0});
  const TvResult diag = total_variation_diag(m1, v1, m2, v2);
  EXPECT_EQ(diag.method, TvMethod::kMonteCarlo);
  EXPECT_EQ(diag.samples, 200000);
  EXPECT_EQ(diag.seed, kDefaultSeed);
  EXPECT_TRUE(within_mc(diag, kV02Tv));
  // The coordinate bounds pin TV down to the exact value here.
  EXPECT_TRUE(brackets(diag, kV02Tv));
  EXPECT_TRUE(near_rel(diag.lower, kV02Tv, 1e-10));
  EXPECT_TRUE(near_rel(diag.upper, kV02Tv, 1e-10));

  // The same pair rotated, through the dense path (simultaneous diagonalisation).
  const Mat U = random_orthogonal(2, 21);
  const Gaussian P{U * m1, U * v1.asDiagonal() * U.transpose()};
  const Gaussian Q{U * m2, U * v2.asDiagonal() * U.transpose()};
  const TvResult dense = total_variation(P, Q, {77, 100000});
  EXPECT_EQ(dense.method, TvMethod::kMonteCarlo);
  EXPECT_EQ(dense.samples, 100000);
  EXPECT_TRUE(within_mc(dense, kV02Tv));
  EXPECT_TRUE(brackets(dense, kV02Tv));
}

// The rigorous bounds bracket every exact value: random 1-D pairs and equal covariances.
TEST(metric_GaussianTv, BoundsBracketExactValues) {
  Rng rng(31);
  for (int i = 0; i < 300; ++i) {
    const double m1 = 3.0 * rng.normal(), m2 = 3.0 * rng.normal();
    const double v1 = std::exp(3.0 * rng.normal()), v2 = std::exp(3.0 * rng.normal());
    const TvResult r = total_variation(Gaussian{vec1(m1), mat1(v1)}, Gaussian{vec1(m2), mat1(v2)});
    ASSERT_EQ(r.method, TvMethod::kExact1d);
    EXPECT_TRUE(brackets(r, r.value))
        << "N(" << m1 << ", " << v1 << ") vs N(" << m2 << ", " << v2 << ")";
  }
  for (int i = 0; i < 50; ++i) {
    const Mat U = random_orthogonal(3, 100 + i);
    const Vec lambda =
        vec({std::exp(rng.normal()), std::exp(rng.normal()), std::exp(rng.normal())});
    const Mat S = U * lambda.asDiagonal() * U.transpose();
    const Vec delta = vec({rng.normal(), rng.normal(), rng.normal()});
    const TvResult r = total_variation(Gaussian{delta, S}, Gaussian{Vec::Zero(3), S});
    ASSERT_EQ(r.method, TvMethod::kExactEqualCovariance);
    EXPECT_TRUE(brackets(r, r.value));
  }
}

// d = 3, different covariances: no closed form; the estimate must be compatible with the bounds.
TEST(metric_GaussianTv, MonteCarloWithinBoundsInDimension3) {
  const auto basis = std::make_shared<const Mat>(random_orthogonal(3, 5));
  const SpectralGaussian P{basis, vec({0.3, -0.2, 0.0}), vec({1.0, 0.5, 2.0})};
  const SpectralGaussian Q{basis, vec({0.0, 0.4, 0.1}), vec({1.5, 0.4, 1.0})};
  for (const TvResult& r : {total_variation(P, Q), total_variation(P.dense(), Q.dense())}) {
    EXPECT_EQ(r.method, TvMethod::kMonteCarlo);
    EXPECT_GE(r.value, r.lower - kMcZ * r.std_error);
    EXPECT_LE(r.value, r.upper + kMcZ * r.std_error);
    EXPECT_GT(r.lower, 0.0);
    EXPECT_LT(r.upper, 1.0);
    EXPECT_LT(r.lower, r.upper);
    EXPECT_GT(r.std_error, 0.0);
    EXPECT_LE(r.std_error, 0.5 / std::sqrt(static_cast<double>(r.samples)));  // B.4 (iii)
  }
  // Spectral (shared basis) and dense paths estimate the same number with independent draws.
  const TvResult a = total_variation(P, Q), b = total_variation(P.dense(), Q.dense());
  EXPECT_LE(std::abs(a.value - b.value), kMcZ * std::hypot(a.std_error, b.std_error));
}

TEST(metric_GaussianTv, SameSeedIsBitIdenticalOtherSeedDiffers) {
  const Vec m1 = vec({0.0, 1.0, 0.0}), v1 = vec({1.0, 1.0, 3.0});
  const Vec m2 = vec({0.5, 1.0, 0.0}), v2 = vec({2.0, 0.5, 3.0});
  const TvOptions options{42, 30000};  // not a multiple of the block size
  const TvResult a = total_variation_diag(m1, v1, m2, v2, options);
  const TvResult b = total_variation_diag(m1, v1, m2, v2, options);
  EXPECT_EQ(a.value, b.value);
  EXPECT_EQ(a.std_error, b.std_error);
  EXPECT_EQ(a.lower, b.lower);
  EXPECT_EQ(a.upper, b.upper);
  const TvResult c = total_variation_diag(m1, v1, m2, v2, {43, 30000});
  EXPECT_NE(a.value, c.value);
  EXPECT_EQ(c.seed, 43u);
  EXPECT_LE(std::abs(a.value - c.value), kMcZ * std::hypot(a.std_error, c.std_error));
}

// The Monte Carlo estimate is pinned: same stream (xoshiro256** + Box–Muller, blocks of 4096
// from Rng(seed, b)) and same estimator as the one-normal-at-a-time implementation that
// produced these values (2026-05, before the batched normals); the batched transform may
// differ from std::log/sin/cos in the last ulp, hence 1e-12.
TEST(metric_GaussianTv, MonteCarloEstimateIsPinned) {
  const Vec m1 = vec({0.1, -0.2, 0.3}), v1 = vec({1.0, 0.5, 2.0});
  const Vec m2 = vec({0.0, 0.1, 0.2}), v2 = vec({1.2, 0.4, 2.5});
  const TvResult a = total_variation_diag(m1, v1, m2, v2);  // 200000 samples, default seed
  EXPECT_TRUE(near_rel(a.value, 0.20040383575778253, 1e-12));
  EXPECT_TRUE(near_rel(a.std_error, 0.00056759350796781064, 1e-12));
  Vec m(5), v(5), mm(5), vv(5);
  for (int i = 0; i < 5; ++i) {
    m[i] = 0.05 * i;
    v[i] = 0.5 + 0.3 * i;
    mm[i] = -0.02 * i;
    vv[i] = 0.6 + 0.25 * i;
  }
  const TvResult b = total_variation_diag(m, v, mm, vv, {7, 10001});  // a partial last block
  EXPECT_TRUE(near_rel(b.value, 0.13696681238599495, 1e-12));
  EXPECT_TRUE(near_rel(b.std_error, 0.0017187947847004449, 1e-12));
  const Mat S1 = (Mat(3, 3) << 2, 0.5, 0.1, 0.5, 1, 0.2, 0.1, 0.2, 1.5).finished();
  const Mat S2 = (Mat(3, 3) << 1.5, -0.3, 0.0, -0.3, 1.2, 0.4, 0.0, 0.4, 1.1).finished();
  const TvResult c = total_variation(Gaussian{vec({0, 0.5, -0.5}), S1},
                                     Gaussian{vec({0.2, 0, 0}), S2}, {kDefaultSeed, 50000});
  EXPECT_TRUE(near_rel(c.value, 0.36505237705495774, 1e-12));
  EXPECT_TRUE(near_rel(c.std_error, 0.0016016770471833251, 1e-12));
}

// The blocks may be shared among threads: the estimate is bit-identical for every count.
TEST(metric_GaussianTv, ThreadCountDoesNotChangeTheEstimate) {
  const Vec m1 = vec({0.0, 1.0, 0.0, 0.2}), v1 = vec({1.0, 1.0, 3.0, 0.7});
  const Vec m2 = vec({0.5, 1.0, 0.0, 0.0}), v2 = vec({2.0, 0.5, 3.0, 0.9});
  TvOptions options{11, 5 * 4096 + 3};
  options.threads = 1;
  const TvResult one = total_variation_diag(m1, v1, m2, v2, options);
  for (int threads : {0, 2, 3, 8}) {
    options.threads = threads;
    const TvResult r = total_variation_diag(m1, v1, m2, v2, options);
    EXPECT_EQ(r.value, one.value) << threads;
    EXPECT_EQ(r.std_error, one.std_error) << threads;
  }
  options.threads = -1;
  EXPECT_THROW(total_variation_diag(m1, v1, m2, v2, options), InputError);
}

// Extreme but valid inputs: never NaN, always in [0, 1].
TEST(metric_GaussianTv, ExtremeInputsStayFinite) {
  const TvResult far = total_variation_diag(vec({0.0, 0.0, 0.0}), vec({1.0, 2.0, 1.0}),
                                            vec({1e3, 0.0, 0.0}), vec({1.0, 1.0, 1.0}), {1, 5000});
  EXPECT_EQ(far.method, TvMethod::kMonteCarlo);
  EXPECT_EQ(far.value, 1.0);
  EXPECT_EQ(far.std_error, 0.0);
  EXPECT_TRUE(brackets(far, 1.0));
  for (const auto& [v1, v2] : {std::pair{1e-8, 1e8}, std::pair{1e8, 1e-8},
                               std::pair{1.0, 1.0 + 1e-10}, std::pair{1.0, 1.0 + 1e-15}}) {
    const TvResult r =
        total_variation(Gaussian{vec1(0.0), mat1(v1)}, Gaussian{vec1(0.5), mat1(v2)});
    EXPECT_TRUE(std::isfinite(r.value) && r.value >= 0.0 && r.value <= 1.0) << v1 << " " << v2;
    EXPECT_TRUE(brackets(r, r.value)) << v1 << " " << v2;
  }
  EXPECT_GT(std_normal_cdf(-38.0), 0.0);  // relative accuracy in the lower tail
  EXPECT_EQ(std_normal_cdf(0.0), 0.5);
}

TEST(metric_GaussianTv, MethodNames) {
  EXPECT_EQ(to_string(TvMethod::kExact1d), "exact_1d");
  EXPECT_EQ(to_string(TvMethod::kExactEqualCovariance), "exact_equal_covariance");
  EXPECT_EQ(to_string(TvMethod::kMonteCarlo), "monte_carlo");
}

TEST(metric_GaussianTv, RejectsBadInput) {
  const Gaussian P{vec({0.0, 0.0}), Mat::Identity(2, 2)};
  expect_input_error_naming(
      [&] {
        total_variation(P, Gaussian{Vec::Zero(3), Mat::Identity(3, 3)});
      },
      "Q.mean");
  expect_input_error_naming(
      [&] {
        total_variation(P, Gaussian{vec({0.0, 0.0}), Mat::Zero(2, 2)});
      },
      "Q.cov");
  expect_input_error_naming([&] { total_variation(P, P, {1, 1}); }, "options.samples");
  expect_input_error_naming(
      [&] {
        total_variation_diag(vec({0.0}), vec({1.0}), vec({0.0}), vec({1.0, 1.0}));
      },
      "v2");
  expect_input_error_naming([&] { total_variation_1d(0.0, 1.0, 0.0, -1.0); }, "v2");
  auto basis = std::make_shared<const Mat>(Mat::Identity(2, 2));
  expect_input_error_naming(
      [&] {
        total_variation(SpectralGaussian{basis, vec({0.0, 0.0}), vec({1.0, 1.0})},
                        SpectralGaussian{basis, vec({0.0, 0.0}), vec({1.0})});
      },
      "Q.var");
}

}  // namespace
}  // namespace sb
