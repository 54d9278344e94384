// CDS25 KL bound (src/sb/theorems/cds25_kl.cpp; theory/cds25_kl.md; theory-notes C1, D-8).
// Acceptance: exact ≤ bound + tolerance with the tolerance of sb::kl_check_tolerance
// (relative 64·ε·(N + d) plus a d·rel² floor); no Monte Carlo is involved.
#include <gtest/gtest.h>

#include <cmath>

#include "sb/process/scheduled_ou.hpp"
#include "sb/verify/evaluate.hpp"
#include "sb/verify/registry.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::describe;

using test::matches_vector;

Problem config(double mean, double var, double T, int N, Scheme s, ScoreError err = {},
               Init init = Init::kReference, int d = 1) {
  Problem c = make_problem(make_standard_ou(),
                           GaussianData(Vec::Constant(d, mean), var * Mat::Identity(d, d)), T, N, s,
                           std::move(err), init);
  // evaluate() runs every check that applies, pinsker too, whose TV is a Monte Carlo estimate
  // in d > 1 with unequal covariances: the smallest sample size allowed keeps that fast.
  c.options.tv_samples = 1000;
  return c;
}

BoundReport cds25(const Problem& c) {
  const Evaluation ev = evaluate(c);
  for (const auto& b : ev.bounds)
    if (b.id == "cds25_kl") return b;
  ADD_FAILURE() << "cds25_kl did not apply";
  return {};
}

TEST(Cds25Kl, IsRegisteredAndAppliesOnlyToTheStandardOu) {
  const TheoremCheck* c = registry().find("cds25_kl");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->applies(config(0, 1, 1, 10, Scheme::kEulerMaruyama)));
  Problem vp = config(0, 1, 1, 10, Scheme::kEulerMaruyama);
  vp.process = make_vp(make_linear_schedule(0.1, 20, 1));
  EXPECT_FALSE(c->applies(vp));
  // The general OU with θ = 1, σ = √2, μ = 0 is the standard OU.
  Problem gen = config(0, 1, 1, 10, Scheme::kEulerMaruyama);
  gen.process = make_ou(1.0, Vec::Zero(1), std::sqrt(2.0));
  EXPECT_TRUE(c->applies(gen));
}

// V04: data N(0, 4), T = 1, N = 10, exact score: E1 + E3 = 0.334195654849.
TEST(TestVectors, V04_Cds25Terms) {
  const BoundReport b = cds25(config(0, 4, 1, 10, Scheme::kEulerMaruyama));
  EXPECT_TRUE(matches_vector(b.total, 0.334195654849));
  EXPECT_EQ(b.terms[1].value, 0.0);  // E2 = 0: exact score
  EXPECT_EQ(b.verdict, Verdict::kHolds);
}

// V15 / D-8: EM on data N(0, 0.98), T = 2, N = 20 violates the bound by a factor 16.
// This pins the finding: the statement is false for the printed scheme.
TEST(Cds25Kl, ViolatedByEulerMaruyama_D8) {
  const BoundReport b = cds25(config(0, 0.98, 2, 20, Scheme::kEulerMaruyama));
  EXPECT_TRUE(matches_vector(b.total, 4.26726835445e-5));
  EXPECT_TRUE(matches_vector(b.exact.value, 6.93068743544e-4));
  EXPECT_EQ(b.verdict, Verdict::kViolated) << describe(b);
  EXPECT_GT(b.exact.value / b.total, 16.0);
}

TEST(Cds25Kl, ViolatedByPlainExponentialIntegrator_D8b) {
  const BoundReport b = cds25(config(0, 0.98, 2, 20, Scheme::kExponentialIntegrator));
  EXPECT_NEAR(b.exact.value, 2.72607e-3, 1e-8);  // theory-notes D-8b (6 digits printed)
  EXPECT_EQ(b.verdict, Verdict::kViolated) << describe(b);
}

// Data equal to γ_d: every term of the bound is 0, EIR is exact, EM and EI are biased.
TEST(Cds25Kl, DataEqualToReferenceSeparatesTheSchemes) {
  for (int d : {1, 5}) {
    EXPECT_EQ(cds25(config(0, 1, 2, 20, Scheme::kExponentialRenormalised, {}, Init::kReference, d))
                  .verdict,
              Verdict::kHolds);
    const BoundReport em =
        cds25(config(0, 1, 2, 20, Scheme::kEulerMaruyama, {}, Init::kReference, d));
    EXPECT_EQ(em.total, 0.0);
    EXPECT_EQ(em.verdict, Verdict::kViolated) << describe(em);
    const BoundReport ei =
        cds25(config(0, 1, 2, 20, Scheme::kExponentialIntegrator, {}, Init::kReference, d));
    EXPECT_EQ(ei.verdict, Verdict::kViolated) << describe(ei);
  }
}

// D-8c: the bound holds for EIR on a grid of instances — data variance over six decades, means,
// horizons, step counts, additive and multiplicative score errors.
TEST(Cds25Kl, HoldsForEirOnAGrid) {
  int n = 0;
  double worst = 0.0;
  for (double var : {1e-3, 0.1, 0.98, 2.0, 30.0, 1e3})
    for (double mean : {0.0, 1.0, 8.0})
      for (double T : {0.05, 0.5, 2.0, 6.0})
        for (int N : {1, 4, 32, 256})
          for (auto [delta, eps] : {std::pair{0.0, 0.0}, {0.0, 0.5}, {0.2, 0.0}, {-0.1, 0.3}}) {
            ScoreError err;
            err.delta = delta;
            err.eps = eps;
            const BoundReport b =
                cds25(config(mean, var, T, N, Scheme::kExponentialRenormalised, err));
            ASSERT_EQ(b.verdict, Verdict::kHolds)
                << describe(b) << " var " << var << " mean " << mean << " T " << T << " N " << N
                << " delta " << delta << " eps " << eps;
            worst = std::max(worst, b.exact.value / b.total);
            ++n;
          }
  EXPECT_EQ(n, 6 * 3 * 4 * 4 * 4);
  EXPECT_LT(worst, 1.0);
  std::cout << "cds25_kl eir grid: " << n << " instances, worst exact/bound = " << worst << "\n";
}

TEST(Cds25Kl, HoldsInContinuousTime) {
  ScoreError err;
  err.eps = 0.2;
  for (double var : {0.01, 0.98, 4.0}) {
    const BoundReport b = cds25(config(0.5, var, 1.5, 1, Scheme::kContinuous, err));
    EXPECT_EQ(b.terms[2].value, 0.0);
    EXPECT_EQ(b.verdict, Verdict::kHolds) << describe(b);
  }
}

TEST(Cds25Kl, StartingFromPTIsAFailedHypothesis) {
  const BoundReport b = cds25(config(0, 4, 1, 10, Scheme::kExponentialRenormalised, {}, Init::kPT));
  EXPECT_EQ(b.verdict, Verdict::kHypothesesFail);
  EXPECT_FALSE(b.hypotheses_hold());
}

}  // namespace
}  // namespace sb
