// Checks of seed 001 (Strasman talk; theory-notes C10, D-25): ula_stationary_bias, ve_init_kl,
// dsm_w2, pinsker (src/sb/theorems/<id>.cpp, theory/<id>.md). Test vectors V03, V10 (and V04
// for Pinsker) of theory-notes E, to relative 1e-10 (sb::test::matches_vector).
#include <gtest/gtest.h>

#include <cmath>

#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "sb/verify/evaluate.hpp"
#include "sb/verify/registry.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::registered_check;
using test::term;

using test::matches_vector;

GaussianData iso(Eigen::Index d, double mean, double var) {
  return GaussianData(Vec::Constant(d, mean), var * Mat::Identity(d, d));
}

// ---------------------------------------------------------------------------------------------
// ula_stationary_bias

// V03: ULA on N(0, 1) with h = 0.1, from x = 3, after k = 10 steps. ULA is em on the standard
// OU with data N(0, 1) and exact score; T = 1, N = 10 gives h = 0.1, k = 10, and the check's
// probe start is x = 3e₁.
TEST(TestVectors, V03_UlaLawAndStationaryBias) {
  const Problem cfg =
      make_problem(make_standard_ou(), iso(1, 0, 1), 1.0, 10, Scheme::kEulerMaruyama);
  const TheoremCheck& c = registered_check("ula_stationary_bias");
  ASSERT_TRUE(c.applies(cfg));
  const BoundReport b = run_check(c, cfg);
  EXPECT_TRUE(matches_vector(term(b, "probe_mean_e1"), 1.0460353203));    // theory-notes E, V03
  EXPECT_TRUE(matches_vector(term(b, "probe_var"), 0.924656153063));      // theory-notes E, V03
  EXPECT_TRUE(matches_vector(term(b, "probe_w2"), 1.04674026695));        // theory-notes E, V03
  EXPECT_TRUE(matches_vector(term(b, "probe_kl"), 0.548589690687));       // theory-notes E, V03
  EXPECT_TRUE(matches_vector(term(b, "stationary_var"), 1.05263157895));  // theory-notes E, V03
  EXPECT_TRUE(
      matches_vector(term(b, "stationary_bias_w2"), 0.0259783520852));  // theory-notes E, V03
  EXPECT_EQ(b.verdict, Verdict::kHolds);
  EXPECT_LE(term(b, "law_discrepancy"), b.tolerance);
  EXPECT_NEAR(b.exact.value, b.total, 1e-14);  // identity: recursion and printed law agree
}

// Started at the target γ_d, ULA drifts to its biased stationary law: W2 rises to the bias.
TEST(UlaStationaryBias, StartedAtTheTargetDriftsToTheStationaryBias) {
  const TheoremCheck& c = registered_check("ula_stationary_bias");
  for (double h : {0.05, 0.5, 1.5}) {
    const int k = 2000;
    const BoundReport b = run_check(
        c, make_problem(make_standard_ou(), iso(4, 0, 1), h * k, k, Scheme::kEulerMaruyama));
    EXPECT_EQ(b.verdict, Verdict::kHolds);
    const double bias = 2.0 * std::abs(std::sqrt(2.0 / (2.0 - h)) - 1.0);  // √d|√(2/(2−h)) − 1|
    EXPECT_NEAR(term(b, "stationary_bias_w2"), bias, 1e-14);
    EXPECT_NEAR(b.exact.value, bias, 1e-12) << "h = " << h;
  }
}

TEST(UlaStationaryBias, AppliesOnlyToUlaOnTheStandardGaussian) {
  const TheoremCheck& c = registered_check("ula_stationary_bias");
  const auto cfg = [](GaussianData data, Scheme s, ScoreError err = {}) {
    return make_problem(make_standard_ou(), std::move(data), 1.0, 10, s, std::move(err));
  };
  EXPECT_TRUE(c.applies(cfg(iso(3, 0, 1), Scheme::kEulerMaruyama)));
  EXPECT_FALSE(c.applies(cfg(iso(3, 0, 1), Scheme::kExponentialIntegrator)));
  EXPECT_FALSE(c.applies(cfg(iso(3, 0, 2), Scheme::kEulerMaruyama)));
  EXPECT_FALSE(c.applies(cfg(iso(3, 0.5, 1), Scheme::kEulerMaruyama)));
  ScoreError err;
  err.eps = 0.1;
  EXPECT_FALSE(c.applies(cfg(iso(3, 0, 1), Scheme::kEulerMaruyama, err)));
  // OU(θ = 1, μ = 0, σ = √2) is the standard OU.
  EXPECT_TRUE(c.applies(make_problem(make_ou(1.0, Vec::Zero(1), std::sqrt(2.0)), iso(1, 0, 1), 1.0,
                                     10, Scheme::kEulerMaruyama)));
}

TEST(UlaStationaryBias, StepAtLeastTwoFailsTheHypothesis) {
  const BoundReport b =
      run_check(registered_check("ula_stationary_bias"),
                make_problem(make_standard_ou(), iso(1, 0, 1), 2.5 * 8, 8, Scheme::kEulerMaruyama));
  EXPECT_EQ(b.verdict, Verdict::kHypothesesFail);
  EXPECT_LE(term(b, "law_discrepancy"), b.tolerance);  // the finite-k law is still right
}

// ---------------------------------------------------------------------------------------------
// ve_init_kl

// V10: VE dX = √2 dB, data N(1, 1), T = 10: KL(p_T ‖ N(0, 20)) = 0.0256049179153 ≤ 0.05.
TEST(TestVectors, V10_VeInitialisationKl) {
  const Problem cfg =
      make_problem(make_ve_brownian(), iso(1, 1, 1), 10.0, 100, Scheme::kEulerMaruyama);
  const TheoremCheck& c = registered_check("ve_init_kl");
  ASSERT_TRUE(c.applies(cfg));
  const BoundReport b = run_check(c, cfg);
  EXPECT_TRUE(matches_vector(b.exact.value, 0.0256049179153));  // theory-notes E, V10
  EXPECT_TRUE(matches_vector(b.total, 0.05));                   // theory-notes E, V10
  EXPECT_EQ(b.verdict, Verdict::kHolds);
}

// V10 (sampler part): EM, VE, data N(0, 1), T = 10, N = 100, init N(0, 20).
TEST(TestVectors, V10_VeEulerMaruyamaOutput) {
  Evaluation ev =
      evaluate(make_problem(make_ve_brownian(), iso(1, 0, 1), 10.0, 100, Scheme::kEulerMaruyama));
  ASSERT_TRUE(ev.metrics_ok);
  EXPECT_TRUE(matches_vector(ev.outcome.gaussian_law().spectral().var(0),
                             1.10411972777));  // theory-notes E, V10
  EXPECT_TRUE(matches_vector(ev.outcome.metric(Metric::kKlDataModel).value,
                             0.00237363514621));  // theory-notes E, V10
  bool found = false;
  for (const BoundReport& b : ev.bounds)
    if (b.id == "pinsker") {
      found = true;
      EXPECT_TRUE(matches_vector(b.total, std::sqrt(0.5 * 0.00237363514621)));
      EXPECT_EQ(b.verdict, Verdict::kHolds);
    }
  EXPECT_TRUE(found);
}

// The exact value is the closed form of theory-notes A.2 on a multivariate instance.
TEST(VeInitKl, MatchesTheClosedFormInDimension50) {
  const GaussianData data = gaussian_preset("correlated", 50);
  const double T = 5.0;
  const BoundReport b =
      run_check(registered_check("ve_init_kl"),
                make_problem(make_ve_brownian(), data, T, 10, Scheme::kEulerMaruyama));
  double ref = data.second_moment() / (4 * T);
  for (Eigen::Index j = 0; j < 50; ++j) ref -= 0.5 * std::log1p(data.eigenvalues()(j) / (2 * T));
  EXPECT_TRUE(test::near_rel(b.exact.value, ref, 1e-12));
  EXPECT_EQ(b.verdict, Verdict::kHolds);
}

TEST(VeInitKl, AppliesOnlyToTheBrownianVe) {
  const TheoremCheck& c = registered_check("ve_init_kl");
  EXPECT_FALSE(
      c.applies(make_problem(make_standard_ou(), iso(1, 0, 1), 1.0, 10, Scheme::kEulerMaruyama)));
  EXPECT_FALSE(c.applies(
      make_problem(make_ve_geometric(0.01, 10, 1), iso(1, 0, 1), 1.0, 10, Scheme::kEulerMaruyama)));
}

// ---------------------------------------------------------------------------------------------
// dsm_w2

// Data N(0, s² I_d): W2(π_data, π_σ) = √d(√(s² + σ²) − s) exactly (theory-notes C10). With
// s² = 0.25, d = 4, σ² = 2T = 2: 2(1.5 − 0.5) = 2 ≤ σ√d = 2√2.
TEST(DsmW2, ExactForIsotropicGaussians) {
  const BoundReport b =
      run_check(registered_check("dsm_w2"),
                make_problem(make_ve_brownian(), iso(4, 0, 0.25), 1.0, 10, Scheme::kEulerMaruyama));
  EXPECT_TRUE(test::near_rel(b.exact.value, 2.0, 1e-14));
  EXPECT_TRUE(test::near_rel(b.total, 2.0 * std::sqrt(2.0), 1e-15));
  EXPECT_EQ(term(b, "worst_t"), 1.0);
  EXPECT_EQ(b.verdict, Verdict::kHolds);
}

// The bound is tight as the data shrink to a point mass: exact/bound → 1.
TEST(DsmW2, TightForNearPointMasses) {
  double prev = 0.0;
  for (double s2 : {1.0, 1e-2, 1e-4, 1e-8}) {
    const BoundReport b =
        run_check(registered_check("dsm_w2"),
                  make_problem(make_ve_brownian(), iso(3, 1, s2), 0.5, 4, Scheme::kEulerMaruyama));
    EXPECT_EQ(b.verdict, Verdict::kHolds);
    const double ratio = b.exact.value / b.total;
    EXPECT_GT(ratio, prev);
    prev = ratio;
  }
  EXPECT_GT(prev, 0.9999);
}

TEST(DsmW2, AppliesToPureSmoothingProcessesOnly) {
  const TheoremCheck& c = registered_check("dsm_w2");
  EXPECT_TRUE(c.applies(
      make_problem(make_ve_geometric(0.01, 10, 1), iso(1, 0, 1), 1.0, 10, Scheme::kEulerMaruyama)));
  EXPECT_FALSE(
      c.applies(make_problem(make_standard_ou(), iso(1, 0, 1), 1.0, 10, Scheme::kEulerMaruyama)));
}

// ---------------------------------------------------------------------------------------------
// pinsker

// V04: EM, OU std, data N(0, 4), T = 1, N = 10: TV = 0.0443576678851,
// KL = 0.00895212814075.
TEST(TestVectors, V04_PinskerSides) {
  const BoundReport b =
      run_check(registered_check("pinsker"),
                make_problem(make_standard_ou(), iso(1, 0, 4), 1.0, 10, Scheme::kEulerMaruyama));
  EXPECT_TRUE(matches_vector(b.exact.value, 0.0443576678851));              // theory-notes E, V04
  EXPECT_TRUE(matches_vector(b.total, std::sqrt(0.5 * 0.00895212814075)));  // theory-notes E, V04
  EXPECT_EQ(b.verdict, Verdict::kHolds);
}

// In d > 1 with unequal covariances TV is a Monte Carlo estimate; the verdict is rigorous when
// the KL-free upper bound is already below sqrt(KL/2), and it is never contradicted by the
// rigorous lower bound.
TEST(Pinsker, MonteCarloCaseReportsItsRule) {
  const BoundReport b =
      run_check(registered_check("pinsker"),
                make_problem(make_standard_ou(), gaussian_preset("heteroscedastic", 5), 2.0, 20,
                             Scheme::kEulerMaruyama));
  EXPECT_EQ(b.verdict, Verdict::kHolds);
  EXPECT_EQ(b.exact.method, "monte_carlo");
  EXPECT_GT(b.exact.std_error, 0.0);
  EXPECT_EQ(b.exact.samples, 20000);
  EXPECT_LE(term(b, "tv_lower"), b.total);
  EXPECT_LE(term(b, "tv_lower"), term(b, "tv_upper_without_kl"));
}

// ---------------------------------------------------------------------------------------------
// frozen_langevin_control

// Continuous time from p_T: Var(Langevin output) = λ(1 + log(1 + 2T/λ)) (theory-notes C10; the
// derivation is in theory/frozen_langevin_control.md), while the true reversal returns λ.
TEST(FrozenLangevinControl, ClosedFormAndEulerMaruyamaLimit) {
  const TheoremCheck& c = registered_check("frozen_langevin_control");
  const auto cfg = [](Scheme s, int N) {
    return make_problem(make_ve_brownian(), iso(1, 0.5, 1), 1.0, N, s, {}, Init::kPT);
  };
  const BoundReport cont = run_check(c, cfg(Scheme::kContinuous, 1));
  EXPECT_TRUE(test::near_rel(term(cont, "min_var_ratio"), 1.0 + std::log(3.0), 1e-14));
  EXPECT_EQ(cont.total, 1.0);  // λ
  EXPECT_EQ(cont.verdict, Verdict::kHolds);
  EXPECT_LT(term(cont, "kl_time_reversal"), 1e-12);  // the true reversal recovers the data
  EXPECT_GT(term(cont, "kl_langevin"), 0.1);
  // EM converges to the continuous value at rate O(h).
  double prev_err = 1.0;
  for (int N : {10, 100, 1000}) {
    const BoundReport em = run_check(c, cfg(Scheme::kEulerMaruyama, N));
    const double err = std::abs(em.exact.value - cont.exact.value);
    EXPECT_LT(err, prev_err / 5) << "N = " << N;
    prev_err = err;
  }
}

}  // namespace
}  // namespace sb
