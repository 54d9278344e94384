// Seed-004 checks (src/sb/theorems/claustre_*.cpp, contractive_reference_bias.cpp; theory/
// claustre_*.md; theory-notes C15–C19, D-15..D-20, A.2): the test vectors V20, V23, V24, the
// numbers that pin the findings D-16 and D-18, and the behaviour of the Young-parameter
// optimisation and of the log-space overflow handling.
// Acceptance: test vectors to relative 1e-10 (sb::test::matches_vector); numbers printed with
// fewer digits in theory-notes to the last printed digit (commented where used).
#include "sb/theorems/claustre.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/data/gaussian_mixture.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "sb/verify/evaluate.hpp"
#include "sb/verify/registry.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::describe;
using test::run_applicable;
using test::term;

using test::matches_vector;

Problem vp_config(double T, GaussianData data, double eps = 0.0, Init init = Init::kReference) {
  return make_problem(make_vp(make_linear_schedule(0.1, 20, T)), std::move(data), T, 1,
                      Scheme::kContinuous, theorems::claustre::additive(eps), init);
}

TEST(Claustre, AllChecksAreRegistered) {
  for (const char* id : {"claustre_thm53_tv", "claustre_cor55_tv", "claustre_cor55_step",
                         "claustre_cor55_step_corrected", "claustre_thm57_w2", "claustre_cor510_vp",
                         "claustre_cor510_step", "claustre_cor510_step_corrected",
                         "claustre_cor511_cvp", "contractive_reference_bias"})
    EXPECT_NE(registry().find(id), nullptr) << id;
}

// VP and CVP are recognised from the coefficients, not the kind name.
TEST(Claustre, ProcessesAreRecognisedNumerically) {
  const TheoremCheck* cor55 = registry().find("claustre_cor55_tv");
  const TheoremCheck* cor511 = registry().find("claustre_cor511_cvp");
  const TheoremCheck* bias = registry().find("contractive_reference_bias");
  auto cfg = [](ProcessPtr p) {
    return make_problem(std::move(p), gaussian_1d(0, 0.5), 1, 1, Scheme::kContinuous);
  };
  // OU(θ = 0.5, μ = 0, σ = 1) has v = σ²/(2θ) = 1: the VP SDE with β ≡ 1.
  EXPECT_TRUE(cor55->applies(cfg(make_ou(0.5, Vec::Zero(1), 1.0))));
  EXPECT_TRUE(cor55->applies(cfg(make_standard_ou())));                // β ≡ 2
  EXPECT_FALSE(cor55->applies(cfg(make_ou(1.0, Vec::Zero(1), 1.0))));  // v = 1/2
  EXPECT_FALSE(cor55->applies(cfg(make_ou(0.5, Vec::Ones(1), 1.0))));  // centre 1
  EXPECT_FALSE(cor55->applies(cfg(make_cvp(make_linear_schedule(0.1, 2, 1)))));
  // COU(θ = 0.5, μ = 0, σ = 1) is the CVP with β ≡ 1.
  EXPECT_TRUE(cor511->applies(cfg(make_cou(0.5, Vec(), 1.0))));
  EXPECT_FALSE(cor511->applies(cfg(make_cou(1.0, Vec(), 1.0))));
  EXPECT_TRUE(bias->applies(cfg(make_cou(1.0, Vec(), 1.0))));
  EXPECT_FALSE(bias->applies(cfg(make_cou(1.0, Vec::Ones(1), 1.0))));  // μ ≠ 0: not covered
  EXPECT_FALSE(bias->applies(cfg(make_ve_brownian())));                // forgets the data
  EXPECT_FALSE(bias->applies(cfg(make_standard_ou())));
  // The sampler-output checks speak about continuous time only.
  EXPECT_FALSE(cor55->applies(
      make_problem(make_standard_ou(), gaussian_1d(0, 0.5), 1, 10, Scheme::kEulerMaruyama)));
}

// theory-notes E, V20 / D-16: VP β 0.1 → 20 on [0, 0.3], data N(0, 0.01).
TEST(TestVectors, V20_Cor55KlStepIsFalse) {
  const Problem cfg = vp_config(0.3, gaussian_1d(0, 0.01));
  const BoundReport step = run_applicable("claustre_cor55_step", cfg);
  EXPECT_TRUE(matches_vector(step.exact.value, 6.09208315526e-4));  // theory-notes V20
  EXPECT_TRUE(matches_vector(step.total, 2.45229177435e-4));        // theory-notes V20
  EXPECT_EQ(step.verdict, Verdict::kViolated) << describe(step);
  EXPECT_TRUE(step.hypotheses_hold());  // e^{-B_T} = 0.049: "T large enough" in our reading
  const BoundReport tv = run_applicable("claustre_cor55_tv", cfg);
  EXPECT_TRUE(matches_vector(term(tv, "B_T"), 3.015));  // theory-notes V20
  const BoundReport fixed = run_applicable("claustre_cor55_step_corrected", cfg);
  EXPECT_DOUBLE_EQ(fixed.exact.value, step.exact.value);
  EXPECT_EQ(fixed.verdict, Verdict::kHolds) << describe(fixed);
  EXPECT_LT(fixed.exact.value, fixed.total);
}

// D-16: concentrated data break the printed step while e^{-B_T}(1 - lambda)^2 > 2 lambda to
// leading order (for a point mass: at every T); the corrected step never fails.
TEST(Claustre, Cor55StepFailsForConcentratedData) {
  for (double T : {0.1, 0.3, 1.0}) {
    const Problem cfg = vp_config(T, gaussian_1d(0, 1e-6));
    const BoundReport step = run_applicable("claustre_cor55_step", cfg);
    EXPECT_EQ(step.verdict, Verdict::kViolated) << "T = " << T << " " << describe(step);
    EXPECT_EQ(run_applicable("claustre_cor55_step_corrected", cfg).verdict, Verdict::kHolds) << T;
  }
  // lambda = 1e-6 and T = 3 (e^{-B_T} = 8e-14 < 2 lambda): the step is true there.
  EXPECT_EQ(run_applicable("claustre_cor55_step", vp_config(3.0, gaussian_1d(0, 1e-6))).verdict,
            Verdict::kHolds);
}

// "For T sufficiently large" is a real hypothesis of Cor 5.5: at B_T = 0.1005 the printed
// inequality fails (TV = 0.1331 > 0.0672; this suite's numbers, reproduced independently with
// mpmath), which the check reports as hypotheses_fail under the reading e^{-B_T} <= 1/2.
TEST(Claustre, Cor55NeedsALargeHorizon) {
  const BoundReport r = run_applicable("claustre_cor55_tv", vp_config(0.01, gaussian_1d(0, 0.01)));
  EXPECT_EQ(r.verdict, Verdict::kHypothesesFail);
  EXPECT_GT(r.exact.value, 1.9 * r.total) << describe(r);
  EXPECT_NEAR(r.exact.value, 0.13307, 1e-5);
  EXPECT_NEAR(r.total, 0.067245, 1e-6);
}

// theory-notes E, V23 / D-19: CVP β 0.1 → 2, T = 1, data N(3, 1), exact score, continuous.
TEST(TestVectors, V23_Cor511Cvp) {
  const Problem cfg = make_problem(make_cvp(make_linear_schedule(0.1, 2, 1)), gaussian_1d(3, 1), 1,
                                   1, Scheme::kContinuous);
  const BoundReport r = run_applicable("claustre_cor511_cvp", cfg);
  EXPECT_TRUE(matches_vector(r.exact.value, 3.34738217293));  // theory-notes V23
  EXPECT_TRUE(matches_vector(r.total, 9.09225098849));        // theory-notes V23 (h -> 0, eps = 0)
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  // The same value from the formula of claustre.hpp at h = 0.
  EXPECT_TRUE(
      matches_vector(theorems::claustre::cor511_terms(0.0, 0.1, 2.0, 1.0, 1.0, 10.0, 0.0).total(),
                     9.09225098849));  // theory-notes V23
}

// theory-notes C19: CVP, data N(10, 4): the exact error does not vanish as T grows.
TEST(Claustre, Cor511NeitherSideVanishes) {
  const double expected[] = {74.956, 65.781, 64.688};  // theory-notes C19 (5 digits)
  const double Ts[] = {1, 3, 6};
  for (int i = 0; i < 3; ++i) {
    const Problem cfg = make_problem(make_cvp(make_linear_schedule(0.1, 2, Ts[i])),
                                     gaussian_1d(10, 4), Ts[i], 1, Scheme::kContinuous);
    const BoundReport r = run_applicable("claustre_cor511_cvp", cfg);
    EXPECT_NEAR(r.exact.value, expected[i], 5e-4) << "T = " << Ts[i];
    EXPECT_EQ(r.verdict, Verdict::kHolds) << describe(r);
    EXPECT_GT(r.exact.value, 64.0);
  }
}

// theory-notes E, V24 / D-20: COU θ = 1, σ² = 1, μ = 0, T = 2, data N(1, 1), init N(0, s_T²).
TEST(TestVectors, V24_CouOutputKeepsABias) {
  const Problem cfg =
      make_problem(make_cou(1.0, Vec(), 1.0), gaussian_1d(1, 1), 2, 1, Scheme::kContinuous);
  Outcome out = solve(cfg);
  ASSERT_TRUE(out.ok());
  const Gaussian law = out.gaussian_law().dense();
  const double w2 = out.metric(Metric::kW2).value;
  EXPECT_TRUE(matches_vector(law.mean(0), 0.329238189634));    // theory-notes V24
  EXPECT_TRUE(matches_vector(law.cov(0, 0), 0.550078593754));  // theory-notes V24
  EXPECT_TRUE(matches_vector(w2 * w2, 0.51665433057));         // theory-notes V24
  const BoundReport r = run_applicable("contractive_reference_bias", cfg);
  EXPECT_EQ(r.side, BoundSide::kLower);
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  // T -> inf output N(1/3, 5/9): W2^2 = 4/9 + (1 - sqrt(5)/3)^2 = 0.5093 (theory-notes D-20).
  EXPECT_NEAR(term(r, "W2^2 of the T -> inf output (exact score, continuous)"), 0.5093, 5e-5);
}

// theory-notes A.2: COU θ = σ² = 1, data N(1, 1), T = 10: KL(p_T || p_noise) = 1.4506938591,
// limit 1.4506938557.
TEST(Claustre, ContractiveReferenceErrorTendsToAPositiveConstant) {
  const Problem cfg =
      make_problem(make_cou(1.0, Vec(), 1.0), gaussian_1d(1, 1), 10, 1, Scheme::kContinuous);
  const BoundReport r = run_applicable("contractive_reference_bias", cfg);
  EXPECT_TRUE(matches_vector(r.exact.value, 1.4506938591));  // theory-notes A.2
  EXPECT_TRUE(matches_vector(r.total, 1.4506938557));        // theory-notes A.2
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  // Decreasing in T towards the limit.
  double previous = INFINITY;
  for (double T : {0.25, 0.5, 1.0, 2.0, 4.0, 10.0}) {
    const BoundReport b = run_applicable(
        "contractive_reference_bias",
        make_problem(make_cou(1.0, Vec(), 1.0), gaussian_1d(1, 1), T, 1, Scheme::kContinuous));
    EXPECT_LT(b.exact.value, previous) << T;
    EXPECT_GE(b.exact.value, b.total) << T;
    previous = b.exact.value;
  }
}

// Geometric VE: the initialisation error does not depend on T and equals the limit formula.
TEST(Claustre, GeometricVeInitialisationErrorIsTheLimit) {
  for (double T : {0.5, 5.0}) {
    const BoundReport r = run_applicable(
        "contractive_reference_bias",
        make_problem(make_ve_geometric(0.01, 10, T), gaussian_1d(1, 1), T, 1, Scheme::kContinuous));
    EXPECT_NEAR(r.exact.value, r.total, 1e-14 * r.total);
    EXPECT_EQ(r.verdict, Verdict::kHolds);
  }
}

// theory-notes D-18: VP(0.1, 20), T = 0.5, data N(0, 0.5) (κ = 2), h = 0.01:
// u_VP(T) = -6.3042 (5 digits) against the claimed <= beta_max c T = -9.8; the correct bound
// c B_T = -4.92. The check evaluates h -> 0 and reports the slopes in h.
TEST(Claustre, Cor510StepIsFalse_D18) {
  const Problem cfg = vp_config(0.5, gaussian_1d(0, 0.5));
  const BoundReport r = run_applicable("claustre_cor510_step", cfg);
  EXPECT_EQ(r.verdict, Verdict::kViolated) << describe(r);
  const double h = 0.01;
  EXPECT_NEAR(r.exact.value + h * term(r, "2 B_T"), -6.3042, 5e-5);     // theory-notes D-18
  EXPECT_NEAR(r.total + h * term(r, "2 beta_max T"), -9.8, 1e-12);      // theory-notes D-18
  EXPECT_NEAR(theorems::claustre::u_vp(h, 5.025, 2.0), -6.3042, 5e-5);  // theory-notes D-18
  const BoundReport fixed = run_applicable("claustre_cor510_step_corrected", cfg);
  EXPECT_NEAR(fixed.total + 2 * h * 5.025, -4.92, 5e-3);  // theory-notes D-18: c B_T = -4.92
  EXPECT_EQ(fixed.verdict, Verdict::kHolds);
}

// theory-notes D-18: the final Corollary 5.10 holds there, e.g. W2^2 = 1.48e-11 <= 2.67e-5 at
// h = 0.01 (3 digits printed); the check's optimised bound is smaller (h -> 0 when eps = 0).
TEST(Claustre, Cor510FinalInequalityHolds_D18) {
  const BoundReport r = run_applicable("claustre_cor510_vp", vp_config(0.5, gaussian_1d(0, 0.5)));
  EXPECT_EQ(r.verdict, Verdict::kHolds) << describe(r);
  EXPECT_NEAR(r.exact.value, 1.48e-11, 0.005e-11);  // theory-notes D-18
  const double at_h =
      theorems::claustre::cor510_terms(0.01, 0.1, 20, 5.025, 0.5, 2.0, 0.5, 1, 0).total();
  EXPECT_NEAR(at_h, 2.67e-5, 0.005e-5);  // theory-notes D-18
  EXPECT_LE(r.total, at_h);
}

// theory-notes C18: κ = 1/4 (data N(0, 4)), eps = 0.1: outside the hypotheses, yet the exact
// error stays bounded in T (0.2289, 0.2339, 0.2339 at T = 1, 2, 5; 4 digits printed).
TEST(Claustre, Cor510KappaQuarterKeepsABoundedError) {
  const double expected[] = {0.2289, 0.2339, 0.2339};
  const double Ts[] = {1, 2, 5};
  for (int i = 0; i < 3; ++i) {
    const BoundReport r =
        run_applicable("claustre_cor510_vp", vp_config(Ts[i], gaussian_1d(0, 4), 0.1));
    EXPECT_NEAR(r.exact.value, expected[i], 5e-5) << "T = " << Ts[i];
    EXPECT_EQ(r.verdict, Verdict::kHypothesesFail);
    EXPECT_TRUE(std::isinf(r.total));  // no admissible h: the score term is +inf
  }
}

// The optimised Young parameter is a minimum of the printed formula over its range.
TEST(Claustre, YoungParameterIsOptimal) {
  namespace cl = theorems::claustre;
  const double eps2 = 1e-4;
  auto f510 = [&](double h) {
    return cl::cor510_terms(h, 0.1, 20, 5.025, 0.5, 2.0, 0.5, 1, eps2).total();
  };
  const auto [h510, b510] = cl::minimise_young(f510, 0.5);
  auto f511 = [&](double h) { return cl::cor511_terms(h, 0.1, 2, 1, 1, 10, eps2).total(); };
  const auto [h511, b511] = cl::minimise_young(f511, 0.5);
  for (double s : {0.5, 0.9, 0.99, 1.01, 1.1, 2.0}) {
    if (h510 * s < 0.5) {
      EXPECT_LE(b510, f510(h510 * s) * (1 + 1e-12)) << s;
    }
    if (h511 * s < 0.5) {
      EXPECT_LE(b511, f511(h511 * s) * (1 + 1e-12)) << s;
    }
  }
  const BoundReport r =
      run_applicable("claustre_cor510_vp", vp_config(0.5, gaussian_1d(0, 0.5), 0.01));
  EXPECT_GT(term(r, "h*"), 0.0);
  EXPECT_LT(term(r, "h*"), 0.5);
  // The check's instance has eps = 0.01, i.e. the eps2 above: its bound is the formula at h*.
  EXPECT_NEAR(r.total, f510(term(r, "h*")), 1e-12 * r.total);
}

// Thm 5.7: with data variance 0.01, L = 100 and u(T) ~ 2000: the bound overflows double. The
// check reports +inf, verdict vacuous, and the finite log10 of the bound.
TEST(Claustre, Thm57OverflowIsVacuousNotNan) {
  const BoundReport r =
      run_applicable("claustre_thm57_w2", vp_config(1, gaussian_1d(0, 0.01), 0.01));
  EXPECT_TRUE(std::isinf(r.total));
  EXPECT_EQ(r.verdict, Verdict::kVacuous);
  const double log10_bound = term(r, "log10 bound");
  EXPECT_TRUE(std::isfinite(log10_bound));
  EXPECT_GT(log10_bound, 308.0);
  EXPECT_NEAR(term(r, "L"), 100.0, 1e-9);
  EXPECT_LT(std::log10(r.exact.value), log10_bound);
}

// Thm 5.7 holds and is astronomically loose where it is finite (theory-notes C17, D-17).
TEST(Claustre, Thm57IsLoose) {
  const BoundReport r =
      run_applicable("claustre_thm57_w2", vp_config(1, gaussian_1d(0.5, 0.25), 0.01));
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  EXPECT_LT(term(r, "log10 (exact/bound)"), -10.0);
  EXPECT_NEAR(term(r, "L"), 4.0, 1e-12);  // sup_t 1/var_t = 1/0.25 at t = 0
}

// Thm 5.3: the Girsanov-sharp constant (score term / sqrt 2) also holds on the grid.
TEST(Claustre, Thm53HoldsWithTheSharpGirsanovConstant) {
  const TheoremCheck* c = registry().find("claustre_thm53_tv");
  for (const Instance& inst : c->instances()) {
    const BoundReport r = run_check(*c, inst.problem);
    if (r.verdict != Verdict::kHolds) continue;
    const double sharp = r.terms[0].value + term(r, "eps sqrt(T) ||g||_inf / 2");
    EXPECT_LE(r.exact.value, sharp * (1 + 1e-12)) << inst.name;
  }
}

// claustre_thm53_tv_mixture on the pair with a = 0 (the Gaussian N(0, 0.5)): the Richardson
// value from ei at N = 200 and 400 on the grid agrees with the continuous-time exact TV of the
// exact engine within its stated bias (|TV_2N - TV_N| + quadrature), and both checks give the
// same bound terms (the initialisation TV by quadrature against the closed form, 1e-8).
TEST(ClaustreThm53TvMixture, RichardsonValueMatchesTheContinuousExactEngine) {
  ScoreError err;
  err.eps = 0.1;
  const Problem gauss =
      make_problem(make_standard_ou(), gaussian_1d(0.0, 0.5), 1.0, 1, Scheme::kContinuous, err);
  const BoundReport g = run_check(test::registered_check("claustre_thm53_tv"), gauss);
  const Problem mix = make_grid_problem(
      make_standard_ou(), std::make_shared<const GaussianMixture>(gmm_symmetric_pair(0.0, 0.5)),
      1.0, 200, Scheme::kExponentialIntegrator, 0.1);
  const BoundReport m = run_check(test::registered_check("claustre_thm53_tv_mixture"), mix);
  EXPECT_LE(std::abs(m.exact.value - g.exact.value), m.exact.bias_bound)
      << m.exact.value << " vs " << g.exact.value << ", bias " << m.exact.bias_bound;
  EXPECT_LT(m.exact.bias_bound, 0.02 * g.exact.value);
  EXPECT_NEAR(term(m, "d_TV(p_T, p_noise)"), term(g, "d_TV(p_T, p_noise)"), 1e-8);
  EXPECT_NEAR(term(m, "eps sqrt(T/2) ||g||_inf"), term(g, "eps sqrt(T/2) ||g||_inf"), 1e-12);
  EXPECT_EQ(m.verdict, g.verdict) << describe(m);
}

}  // namespace
}  // namespace sb
