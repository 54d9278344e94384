// The GSO25 weak-convexity checks on Gaussian mixtures (gso25_weak_convexity.cpp,
// gso25_propagation.cpp) against closed forms: theory-notes V19, V28, D-4, D-7, the switching
// time of the symmetric pair, and their applicability (mixtures only, standard OU only).
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "sb/data/gaussian_data.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "sb/theorems/gso25_mixture.hpp"
#include "sb/verify/registry.hpp"

namespace sb {
namespace {

const TheoremCheck& check(const std::string& id) {
  const TheoremCheck* c = registry().find(id);
  if (c == nullptr) throw std::logic_error("no check " + id);
  return *c;
}

double term_value(const BoundReport& r, const std::string& name) {
  for (const BoundTerm& t : r.terms)
    if (t.name == name) return t.value;
  ADD_FAILURE() << "no term " << name;
  return std::nan("");
}

Problem pair_problem(double a, double var, double T = 1.0, int N = 1) {
  return theorems::gso25m::mixture_problem(gmm_symmetric_pair(a, var), T, N);
}

TEST(Gso25WeakConvexity, TestVectorV19) {
  // ½N(±2, 1): needed √M = D/(2σ²) = 2, the seed's (2n/σ²)Σ‖μ_i‖ = 16 (theory-notes V19).
  const Problem p = pair_problem(2.0, 1.0);
  const BoundReport printed = run_check(check("gso25_weak_convexity_printed"), p);
  EXPECT_NEAR(printed.exact.value, 2.0, 1e-8);
  EXPECT_DOUBLE_EQ(printed.total, 16.0);
  EXPECT_EQ(printed.verdict, Verdict::kHolds);
  const BoundReport sharp = run_check(check("gso25_weak_convexity_sharp"), p);
  EXPECT_DOUBLE_EQ(sharp.total, 2.0);
  EXPECT_EQ(sharp.verdict, Verdict::kHolds);
}

TEST(Gso25WeakConvexity, MinimalMIsTheSharpOneForAsymmetricMixtures) {
  // The minimal M of an equal-isotropic mixture is D²/(4σ⁴) (reached as r → ∞): the needed √M
  // at 40σ equals D/(2σ²) to 1e-8, with weights and means far from symmetric.
  Mat mu(4, 1);
  mu << -3.0, -0.5, 0.2, 4.0;
  const GaussianMixture g((Vec(4) << 0.1, 0.4, 0.3, 0.2).finished(), mu, 0.7);
  const BoundReport r =
      run_check(check("gso25_weak_convexity_sharp"), theorems::gso25m::mixture_problem(g));
  EXPECT_NEAR(r.exact.value, 7.0 / (2 * 0.7), 1e-8);
}

TEST(Gso25MixtureLipschitz, PrintedConstantFailsAsInD4) {
  const BoundReport a = run_check(check("gso25_mixture_lipschitz_printed"), pair_problem(10, 1));
  EXPECT_NEAR(a.exact.value, 99.0, 99e-10);
  EXPECT_DOUBLE_EQ(a.total, 81.0);
  EXPECT_EQ(a.verdict, Verdict::kViolated);
  const BoundReport b = run_check(check("gso25_mixture_lipschitz_printed"), pair_problem(1, 0.01));
  EXPECT_NEAR(b.exact.value, 9900.0, 9900e-10);
  EXPECT_NEAR(b.total, 900.0, 1e-9);
  EXPECT_EQ(b.verdict, Verdict::kViolated);
  // The printed constant (1 + 8a)/σ² and the truth (a² − 1)/σ² (σ = 1) cross at a = 4 + √18.
  EXPECT_EQ(run_check(check("gso25_mixture_lipschitz_printed"), pair_problem(8.2, 1)).verdict,
            Verdict::kHolds);
  EXPECT_EQ(run_check(check("gso25_mixture_lipschitz_printed"), pair_problem(8.3, 1)).verdict,
            Verdict::kViolated);
}

TEST(Gso25ModifiedLipschitz, TestVectorV28) {
  // ½N(±3, 1), τ = 0.5: Lip ∇log p̃_τ = 9/e against the printed L_t = 2.58197670687.
  const Problem p = pair_problem(3.0, 1.0, 0.5, 1);
  const BoundReport printed = run_check(check("gso25_modified_lipschitz_printed"), p);
  EXPECT_NEAR(printed.exact.value, 3.31091497054, 3.32e-10);
  EXPECT_NEAR(printed.total, 2.58197670687, 2.59e-10);
  EXPECT_EQ(printed.verdict, Verdict::kViolated);
  const BoundReport sharp = run_check(check("gso25_modified_lipschitz_sharp"), p);
  EXPECT_NEAR(sharp.total, 9.0 / std::exp(1.0), 1e-12);
  EXPECT_EQ(sharp.verdict, Verdict::kHolds);
}

TEST(Gso25CtPropagation, SymmetricPairEqualityAndSwitchingTime) {
  // σ² = 1: v_τ = 1, C*_τ = −a²e^{−2τ} = C_t, and C*_τ = −½ at τ* = ½ log(2a²).
  for (double a : {1.0, 2.0, 3.0}) {
    const BoundReport r = run_check(check("gso25_ct_propagation"), pair_problem(a, 1.0, 2.0, 4));
    EXPECT_NEAR(r.exact.value, -a * a * std::exp(-4.0), 1e-10) << a;  // worst τ = T = 2
    EXPECT_NEAR(r.total, r.exact.value, 1e-12) << a;
    EXPECT_NEAR(term_value(r, "tau* exact"), 0.5 * std::log(2 * a * a), 1e-8) << a;
    EXPECT_NEAR(term_value(r, "tau* (C_t)"), 0.5 * std::log(2 * a * a), 1e-8) << a;
    EXPECT_EQ(r.verdict, Verdict::kHolds);
  }
}

TEST(Gso25ProfilePropagation, SymmetricPairNeedsExactlyThePropagatedM) {
  // p_τ of ½N(±a, σ²) is ½N(±e^{−τ}a, v_τ): needed √M_τ = e^{−τ}a/v_τ = c_τ a/σ².
  const double a = 1.5, var = 0.6, tau = 0.4;
  const BoundReport r = run_check(check("gso25_profile_propagation"), pair_problem(a, var, tau, 1));
  const double v = std::exp(-2 * tau) * var - std::expm1(-2 * tau);
  EXPECT_NEAR(r.exact.value, std::exp(-tau) * a / v, 1e-8);
  EXPECT_NEAR(r.total, std::exp(-tau) * a / v, 1e-12);
}

TEST(Gso25MixtureChecks, ApplyToMixturesOnly) {
  const Problem gaussian =
      make_problem(make_standard_ou(), gaussian_1d(0.0, 2.0), 1.0, 4, Scheme::kEulerMaruyama);
  for (const char* id :
       {"gso25_weak_convexity_printed", "gso25_mixture_lipschitz_sharp",
        "gso25_profile_propagation", "gso25_ct_propagation", "gso25_modified_lipschitz_printed"})
    EXPECT_FALSE(check_applies(check(id), gaussian)) << id;
  // The propagation checks are about the standard OU only.
  Problem vp = pair_problem(1.0, 1.0);
  vp.process = make_ou(2.0, Vec::Zero(1), 1.0);  // not the standard OU
  for (const char* id :
       {"gso25_profile_propagation", "gso25_ct_propagation", "gso25_modified_lipschitz_sharp"})
    EXPECT_FALSE(check_applies(check(id), vp)) << id;
  EXPECT_TRUE(check_applies(check("gso25_weak_convexity_sharp"), vp));  // about π_data
}

}  // namespace
}  // namespace sb
