// Exact recursions (src/sb/sampler/exact_recursion.hpp) against the test vectors of
// theory-notes section E, the dense path against the spectral path, and divergence reporting.
#include "sb/sampler/exact_recursion.hpp"

#include <gtest/gtest.h>

#include "sb/core/check.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "sb/sampler/spectral_plan.hpp"
#include "sb/schedule/schedule.hpp"
#include "sb/score/gaussian_score.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::mat1;
using test::vec1;

using test::matches_vector;

SpectralGaussian run(const ProcessPtr& p, const GaussianData& data, Scheme s, double T, int N,
                     ScoreError err = {}, Init init = Init::kReference) {
  const GaussianScore score(p, data, err);
  const SamplerResult r = run_exact_spectral(*p, data, score, s, TimeGrid::uniform(T, N),
                                             initial_law(init, *p, data, T));
  EXPECT_TRUE(r.ok()) << r.message;
  return r.spectral;
}

// theory-notes E, V04–V06: OU std, data N(0, 4), d = 1, T = 1, N = 10, exact score, init N(0,1).
TEST(TestVectors, V04toV06_OneDimensionalOuSchemes) {
  const auto p = make_standard_ou();
  const GaussianData data(vec1(0.0), mat1(4.0));
  struct Row {
    Scheme s;
    double var, kl, rkl, w2;
  };
  for (const Row& row : {Row{Scheme::kEulerMaruyama, 3.32958455862, 0.00895212814075,
                             0.00792148086814, 0.175285074697},  // V04
                         Row{Scheme::kExponentialIntegrator, 3.59988132391, 0.00287712947992,
                             0.00268190637969, 0.102664678054},  // V05
                         Row{Scheme::kExponentialRenormalised, 3.09545139523, 0.0179290117627,
                             0.0151117339122, 0.240610504968}}) {  // V06
    const SpectralGaussian out = run(p, data, row.s, 1.0, 10);
    SCOPED_TRACE(to_string(row.s));
    EXPECT_TRUE(matches_vector(out.var(0), row.var));
    EXPECT_EQ(out.mean(0), 0.0);
    EXPECT_TRUE(matches_vector(kl_divergence(data.law(), out), row.kl));
    EXPECT_TRUE(matches_vector(kl_divergence(out, data.law()), row.rkl));
    EXPECT_TRUE(matches_vector(w2(data.law(), out), row.w2));
  }
}

// V03: ULA on N(0,1) = EM for the standard OU with data γ₁; h = 0.1, from x = 3, k = 10.
TEST(TestVectors, V03_UnadjustedLangevin) {
  const auto p = make_standard_ou();
  const GaussianData data(vec1(0.0), mat1(1.0));
  const GaussianScore score(p, data, {});
  const SpectralGaussian dirac{data.basis(), vec1(3.0), vec1(0.0)};
  const SamplerResult r = run_exact_spectral(*p, data, score, Scheme::kEulerMaruyama,
                                             TimeGrid::uniform(1.0, 10), dirac);
  EXPECT_TRUE(matches_vector(r.spectral.mean(0), 1.0460353203));
  EXPECT_TRUE(matches_vector(r.spectral.var(0), 0.924656153063));
  EXPECT_TRUE(matches_vector(w2(r.spectral, data.law()), 1.04674026695));
  EXPECT_TRUE(matches_vector(kl_divergence(r.spectral, data.law()), 0.548589690687));
  // Stationary variance 2/(2 − h) after many steps, and its W2 to N(0,1).
  const SamplerResult st = run_exact_spectral(*p, data, score, Scheme::kEulerMaruyama,
                                              TimeGrid::uniform(100.0, 1000), dirac);
  EXPECT_TRUE(matches_vector(st.spectral.var(0), 1.05263157895));
  EXPECT_TRUE(matches_vector(
      w2(SpectralGaussian{data.basis(), vec1(0.0), st.spectral.var}, data.law()), 0.0259783520852));
}

// V08: EM, OU std, d = 2, data N((1,−1), diag(0.5, 2)), score + 0.1 e₁, T = 2, N = 20.
TEST(TestVectors, V08_AdditiveScoreErrorInTwoDimensions) {
  const auto p = make_standard_ou();
  Mat cov = Mat::Zero(2, 2);
  cov.diagonal() << 0.5, 2.0;
  const GaussianData data((Vec(2) << 1.0, -1.0).finished(), cov);
  ScoreError err;
  err.eps = 0.1;
  err.direction = (Vec(2) << 1.0, 0.0).finished();
  const Gaussian out = run(p, data, Scheme::kEulerMaruyama, 2.0, 20, err).dense();
  EXPECT_TRUE(matches_vector(out.mean(0), 1.09091596377));
  EXPECT_TRUE(matches_vector(out.mean(1), -0.934581091244));
  EXPECT_TRUE(matches_vector(out.cov(0, 0), 0.590957658129));
  EXPECT_TRUE(matches_vector(out.cov(1, 1), 1.96148910781));
  EXPECT_NEAR(out.cov(0, 1), 0.0, 1e-15);
  const Gaussian target{data.mean(), data.cov()};
  EXPECT_TRUE(matches_vector(kl_divergence(target, out), 0.0147898184631));
  EXPECT_TRUE(matches_vector(w2(target, out), 0.128572584585));
}

// V09: EM, VP β: 0.1 → 20, T = 1, N = 100, data N(0.5, 0.25), init N(0, 1).
TEST(TestVectors, V09_VariancePreserving) {
  const auto p = make_vp(make_linear_schedule(0.1, 20.0, 1.0));
  const GaussianData data(vec1(0.5), mat1(0.25));
  const SpectralGaussian out = run(p, data, Scheme::kEulerMaruyama, 1.0, 100);
  EXPECT_TRUE(matches_vector(out.mean(0), 0.502980004218));
  EXPECT_TRUE(matches_vector(out.var(0), 0.25374650939));
  EXPECT_TRUE(matches_vector(kl_divergence(data.law(), out), 7.25407005296e-5));
  EXPECT_TRUE(matches_vector(w2(data.law(), out), 0.00477624937766));
}

// V10: EM, VE dX = √2 dB, T = 10, N = 100, data N(0, 1), init N(0, 20).
TEST(TestVectors, V10_VarianceExplodingBrownian) {
  const auto p = make_ve_brownian();
  const GaussianData data(vec1(0.0), mat1(1.0));
  const SpectralGaussian out = run(p, data, Scheme::kEulerMaruyama, 10.0, 100);
  EXPECT_TRUE(matches_vector(out.var(0), 1.10411972777));
  EXPECT_TRUE(matches_vector(kl_divergence(data.law(), out), 0.00237363514621));
}

// V15: EM, OU std, data N(0, 0.98), T = 2, N = 20 (the CDS25 violation, D-8).
TEST(TestVectors, V15_NearGaussianData) {
  const auto p = make_standard_ou();
  const GaussianData data(vec1(0.0), mat1(0.98));
  const SpectralGaussian out = run(p, data, Scheme::kEulerMaruyama, 2.0, 20);
  EXPECT_TRUE(matches_vector(kl_divergence(data.law(), out), 6.93068743544e-4));
}

// V16: process 8 with β ≡ 1, σ² = 1, T = 2, N = 20, data = π∞ = N(0, 1).
TEST(TestVectors, V16_EirIsExactWhenDataIsStationary) {
  const auto p = make_ou_schedule(make_constant_schedule(1.0), 1.0);
  const GaussianData data(vec1(0.0), mat1(1.0));
  const SpectralGaussian ei = run(p, data, Scheme::kExponentialIntegrator, 2.0, 20);
  EXPECT_TRUE(matches_vector(ei.var(0), 1.04621035849));
  EXPECT_TRUE(matches_vector(kl_divergence(data.law(), ei), 5.02586374653e-4));
  const SpectralGaussian eir = run(p, data, Scheme::kExponentialRenormalised, 2.0, 20);
  // "out var 1 exactly": α_k = F_k and Q_k = 1 − F_k², so the variance stays 1 up to rounding.
  EXPECT_NEAR(eir.var(0), 1.0, 20 * 4 * kEps);
}

// V17: EI, process 8 with β ≡ 2, σ² = 1, T = 1, N = 10⁴, data N(10, 1), init N(0, 1).
TEST(TestVectors, V17_LargeMeanW2) {
  const auto p = make_ou_schedule(make_constant_schedule(2.0), 1.0);
  const GaussianData data(vec1(10.0), mat1(1.0));
  const SpectralGaussian out = run(p, data, Scheme::kExponentialIntegrator, 1.0, 10000);
  EXPECT_TRUE(matches_vector(w2(data.law(), out), 1.35321749101));
}

// V25: EIR, OU std, data N(0, 4), T = 1, N = 10, score × 1.1.
TEST(TestVectors, V25_MultiplicativeScoreError) {
  const auto p = make_standard_ou();
  const GaussianData data(vec1(0.0), mat1(4.0));
  ScoreError err;
  err.delta = 0.1;
  const SpectralGaussian out = run(p, data, Scheme::kExponentialRenormalised, 1.0, 10, err);
  EXPECT_TRUE(matches_vector(out.var(0), 2.77982943664));
  EXPECT_TRUE(matches_vector(kl_divergence(data.law(), out), 0.0375162079985));
}

// V26: OU θ = 0.5, σ² = 0.5, μ = 2; data N(1, 0.3); init N(2, 0.5) (the reference); T = 3, N = 15.
TEST(TestVectors, V26_ShiftedOu) {
  const auto p = make_ou(0.5, vec1(2.0), std::sqrt(0.5));
  const GaussianData data(vec1(1.0), mat1(0.3));
  struct Row {
    Scheme s;
    double mean, var, kl;
  };
  for (const Row& row :
       {Row{Scheme::kEulerMaruyama, 1.04733785346, 0.341401383185, 0.00728559817678},
        Row{Scheme::kExponentialIntegrator, 1.02500020557, 0.357083197741, 0.00803849519371},
        Row{Scheme::kExponentialRenormalised, 1.06964350604, 0.327502149767, 0.00927319725756}}) {
    SCOPED_TRACE(to_string(row.s));
    const SpectralGaussian out = run(p, data, row.s, 3.0, 15);
    EXPECT_TRUE(matches_vector(out.mean(0), row.mean));
    EXPECT_TRUE(matches_vector(out.var(0), row.var));
    EXPECT_TRUE(matches_vector(kl_divergence(data.law(), out), row.kl));
  }
}

// The dense path is an independent implementation of the same map: on a correlated 4-D
// example with every kind of score error and a non-isotropic process centre they agree to
// a rounding-level tolerance (N·d·ε-scale, taken as 1e-12 relative).
TEST(ExactRecursion, DenseAndSpectralPathsAgree) {
  Mat cov(4, 4);
  cov << 2.0, 0.3, 0.1, 0.0, 0.3, 1.0, -0.2, 0.1, 0.1, -0.2, 0.5, 0.05, 0.0, 0.1, 0.05, 3.0;
  const GaussianData data((Vec(4) << 1.0, -0.5, 0.2, 2.0).finished(), cov);
  ScoreError err;
  err.delta = -0.05;
  err.eps = 0.2;
  err.direction = (Vec(4) << 1.0, 2.0, -1.0, 0.5).finished();
  const std::vector<ProcessPtr> procs = {
      make_ou(0.7, (Vec(4) << 0.5, 1.0, -1.0, 0.0).finished(), 1.2),
      make_vp(make_linear_schedule(0.1, 20.0, 1.0)),
      make_cou(0.5, (Vec(4) << 0.1, 0.2, 0.3, 0.4).finished(), 1.0),
      make_ve_geometric(0.01, 5.0, 1.0)};
  for (const auto& p : procs)
    for (Scheme s : {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator,
                     Scheme::kExponentialRenormalised, Scheme::kContinuous}) {
      if (s == Scheme::kExponentialRenormalised && !p->stationary(4)) continue;
      SCOPED_TRACE(p->describe() + " " + to_string(s));
      const GaussianScore score(p, data, err);
      const TimeGrid grid = TimeGrid::uniform(1.0, 50);
      const SpectralGaussian init = initial_law(Init::kReference, *p, data, 1.0);
      const Gaussian a = run_exact_spectral(*p, data, score, s, grid, init).spectral.dense();
      const SamplerResult rd = run_exact_dense(*p, data, score, s, grid, init.dense());
      ASSERT_TRUE(rd.ok());
      const double scale = a.cov.cwiseAbs().maxCoeff();
      // The continuous dense path is an ODE solved at rtol 1e-12.
      const double tol = s == Scheme::kContinuous ? 1e-9 : 1e-12;
      EXPECT_LT((a.mean - rd.dense.mean).cwiseAbs().maxCoeff(), tol * (1 + a.mean.norm()));
      EXPECT_LT((a.cov - rd.dense.cov).cwiseAbs().maxCoeff(), tol * scale);
    }
}

TEST(ExactRecursion, NonUniformGridEqualsUniformWhenPointsCoincide) {
  const auto p = make_standard_ou();
  const GaussianData data(vec1(0.3), mat1(2.0));
  const GaussianScore score(p, data, {});
  std::vector<double> s;
  for (int k = 0; k <= 8; ++k) s.push_back(k * 0.25);
  const auto init = initial_law(Init::kReference, *p, data, 2.0);
  const auto a = run_exact_spectral(*p, data, score, Scheme::kEulerMaruyama,
                                    TimeGrid::from_reverse_times(s), init);
  const auto b =
      run_exact_spectral(*p, data, score, Scheme::kEulerMaruyama, TimeGrid::uniform(2.0, 8), init);
  EXPECT_NEAR(a.spectral.var(0), b.spectral.var(0), 1e-14);
  EXPECT_NEAR(a.spectral.mean(0), b.spectral.mean(0), 1e-14);
}

TEST(ExactRecursion, StartingFromPTIsolatesDiscretisation) {
  // Continuous time from p_T with the exact score returns the data law exactly (A.0 kernel).
  const auto p = make_vp(make_linear_schedule(0.1, 20.0, 1.0));
  const GaussianData data(vec1(0.7), mat1(0.3));
  const SpectralGaussian out = run(p, data, Scheme::kContinuous, 1.0, 1, {}, Init::kPT);
  EXPECT_NEAR(out.mean(0), 0.7, 1e-14);
  EXPECT_NEAR(out.var(0), 0.3, 1e-14);
}

TEST(ExactRecursion, ExplicitStepTooLargeIsReportedAsDivergence) {
  const auto p = make_standard_ou();
  // A guaranteed blow-up: h = 100 on 40 steps gives growth (1 + h)^k ≫ 1e150.
  const GaussianData wide(vec1(0.0), mat1(1e6));
  const GaussianScore wscore(p, wide, {});
  const SamplerResult w =
      run_exact_spectral(*p, wide, wscore, Scheme::kEulerMaruyama, TimeGrid::uniform(4000.0, 40),
                         initial_law(Init::kReference, *p, wide, 4000.0));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status, RunStatus::kDiverged);
  EXPECT_GE(w.diverged_at_step, 0);
  EXPECT_NE(w.message.find("diverged at step"), std::string::npos) << w.message;
}

TEST(ExactRecursion, EirRejectsProcessesWithoutStationaryLaw) {
  const auto p = make_cou(1.0, Vec(), 1.0);
  const GaussianData data(vec1(0.0), mat1(1.0));
  const GaussianScore score(p, data, {});
  EXPECT_THROW(
      run_exact_spectral(*p, data, score, Scheme::kExponentialRenormalised,
                         TimeGrid::uniform(1.0, 10), initial_law(Init::kReference, *p, data, 1.0)),
      InputError);
}

}  // namespace
}  // namespace sb

namespace sb {
namespace {

// A plan too large to store (N·(2d + 4) above its limit) recomputes each step in run() with
// the same arithmetic: the same bits as the stored plan, for every scheme and a score error.
TEST(SpectralPlan, OnTheFlyStepsGiveTheSameBitsAsStoredOnes) {
  const GaussianData data = gaussian_preset("correlated", 4);
  const ProcessPtr p = make_vp(make_linear_schedule(0.1, 20.0, 1.0));
  ScoreError err;
  err.delta = 0.1;
  const GaussianScore score(p, data, err);
  const TimeGrid grid = TimeGrid::uniform(1.0, 50);
  const SpectralGaussian init = initial_law(Init::kReference, *p, data, 1.0);
  const Vec e_rot = data.basis()->transpose() * Vec::Unit(4, 0);
  for (Scheme s :
       {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator, Scheme::kExponentialRenormalised}) {
    const SpectralPlan stored(*p, score, s, grid, data.basis());
    const SpectralPlan fly(*p, score, s, grid, data.basis(), /*max_stored_values=*/10);
    ASSERT_FALSE(stored.on_the_fly());
    ASSERT_TRUE(fly.on_the_fly());
    const SamplerResult a = stored.run(init, 0.2, 0.3, e_rot);
    const SamplerResult b = fly.run(init, 0.2, 0.3, e_rot);
    ASSERT_TRUE(a.ok() && b.ok()) << to_string(s);
    EXPECT_EQ(a.spectral.mean, b.spectral.mean) << to_string(s);
    EXPECT_EQ(a.spectral.var, b.spectral.var) << to_string(s);
  }
}

}  // namespace
}  // namespace sb
