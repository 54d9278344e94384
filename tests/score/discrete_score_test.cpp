// Discrete scores and rates (src/sb/score/discrete_score.hpp; PSOCD25, seed 000): the corrected
// conditional-expectation representation equals the score to rounding on random laws, d ≤ 6, at
// small and large τ; the printed one does not (D-9; V14 is in tests/theorems/psocd25_test.cpp);
// the rates are λ(1 − s); apply_rates against the dense generator; exit rates; the Bregman
// rate vanishes iff q̂ = q; the time-reversal identity μ_τ(x) q̄(x, y) = μ_τ(y) λ.
#include "sb/score/discrete_score.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/data/hypercube_law.hpp"

namespace sb {
namespace {

TEST(DiscreteScore, CorrectedRepresentationEqualsScore) {
  for (int d = 1; d <= 6; ++d)
    for (double tau : {1e-3, 0.1, 1.0, 5.0}) {
      const BitFlipChain chain(0.9);
      const Vec mu0 = hypercube_random(d, 7 * d, 0.4).probs();
      const Mat s = discrete_score(chain.marginal(mu0, tau));
      const Mat c = score_by_conditional_expectation(mu0, chain, tau, ScoreFormula::kCorrected);
      // 1/(1 − α²) ≈ 1/(4λτ) amplifies rounding at small τ.
      EXPECT_LT((c - s).cwiseAbs().maxCoeff(),
                1e-13 * (1 + 1 / tau) * (1 + s.cwiseAbs().maxCoeff()))
          << d << " " << tau;
      const Mat p = score_by_conditional_expectation(mu0, chain, tau, ScoreFormula::kPrinted);
      EXPECT_GT((p - s).cwiseAbs().maxCoeff(), 0.1) << d << " " << tau;
    }
}

TEST(DiscreteScore, RatesReversalAndGenerator) {
  const BitFlipChain chain(1.3);
  const Vec mu = chain.marginal(hypercube_ising(3, 0.7, 0.4).probs(), 0.6);
  const Mat q = reverse_rates(mu, 1.3), s = discrete_score(mu);
  EXPECT_LT((q - 1.3 * (1.0 - s.array()).matrix()).cwiseAbs().maxCoeff(), 1e-15);
  for (Eigen::Index x = 0; x < 8; ++x)
    for (int l = 0; l < 3; ++l)
      EXPECT_NEAR(mu(x) * q(x, l), 1.3 * mu(static_cast<Eigen::Index>(flip_bit(x, l))), 1e-16);
  // apply_rates against the dense generator.
  Mat Q = Mat::Zero(8, 8);
  for (Eigen::Index x = 0; x < 8; ++x)
    for (int l = 0; l < 3; ++l) {
      Q(x, static_cast<Eigen::Index>(flip_bit(x, l))) += q(x, l);
      Q(x, x) -= q(x, l);
    }
  const Vec nu = hypercube_random(3, 2).probs();
  EXPECT_LT((apply_rates(nu, q) - (nu.transpose() * Q).transpose()).cwiseAbs().maxCoeff(), 1e-15);
  EXPECT_LT((exit_rates(q) + Q.diagonal()).cwiseAbs().maxCoeff(), 1e-15);
  // The reverse chain from μ_τ: μ_τ Q̄ = −∂_τ μ_τ (it runs the forward marginals backwards).
  EXPECT_LT((apply_rates(mu, q) + chain.generator_action(mu)).cwiseAbs().maxCoeff(), 1e-15);
}

TEST(DiscreteScore, BregmanRate) {
  const Vec mu = hypercube_random(2, 9).probs();
  const Mat q = reverse_rates(mu, 1.0);
  EXPECT_EQ(rate_bregman(mu, q, q), 0.0);
  Mat qh = q;
  perturb_rates(qh, 0.5, 0.0, 1.0);
  // E_μ Σ q = λ d for every law, so the multiplicative error gives λd(δ − log(1 + δ)).
  EXPECT_NEAR(rate_bregman(mu, q, qh), 2 * (0.5 - std::log1p(0.5)), 1e-14);
  perturb_rates(qh, 0.0, 0.2, 1.0);
  EXPECT_GT(rate_bregman(mu, q, qh), 2 * (0.5 - std::log1p(0.5)));
}

}  // namespace
}  // namespace sb
