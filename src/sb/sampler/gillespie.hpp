// Monte Carlo simulation of the reverse samplers of the bit-flip chain on {0,1}^d (PSOCD25,
// seed 000, slides "CTMCs on Discrete Spaces: Generator and Sampling" and "Time reversal";
// theory-notes B.5, C6, D-11; theory/hypercube.md): n independent reverse chains from an initial
// law ν, returned as the empirical law of their final states with its standard errors. It is the
// independent cross-check of the exact laws of sampler/jump_chain.hpp: it never forms a law, it
// follows single paths.
//
// Reverse time s ∈ [0, T], forward time τ = T − s; from x the reverse chain jumps to φ^ℓ x (bit ℓ
// flipped) at rate q̂_τ(x, φ^ℓ x) = (1 + δ) λ μ_τ(φ^ℓ x)/μ_τ(x) + ελ (score/discrete_score.hpp).
//  * continuous: Gillespie's algorithm for a time-inhomogeneous chain (Gillespie 2007, Annu. Rev.
//    Phys. Chem. 58, 35; the seed's [Gil07]): with the exit rate
//        Λ_τ(x) = Σ_{y≠x} q̂_τ(x, y) = −q̂_τ(x, x)
//    (the seed prints Σ_y q_t(x, y), which includes the diagonal and is 0: theory-notes D-11),
//    the chain leaves x at the first reverse time where ∫ Λ du reaches an Exp(1) draw E, and
//    then moves to φ^ℓ x with probability q̂(x, φ^ℓ x)/Λ(x) evaluated at that time.
//    The integrated hazard is closed form: the forward equation ∂_τ μ_τ(x) = λ Σ_ℓ (μ_τ(φ^ℓ x) −
//    μ_τ(x)) gives λ Σ_ℓ μ_τ(φ^ℓ x)/μ_τ(x) = ∂_τ log μ_τ(x) + λd, so for τ_b < τ_a
//        H_x(τ_a, τ_b) = ∫_{τ_b}^{τ_a} Λ_τ(x) dτ
//                      = (1 + δ)[log μ_{τ_a}(x) − log μ_{τ_b}(x)] + (1 + δ + ε) λ d (τ_a − τ_b).
//    No quadrature: the clock equation H_x(τ_a, τ_b) = E is solved for v = log τ_b by Newton's
//    method inside a bisection bracket, to |H − E| <= 1e-13·max(1, E) or until the Newton step
//    in v is below 1e-15·max(1, |v|).
//    One state's marginal costs O(d): μ_τ(x) = stay^d Σ_k w_k(x) r^k, r = tanh(λτ) = move/stay,
//    with w_k(x) = μ₀({z : |z ⊕ x| = k}) the Hamming profile of μ₀ around x (tabulated once,
//    O(d²·2^d)); the leading power r^{k*(x)} (k* the distance from x to the support of μ₀) is
//    factored out, so states off the support keep full relative precision down to τ ~ 1e-300.
//    Cost: each Newton step is O(d²) arithmetic and three transcendental functions; measured at
//    d = 3 (Release): 4.1–4.5 steps per ring of the clock, 4.5–6 rings per chain (jumps + 1),
//    about 1.6 µs per chain with the exact score and 2.2 µs with δ = 0.3, ε = 0.2 (λ = T = 1).
//    Off the support (μ₀(x) = 0) log μ_τ(x) ~ k* log τ diverges, so the clock always rings
//    before τ = 0 and the final state lies in the support; on the support the chain stays when
//    E > H_x(τ_a, 0). Rate errors are allowed on data without full support (the exact engine
//    refuses that case; here only properties are checked). The grid is not used (only its
//    horizon T).
//  * frozen_rate: within step k the rates are those at τ_k, constant: a homogeneous Gillespie
//    simulation over the step's length h_k.
//  * euler: per step, stay with probability 1 − h·Λ(x), else move to φ^ℓ x with probability
//    h·q̂(x, φ^ℓ x); refused (InputError naming the step) when h·max_x Λ(x) > 1 + 1e-12, the rule
//    of the exact engine.
//  * tau_leaping: per step every bit flips independently, bit ℓ with probability
//    1 − exp(−h q̂(x, φ^ℓ x)) (rates of the step's starting state).
// The per-step rates of the discretised schemes are tabulated once (N·2^d·d doubles when that is
// at most 2^22, otherwise recomputed per block), exactly as run_jump_chain computes them.
//
// Reproducibility: chain i belongs to block i / kStreamBlock and draws from Rng(seed, block)
// (sb::map_stream_blocks); the blocks' counts are summed in block order, so the same seed gives
// the same bytes for every thread count.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sb/core/types.hpp"
#include "sb/data/hypercube_law.hpp"
#include "sb/process/bitflip_chain.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"

namespace sb {

/// The empirical law of n final states: probs(x) = #{i : X_i = x}/n and the binomial standard
/// error std_error(x) = sqrt(probs(x)(1 − probs(x))/n) (0 for a state never or always seen).
struct EmpiricalLaw {
  Vec probs;
  Vec std_error;
  long samples = 0;
  std::uint64_t seed = 0;
};

/// Simulates n >= 1 reverse chains of scheme s (continuous, frozen_rate, euler or tau_leaping)
/// with rates (1 + delta)·q̄ + eps·λ (delta > −1, eps >= 0, finite) on `grid` (continuous: its
/// horizon only), started from init (2^d entries >= 0 summing to 1 within 1e-9). threads: 0 for
/// std::thread::hardware_concurrency(); the result does not depend on it. Throws InputError
/// naming the parameter for bad input, and naming the step for an euler step that is not a
/// Markov kernel or a discretised step whose rate overflowed a double.
EmpiricalLaw simulate_jump_chain(const BitFlipChain& chain, const HypercubeLaw& data, Scheme s,
                                 double delta, double eps, const TimeGrid& grid, const Vec& init,
                                 long n, std::uint64_t seed, int threads = 0);

/// The integrated exit rate H_x(τ_a, τ_b) = ∫_{τ_b}^{τ_a} Σ_ℓ q̂_τ(x, φ^ℓ x) dτ of the continuous
/// reverse chain (0 <= τ_b <= τ_a, x < 2^d; +inf when τ_b = 0 and μ₀(x) = 0), by the closed form
/// above: the clock of the Gillespie simulation, exposed for tests (O(d²·2^d) per call: it builds
/// the Hamming profile). Throws InputError naming a bad argument.
double reverse_hazard(const BitFlipChain& chain, const HypercubeLaw& data, double delta, double eps,
                      std::size_t x, double tau_a, double tau_b);

}  // namespace sb
