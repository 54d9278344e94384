// The exact law of the reverse samplers of the bit-flip chain on {0,1}^d (PSOCD25, seed 000;
// theory/engines/hypercube.md). Everything is a probability vector of 2^d entries; no Monte Carlo
// (the Gillespie simulation of sampler/gillespie.hpp is the independent cross-check).
//
// On the uniform reverse grid s_k = Σ_{j<k} h_j, forward time τ_k = T − s_k, step k runs with the
// reverse rates q̂_k = (1 + δ) q̄_{τ_k} + ελ of score/discrete_score.hpp evaluated at the step's
// start (τ_k; τ_N = 0 is never used, so every rate is finite):
//  * frozen_rate (PSOCD25's discretisation, theory/engines/hypercube.md): ν ← ν exp(h_k Q̂_k), the
//  exact
//    matrix exponential of the frozen generator applied to ν by uniformisation (Jensen 1953;
//    ν exp(hQ) = Σ_n Poisson(n; hΛ) ν(I + Q/Λ)^n, Λ >= every exit rate, all terms >= 0, the
//    step cut into pieces with hΛ <= 30 and the series cut where its tail is below 1e-17);
//  * euler: ν ← ν(I + h_k Q̂_k), a kernel only when h_k·max_x Σ_ℓ q̂_k(x, φ^ℓ x) <= 1: a step
//    that is not a kernel is reported (the run stops, ok() is false), never applied;
//  * tau_leaping (Gillespie 2001, J. Chem. Phys. 115, 1716; Campbell et al. 2022, NeurIPS, §4):
//    from x every bit flips independently, bit ℓ with probability 1 − e^{−h_k q̂_k(x, φ^ℓ x)}
//    (its Poisson number of jumps in the step is >= 1). Its law is exact through the product
//    kernel, O(4^d) per step: d <= kMaxTauLeapingDim = 12;
//  * continuous: the exact continuous-time reverse chain. With the exact score its law from ν
//    is the Bayes kernel μ̂(y) = μ₀(y) Σ_x P_T(y, x) ν(x)/μ_T(x) (closed form, O(d·2^d)); with a
//    rate error it solves dν/ds = ν Q̂(s) by the exponential midpoint rule with step doubling and
//    Richardson extrapolation, from 16 pieces doubling until the estimated error is below
//    1e-11 or kMaxMidpointSteps pieces are reached (the error estimate travels with the law and
//    into the metrics' bias bound), which needs data with full support (rates bounded up to
//    τ = 0).
#pragma once

#include <string>

#include "sb/data/hypercube_law.hpp"
#include "sb/process/bitflip_chain.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"

namespace sb {

inline constexpr int kMaxTauLeapingDim = 12;
inline constexpr long kMaxMidpointSteps = 4096;

struct JumpChainRun {
  bool ok = true;
  std::string message;  // why the run stopped (an Euler step that is not a kernel)
  int failed_step = -1;  // the step k at which it stopped (−1 when ok)
  Vec law;              // the output law (2^d entries), when ok
  int bits = 0;
  /// max_k h_k·max_x Σ_ℓ q̂_k(x, φ^ℓ x): the Euler validity number (<= 1 for a kernel).
  double max_step_exit = 0.0;
  /// Continuous with a rate error: the estimated max-norm error of `law` (0 otherwise).
  double error_estimate = 0.0;
};

/// ν exp(h Q) for the generator with constant jump rates `rates` (2^d × d), by uniformisation.
Vec exp_rates_action(const Vec& nu, const Mat& rates, double h);
/// One τ-leaping step: ν ↦ ν K with K(x, x ⊕ m) = Π_ℓ (m_ℓ ? f_ℓ(x) : 1 − f_ℓ(x)),
/// f_ℓ(x) = 1 − e^{−h q(x, φ^ℓ x)}.
Vec tau_leaping_step(const Vec& nu, const Mat& rates, double h);
/// The law at reverse time T of the exact-score continuous reverse chain started from ν.
Vec exact_reverse_law(const Vec& mu0, const BitFlipChain& chain, double T, const Vec& nu);

/// The law of the initial state: the uniform γ_d (Init::kReference) or μ_T (Init::kPT).
Vec hypercube_initial_law(Init init, const BitFlipChain& chain, const HypercubeLaw& data, double T);

/// PSOCD25's E₂ in its exact form: the path-space KL that the rate error adds,
///   Σ_k h_k E_{μ_{τ_k}} Σ_ℓ B(q̄, q̂)   on the grid's forward times τ_k (discretised samplers), or
///   ∫₀ᵀ E_{μ_τ} Σ_ℓ B(q̄_τ, q̂_τ) dτ      (continuous, adaptive Gauss–Kronrod),
/// B(q, q̂) = q log(q/q̂) − q + q̂. For a purely multiplicative error it is T λ d (δ − log(1 + δ))
/// exactly (E_{μ_τ} q̄(·, φ^ℓ ·) = λ for every τ and ℓ), which the function returns directly.
double rate_error_path_kl(const Vec& mu0, const BitFlipChain& chain, double delta, double eps,
                          const TimeGrid& grid, bool continuous);

/// Runs scheme s (frozen_rate, euler, tau_leaping or continuous) with rates
/// (1 + delta)·q̄ + eps·λ on `grid` from `init`. Throws InputError for another scheme, for
/// tau_leaping with d > kMaxTauLeapingDim, and for continuous with a rate error on data without
/// full support.
JumpChainRun run_jump_chain(const BitFlipChain& chain, const HypercubeLaw& data, Scheme s,
                            double delta, double eps, const TimeGrid& grid, const Vec& init);

}  // namespace sb
