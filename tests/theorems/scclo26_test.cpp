// SCCLO26 checks (src/sb/theorems/scclo26_lyapunov.cpp, scclo26_score_stability.cpp;
// theory-notes C9, D-28, V22, B.3, C1).
// Acceptance: test vectors to relative 1e-10; closed forms against the checks to 1e-10
// relative; verdicts as the checks decide them (everything exact: no Monte Carlo here — the
// Monte Carlo of one step is in tests/sampler/lyapunov_drift_test.cpp).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "sb/data/gaussian_mixture.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/verify/registry.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::describe;
using test::run_applicable;
using test::term;

Problem scclo_ou1(double mean, double var, double T, int N, Scheme s, double eps = 0.0,
                  double delta = 0.0) {
  return make_problem(make_standard_ou(), gaussian_1d(mean, var), T, N, s,
                      {.delta = delta, .eps = eps, .direction = {}});
}

Problem scclo_pair_problem(double a, double var, double T, int N, Scheme s, double eps = 0.0) {
  return make_grid_problem(make_standard_ou(),
                           std::make_shared<const GaussianMixture>(gmm_symmetric_pair(a, var)), T,
                           N, s, eps);
}

TEST(Scclo26Lyapunov, D28AndV22) {
  const BoundReport r =
      run_applicable("scclo26_lyapunov", scclo_ou1(0, 4, 1, 10, Scheme::kEulerMaruyama));
  const double a = 1.1 - 0.2 / (1.0 + 3.0 * std::exp(-0.2));
  EXPECT_NEAR(r.exact.value, a * a, 1e-13 * a * a) << describe(r);
  EXPECT_NEAR(term(r, "prod_slopes"), 0.995607117001, 1e-10 * 0.995607117001);
  EXPECT_EQ(term(r, "k_max"), 9.0);
  EXPECT_EQ(r.verdict, Verdict::kViolated);
  EXPECT_LT(term(r, "alpha"), 0.0);
}

TEST(Scclo26Lyapunov, AppliesToAffineStepSchemesAndIsotropicMixtures) {
  const TheoremCheck* c = registry().find("scclo26_lyapunov");
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(check_applies(*c, scclo_ou1(0, 1, 1, 10, Scheme::kContinuous)));
  EXPECT_TRUE(check_applies(*c, scclo_ou1(0, 1, 1, 10, Scheme::kExponentialIntegrator)));
  EXPECT_TRUE(check_applies(*c, scclo_pair_problem(1, 0.5, 1, 10, Scheme::kEulerMaruyama)));
  std::vector<Mat> covs = {Mat::Identity(1, 1), 2.0 * Mat::Identity(1, 1)};
  Mat means(2, 1);
  means << -1, 1;
  const Problem un =
      make_grid_problem(make_standard_ou(),
                        std::make_shared<const GaussianMixture>(Vec::Constant(2, 0.5), means, covs),
                        1, 10, Scheme::kEulerMaruyama);
  EXPECT_FALSE(check_applies(*c, un));
}

// (α, b) against the additive error: α does not move, b grows like ε² (per step exactly
// quadratic for centred data), the C9 bound stays above; the table is the write-up's.
TEST(Scclo26Lyapunov, ConstantsAgainstAdditiveError) {
  std::printf("%-28s %6s %12s %12s %12s %12s\n", "case", "eps", "rho_max", "alpha", "b", "b_c9");
  for (int which = 0; which < 2; ++which) {
    double alpha0 = 0, b_prev = -1;
    for (double eps : {0.0, 0.1, 0.3, 1.0, 3.0, 10.0}) {
      const Problem pr = which == 0
                             ? scclo_ou1(0, 1.5, 1, 10, Scheme::kEulerMaruyama, eps)
                             : scclo_pair_problem(2, 0.25, 1, 10, Scheme::kEulerMaruyama, eps);
      const BoundReport r = run_applicable("scclo26_lyapunov", pr);
      EXPECT_EQ(r.verdict, Verdict::kHolds) << describe(r);
      const double alpha = term(r, "alpha"), b = term(r, "b"), bc9 = term(r, "b_c9");
      std::printf("%-28s %6.2f %12.6g %12.6g %12.6g %12.6g\n",
                  which == 0 ? "em N(0,1.5) T=1 N=10" : "em pair a=2 var=.25 T=1 N=10", eps,
                  r.exact.value, alpha, b, bc9);
      if (eps == 0.0) alpha0 = alpha;
      EXPECT_EQ(alpha, alpha0);
      EXPECT_GT(b, b_prev);
      EXPECT_GE(bc9, b * (1 - 1e-12));
      b_prev = b;
    }
  }
}

// Continuous time on data γ₁ from γ₁: the output is N(2ε(1 − e^{−T}), 1) (theory-notes B.3, φ(u) =
// e^{−u}), so KL = 2ε²(1 − e^{−T})², E_init = 0, E_score = T ε².
TEST(Scclo26ScoreStability, ContinuousOnGammaClosedForm) {
  for (double T : {0.5, 1.0, 5.0, 20.0})
    for (double eps : {0.1, 1.0}) {
      const BoundReport r = run_applicable("scclo26_score_stability",
                                           scclo_ou1(0, 1, T, 1, Scheme::kContinuous, eps));
      const double kl = 2 * eps * eps * std::pow(-std::expm1(-T), 2);
      EXPECT_NEAR(r.exact.value, kl, 1e-10 * kl) << describe(r);
      EXPECT_NEAR(term(r, "E_score"), T * eps * eps, 1e-12 * T * eps * eps);
      EXPECT_NEAR(term(r, "E_init"), 0.0, 1e-300);
      EXPECT_EQ(r.verdict, Verdict::kHolds);
    }
}

// Continuous time on N(0, 4) from γ₁: the additive error shifts the mean by εΔ,
// Δ = (2λ/√c)[arctan √c − arctan(√c e^{−T})], c = λ − 1 (theory-notes B.3), and the increment is
// ε²Δ²/(2 var_out), var_out = λ + R²(1 − var_T), R = e^{−T}λ/var_T (theory-notes A.0).
TEST(Scclo26ScoreStability, ContinuousIncrementClosedForm) {
  const double lam = 4.0, c = 3.0, sc = std::sqrt(c);
  for (double T : {1.0, 2.0, 5.0, 10.0, 20.0}) {
    const double D = 2 * lam / sc * (std::atan(sc) - std::atan(sc * std::exp(-T)));
    const double varT = lam * std::exp(-2 * T) - std::expm1(-2 * T);
    const double R = std::exp(-T) * lam / varT;
    const double vout = lam + R * R * (1 - varT);
    const double eps = 0.3;
    const BoundReport r = run_applicable("scclo26_score_stability",
                                         scclo_ou1(0, lam, T, 1, Scheme::kContinuous, eps));
    const double inc = eps * eps * D * D / (2 * vout);
    EXPECT_NEAR(term(r, "increment"), inc, 1e-9 * inc) << "T=" << T << " " << describe(r);
    EXPECT_EQ(r.verdict, Verdict::kHolds);
  }
}

// The exact increment KL_ε − KL_0 against T ε² over T ∈ {1, 2, 5, 10, 20}: it saturates (no
// growth in T beyond the first few units, let alone exponential) for every scheme; printed for
// the write-up.
TEST(Scclo26ScoreStability, IncrementSaturatesInT) {
  std::printf("%-11s %5s %5s %14s %14s %14s %12s %s\n", "scheme", "eps", "T", "KL_eps", "KL_0",
              "increment", "inc/(T e^2)", "bound");
  for (Scheme s : {Scheme::kContinuous, Scheme::kExponentialRenormalised, Scheme::kEulerMaruyama,
                   Scheme::kExponentialIntegrator})
    for (double eps : {0.1, 0.3, 1.0}) {
      double inc10 = 0.0;
      for (double T : {1.0, 2.0, 5.0, 10.0, 20.0}) {
        const int N = s == Scheme::kContinuous ? 1 : static_cast<int>(std::lround(T / 0.1));
        const BoundReport r =
            run_applicable("scclo26_score_stability", scclo_ou1(0, 4, T, N, s, eps));
        const double inc = term(r, "increment");
        std::printf("%-11s %5.2f %5.0f %14.8g %14.8g %14.8g %12.6g %.8g %s\n", to_string(s).c_str(),
                    eps, T, r.exact.value, term(r, "KL_0"), inc, term(r, "increment/(T eps^2)"),
                    r.total, to_string(r.verdict).c_str());
        if (T == 10.0) inc10 = inc;
        if (T == 20.0) {
          EXPECT_NEAR(inc, inc10, 1e-3 * inc10) << to_string(s);
        }
        EXPECT_GT(inc, 0.0);
        EXPECT_LE(inc, T * eps * eps) << to_string(s) << " T=" << T;
      }
    }
}

}  // namespace
}  // namespace sb

namespace sb {
namespace {

// With a biased ε = 0 output (data N(3, 1), T = 1: initialisation error e^{-T}m), the increment
// KL_ε − KL_0 is linear in ε: it exceeds T ε² several times for e = −1 and is negative for
// e = +1, while the bound (E_init dominates) holds.
TEST(Scclo26ScoreStability, IncrementIsLinearInEpsWhenTheOutputIsBiased) {
  for (Scheme s : {Scheme::kContinuous, Scheme::kEulerMaruyama}) {
    const int N = s == Scheme::kContinuous ? 1 : 10;
    for (double sign : {-1.0, 1.0}) {
      Problem pr = scclo_ou1(3, 1, 1, N, s, 0.1);
      pr.score_error.direction = Vec::Constant(1, sign);
      const BoundReport r = run_applicable("scclo26_score_stability", pr);
      std::printf("%s e=%+.0f: KL_eps %.8g KL_0 %.8g increment %.8g (T eps^2 = 0.01) bound %.8g\n",
                  to_string(s).c_str(), sign, r.exact.value, term(r, "KL_0"), term(r, "increment"),
                  r.total);
      EXPECT_EQ(r.verdict, Verdict::kHolds);
      if (sign < 0) {
        EXPECT_GT(term(r, "increment"), 3 * 0.01);
      } else {
        EXPECT_LT(term(r, "increment"), 0.0);
      }
    }
  }
}

// The sharp-constant bound for eir (CDS25's bound with 1/2 in front of the Girsanov score term,
// not a theorem: the integrand mixes score and discretisation errors) and for continuous time
// (a theorem) over a grid: data N(m, s^2), s^2 from 0.01 to 100, m in {0, 1, 5}, T in {0.1, 1,
// 5}, N in {1, 5, 50} (eir), eps in {0, 0.01, 0.1, 1, 3}, delta in {-0.2, 0, 0.2}, e = +-1: 7290
// eir and 2430 continuous instances. Prints the violations and the largest exact/bound.
TEST(Scclo26ScoreStability, EirAndContinuousScan) {
  for (Scheme s : {Scheme::kExponentialRenormalised, Scheme::kContinuous}) {
    double worst = 0.0;
    std::string worst_case;
    int n = 0, violated = 0;
    const std::vector<int> steps =
        s == Scheme::kContinuous ? std::vector<int>{1} : std::vector<int>{1, 5, 50};
    for (double var : {0.01, 0.1, 0.5, 0.98, 1.0, 2.0, 4.0, 10.0, 100.0})
      for (double m : {0.0, 1.0, 5.0})
        for (double T : {0.1, 1.0, 5.0})
          for (int N : steps)
            for (double eps : {0.0, 0.01, 0.1, 1.0, 3.0})
              for (double delta : {-0.2, 0.0, 0.2})
                for (double sign : {1.0, -1.0}) {
                  Problem pr = scclo_ou1(m, var, T, N, s, eps, delta);
                  pr.score_error.direction = Vec::Constant(1, sign);
                  const BoundReport r = run_applicable("scclo26_score_stability", pr);
                  ++n;
                  if (r.verdict == Verdict::kViolated) {
                    ++violated;
                    std::printf(
                        "  violated: N(%g, %g) T=%g N=%d eps=%g delta=%g e=%+g: %.8g > %.8g\n", m,
                        var, T, N, eps, delta, sign, r.exact.value, r.total);
                  }
                  if (!(r.total > 1e-12)) continue;  // data = gamma, exact score: both sides ~0
                  const double ratio = r.exact.value / r.total;
                  if (ratio > worst) {
                    worst = ratio;
                    worst_case = fmt::format("N({}, {}) T={} N={} eps={} delta={} e={}: ", m, var,
                                             T, N, eps, delta, sign) +
                                 describe(r);
                  }
                }
    std::printf("%s scan: %d instances, %d violated, worst exact/bound %.6g\n%s\n",
                to_string(s).c_str(), n, violated, worst, worst_case.c_str());
    // Continuous time: a theorem, never violated. eir: the sharp-constant reading fails only on
    // the coarsest grids with a large error (N = 1, eps = 3, delta = 0.2, e = -1; data N(1, 0.98)
    // and N(1, 1): 10.2198 > 10.1082 and 10.2175 > 10.1077), pinned as an instance.
    EXPECT_EQ(violated, s == Scheme::kContinuous ? 0 : 2) << to_string(s);
  }
}

}  // namespace
}  // namespace sb
