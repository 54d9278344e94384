// Discrete scores and reverse rates of the bit-flip chain on {0,1}^d (PSOCD25, seed 000,
// "Discrete state space" and "Time reversal" slides; theory/engines/hypercube.md).
//
// With μ_τ the forward marginal at forward time τ = T − t, the time reversal of the chain jumps
// from x to φ^ℓ x (bit ℓ flipped) at rate
//     q̄(x, φ^ℓ x) = λ μ_τ(φ^ℓ x)/μ_τ(x) = λ (1 − s^(ℓ)(x)),   s^(ℓ)(x) = 1 − μ_τ(φ^ℓ x)/μ_τ(x),
// the discrete score s. A score model with an error is given, like the continuous one, by a
// multiplicative error δ > −1 and an additive error ε >= 0 — here on the rates, in units of λ:
//     q̂ = (1 + δ) q̄ + ε λ     (ŝ = 1 − (1 + δ)(1 − s) − ε),
// which keeps every rate >= 0 (a negative rate is no chain).
//
// Rates and scores are 2^d × d matrices: row x (a state, coordinate ℓ = bit ℓ − 1 of x), column ℓ.
#pragma once

#include "sb/core/types.hpp"
#include "sb/process/bitflip_chain.hpp"

namespace sb {

/// s^(ℓ)(x) = 1 − μ(φ^ℓ x)/μ(x) for a law μ > 0 everywhere (μ_τ with τ > 0 is).
Mat discrete_score(const Vec& mu);
/// q̄(x, φ^ℓ x) = λ μ(φ^ℓ x)/μ(x).
Mat reverse_rates(const Vec& mu, double rate);
/// q ← (1 + δ) q + ε λ in place (δ > −1, ε >= 0: the caller validates).
void perturb_rates(Mat& rates, double delta, double eps, double rate);
/// The exit rates Σ_ℓ q(x, φ^ℓ x) (the Gillespie clock's rate; seed 000 prints Σ_y q(x, y), which
/// includes the diagonal and is 0: theory/engines/hypercube.md, D-11).
Vec exit_rates(const Mat& rates);
/// (νQ)(y) = Σ_ℓ ν(φ^ℓ y) q(φ^ℓ y, y) − ν(y) Σ_ℓ q(y, φ^ℓ y): the derivative of a law ν under
/// the generator Q with the given jump rates (O(d·2^d)).
Vec apply_rates(const Vec& nu, const Mat& rates);

/// E_μ Σ_ℓ [q log(q/q̂) − q + q̂](x, φ^ℓ x): the rate of the path-space KL between two chains
/// with rates q and q̂ from law μ (the Bregman divergence of x log x; terms with q = 0 give q̂).
double rate_bregman(const Vec& mu, const Mat& q, const Mat& qhat);

/// The conditional-expectation representation of the score (PSOCD25; seed 000 slide "Score
/// function"): with α = e^{−2λτ} and I_ℓ = 1{X₀^(ℓ) = X_τ^(ℓ)},
///   printed:   s^(ℓ)(x) = E[(2α I_ℓ − (1 + α))/(1 − α²) | X_τ = x]          (wrong: D-9)
///   corrected: s^(ℓ)(x) = E[2α(2 I_ℓ − (1 + α))/(1 − α²) | X_τ = x]
/// evaluated exactly: E[I_ℓ | X_τ = x] = Σ_z μ₀(z)P_τ(z, x)1{z_ℓ = x_ℓ}/μ_τ(x), the kernel on
/// coordinate ℓ restricted to its diagonal. 2^d × d; τ > 0.
enum class ScoreFormula { kPrinted, kCorrected };
Mat score_by_conditional_expectation(const Vec& mu0, const BitFlipChain& chain, double tau,
                                     ScoreFormula formula);

}  // namespace sb
