// The PSOCD25 checks on {0,1}^d (src/sb/theorems/psocd25*.cpp; seed 000;
// theory/engines/hypercube.md): test vector V14 (the printed conditional-expectation formula, D-9),
// the D-10 instance of issue 10 pinned with its numbers, scans of the corrected KL bound per scheme
// and of the forward contraction on random laws (worst ratios printed), E₂'s closed form for a
// multiplicative rate error against its definition, and the data-processing consequence
// KL(μ₀‖μ̂) ≤ KL(μ_T‖γ) + E₂ of the continuous chain.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "sb/data/hypercube_law.hpp"
#include "sb/law/probability_vector.hpp"
#include "sb/metric/discrete_divergence.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/sampler/jump_chain.hpp"
#include "sb/score/discrete_score.hpp"
#include "sb/verify/registry.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::near_rel;

std::shared_ptr<const HypercubeLaw> law(HypercubeLaw l) {
  return std::make_shared<const HypercubeLaw>(std::move(l));
}

// V14: one bit, μ₀ = δ₀, λ = 1, τ = 0.5.
TEST(Psocd25TestVectors, V14) {
  const BitFlipChain chain(1.0);
  const Vec mu0 = hypercube_point_mass(1, 0).probs();
  const Mat s = discrete_score(chain.marginal(mu0, 0.5));
  EXPECT_TRUE(near_rel(s(0, 0), 0.53788284274));
  const Mat c = score_by_conditional_expectation(mu0, chain, 0.5, ScoreFormula::kCorrected);
  EXPECT_TRUE(near_rel(c(0, 0), 0.53788284274));
  const Mat p = score_by_conditional_expectation(mu0, chain, 0.5, ScoreFormula::kPrinted);
  EXPECT_TRUE(near_rel(p(0, 0), -0.73105857863));
}

BoundReport run(const std::string& id, const Problem& p) {
  const TheoremCheck* c = registry().find(id);
  EXPECT_NE(c, nullptr) << id;
  return run_check(*c, p);
}

// Issue 10's instance of D-10: μ₀ = (.5, .2, .2, .1), λ = 1, T = 5, N = 5, frozen rates.
TEST(Psocd25Kl, D10PrintedViolatedCorrectedHolds) {
  Vec mu(4);
  mu << 0.5, 0.2, 0.2, 0.1;
  const Problem p = make_hypercube_problem(1.0, law(HypercubeLaw(mu)), 5.0, 5, Scheme::kFrozenRate);
  const BoundReport printed = run("psocd25_kl_printed", p);
  const BoundReport corrected = run("psocd25_kl_corrected", p);
  EXPECT_EQ(printed.verdict, Verdict::kViolated);
  EXPECT_EQ(corrected.verdict, Verdict::kHolds);
  // E₁ = e^{−10} KL(μ₀|γ₂), E₃ = 0 as printed, λhβ(μ₀) = 0.688403875236 corrected (h = 1).
  EXPECT_TRUE(near_rel(printed.total, std::exp(-10.0) * 0.165687096567));
  EXPECT_TRUE(near_rel(corrected.total - printed.total, 0.688403875236));
  EXPECT_GT(printed.exact.value, 1000 * printed.total);  // 0.098 against 7.5e-6
}

// The corrected bound on random laws, per scheme: holds everywhere scanned (worst exact/bound
// printed). Laws: Dirichlet(a) with a ∈ {0.2, 1, 5} in d = 1..4; λ ∈ {0.5, 1, 2};
// T ∈ {0.2, 1, 3}; N ∈ {1, 3, 10, 30}; exact score. Euler runs that are not kernels are skipped
// (counted).
TEST(Psocd25Kl, CorrectedBoundScan) {
  const TheoremCheck* c = registry().find("psocd25_kl_corrected");
  ASSERT_NE(c, nullptr);
  for (Scheme sc :
       {Scheme::kFrozenRate, Scheme::kTauLeaping, Scheme::kJumpEuler, Scheme::kContinuous}) {
    double worst = 0.0;
    int cases = 0, skipped = 0;
    for (int d = 1; d <= 4; ++d)
      for (double a : {0.2, 1.0, 5.0})
        for (double lam : {0.5, 1.0, 2.0})
          for (double T : {0.2, 1.0, 3.0})
            for (int N : {1, 3, 10, 30}) {
              if (sc == Scheme::kContinuous && N != 1) continue;
              const Problem p = make_hypercube_problem(
                  lam, law(hypercube_random(d, 100 * d + static_cast<int>(10 * a), a)), T, N, sc);
              Outcome out = solve(p);
              if (!out.ok()) {
                ++skipped;
                continue;
              }
              const BoundReport r = run_check(*c, p, out);
              ++cases;
              worst = std::max(worst, r.exact.value / r.total);
              EXPECT_EQ(r.verdict, Verdict::kHolds)
                  << to_string(sc) << " d " << d << " a " << a << " lambda " << lam << " T " << T
                  << " N " << N;
            }
    std::printf(
        "psocd25_kl_corrected %s: %d cases (%d euler runs not kernels), worst exact/bound %.4g\n",
        to_string(sc).c_str(), cases, skipped, worst);
  }
}

// E₁: KL(μ_T|γ_d) ≤ e^{−2λT} KL(μ₀|γ_d) on 1200 random laws (d ≤ 4, Dirichlet(0.1..5)), T from
// 1e-3 to 3: worst ratio printed.
TEST(Psocd25ForwardContraction, RandomLawScan) {
  const BitFlipChain chain(1.0);
  double worst = 0.0;
  for (int d = 1; d <= 4; ++d)
    for (double a : {0.1, 0.5, 1.0, 5.0})
      for (int seed = 0; seed < 75; ++seed) {
        const Vec mu0 = hypercube_random(d, 1000 * d + seed, a).probs();
        const double kl0 = kl_to_uniform(mu0);
        for (double T : {1e-3, 0.01, 0.1, 0.5, 1.0, 3.0}) {
          const double ratio = kl_to_uniform(chain.marginal(mu0, T)) / (std::exp(-2.0 * T) * kl0);
          worst = std::max(worst, ratio);
          EXPECT_LE(ratio, 1.0 + 1e-10) << d << " " << a << " " << seed << " " << T;
        }
      }
  std::printf("psocd25_forward_contraction: worst KL(mu_T)/(e^-2T KL(mu_0)) = %.6f\n", worst);
}

// E₂ for a multiplicative error has the closed form Tλd(δ − log(1 + δ)); the general route
// (the grid sum of E_μ Σ B(q, q̂)) must give the same.
TEST(Psocd25Kl, E2ClosedFormMatchesDefinition) {
  const BitFlipChain chain(0.7);
  const Vec mu0 = hypercube_ising(3, 0.5, 0.2).probs();
  const TimeGrid grid = TimeGrid::uniform(2.0, 8);
  const double delta = 0.4;
  double direct = 0.0;
  for (int k = 0; k < grid.steps(); ++k) {
    const Vec mu = chain.marginal(mu0, grid.tau(k));
    const Mat q = reverse_rates(mu, chain.rate());
    Mat qhat = q;
    perturb_rates(qhat, delta, 0.0, chain.rate());
    direct += grid.step(k) * rate_bregman(mu, q, qhat);
  }
  EXPECT_TRUE(near_rel(rate_error_path_kl(mu0, chain, delta, 0.0, grid, false), direct, 1e-13));
  EXPECT_TRUE(near_rel(direct, 2.0 * 0.7 * 3 * (delta - std::log1p(delta)), 1e-13));
}

// The continuous chain with a rate error: KL(μ₀‖μ̂) ≤ KL(μ_T‖γ) + E₂ (chain rule of KL on path
// space and data processing), E₂ the exact integral — a consequence the engine must respect.
TEST(Psocd25Kl, ContinuousDataProcessing) {
  for (double eps : {0.0, 0.5})
    for (double delta : {-0.3, 1.0}) {
      const auto data = law(hypercube_random(3, 31, 1.0));
      const Problem p = make_hypercube_problem(1.0, data, 1.5, 1, Scheme::kContinuous, delta, eps);
      Outcome out = solve(p);
      const double kl = out.metric(Metric::kKlDataModel).value;
      const double bound = kl_to_uniform(p.chain->marginal(data->probs(), 1.5)) +
                           rate_error_path_kl(data->probs(), *p.chain, delta, eps, p.grid, true);
      EXPECT_LE(kl, bound * (1 + 1e-9)) << delta << " " << eps;
      EXPECT_GT(kl, 0.0);
    }
}

}  // namespace
}  // namespace sb
