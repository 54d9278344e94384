// Lyapunov drift of the backward chain for V(x) = 1 + ‖x‖² (SCCLO26: Strasman, Cardoso, Le
// Corff, Lemaire, Ocello, "On Forgetting and Stability of Score-based Generative models",
// arXiv:2601.21868, 2026; seed 000, slide "Stability II: Lyapunov Propagation"; theory-notes C9,
// D-28).
//
// The claim: there is V with E[V(X_{k+1}) | X_k = x] ≤ (1 − α)V(x) + b, α > 0, for the backward
// chain X_{k+1} ~ P_k(X_k, ·). No constants are given. For the em, ei and eir chains one step is
// Gaussian given X_k = x for ANY score (grid_propagation.hpp, scheme.hpp):
//     X_{k+1} | X_k = x ~ N(A_k(x), ω_k I),   A_k(x) = α x + ζ μ + γ ŝ(τ_k, x),
// so for V(x) = 1 + ‖x‖² the drift is exact:
//     E[V(X_{k+1}) | X_k = x] = 1 + ‖A_k(x)‖² + d ω_k.                                      (1)
//
// Best constants per step. Write A_k(x) = A x + c(x) with c bounded (affine score: c constant;
// equal-isotropic Gaussian mixture, ŝ = (1 + δ)(μ̄_τ(x) − x)/v_τ + εe: A = (α − γ(1 + δ)/v_τ) I and
// c(x) = ζμ + γεe + γ(1 + δ)μ̄_τ(x)/v_τ, μ̄_τ(x) in the convex hull of the transported means).
//  * ρ_k = limsup_{‖x‖→∞} ‖A_k(x)‖²/‖x‖² = ‖A‖² (largest squared eigen-factor). Since (1)
//    divided by V(x) tends to ρ_k along the top eigen-direction, no b < ∞ works with
//    1 − α_k < ρ_k: ρ_k < 1 is necessary and sufficient for a per-step α_k > 0.
//  * For a factor λ_k = 1 − α_k > ρ_k (i.e. λ_k = (1 + η)ρ_k, η > 0), the smallest b_k is
//        b_k = 1 − λ_k + d ω_k + sup_x [‖A x + c(x)‖² − λ_k ‖x‖²].
//    Affine: the sup is a concave quadratic, maximised at x* = (λI − AᵀA)⁻¹Aᵀc:
//        sup = ‖c‖² + (Aᵀc)ᵀ(λI − AᵀA)⁻¹(Aᵀc)   (closed form; = Σ_j c_j² λ/(λ − a_j²) for
//        symmetric A with eigen-factors a_j, c_j in its eigenbasis).
//    Mixture: the sup is maximised numerically (grid over the ball outside which the quadratic
//    upper bound falls below the value at 0, then golden-section / coordinate refinement); this
//    is a lower estimate of the sup. A rigorous upper bound comes from ‖Ax + c‖² ≤
//    (1 + η)‖A‖²‖x‖² + (1 + 1/η)‖c‖²:
//        b_k ≤ 1 − λ_k + d ω_k + (1 + 1/η) sup_x‖c(x)‖²                (theory-notes C9's b_k)
//    with sup‖c‖ = max over the K vertices (a convex function on the convex hull of the means).
//  * Uniform constants: α = min_k α_k, b = max_k b_k (valid because α ≤ α_k); they exist with
//    α > 0 iff sup_k ρ_k < 1.
// The factor used at each step is λ_k = ρ_k + (1 − θ)(1 − ρ_k) (α_k = θ(1 − ρ_k)) when ρ_k < 1,
// θ = DriftOptions::alpha_share, and λ_k = (1 + expand_eta)ρ_k (α_k < 0: the step expands, a drift
// inequality holds only with growth) otherwise.
#pragma once

#include <string>
#include <vector>

#include "sb/core/types.hpp"
#include "sb/data/target.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

/// A_k(x) = α x + ζ μ + γ ŝ(τ_k, x), the mean of X_{k+1} given X_k = x (scheme em, ei or eir).
Vec drift_step_mean(const LinearProcess& p, const ScoreField& score, Scheme s, const TimeGrid& grid,
                    int k, const Vec& x);

/// E[V(X_{k+1}) | X_k = x] = 1 + ‖A_k(x)‖² + d ω_k for V(x) = 1 + ‖x‖², exact (equation (1)).
double lyapunov_drift(const LinearProcess& p, const ScoreField& score, Scheme s,
                      const TimeGrid& grid, int k, const Vec& x);

struct DriftOptions {
  /// θ in (0, 1]: at a contracting step α_k = θ(1 − ρ_k) (θ = ½: 1 − α_k halfway between ρ_k
  /// and 1).
  double alpha_share = 0.5;
  /// η at an expanding step (ρ_k ≥ 1): 1 − α_k = (1 + η)ρ_k.
  double expand_eta = 0.1;
  /// Mixture sup in 1-D: grid nodes (2-D uses 201 × 201 nodes and coordinate refinement).
  int grid_points = 4001;
};

struct DriftStep {
  int k = 0;
  double tau_from = 0.0, tau_to = 0.0;
  StepCoefficients coeff;
  double slope = 0.0;   // the eigen-factor of A of largest magnitude (signed)
  double rho = 0.0;     // ρ_k = slope²
  double lambda = 0.0;  // 1 − α_k
  double alpha = 0.0;   // α_k
  double eta = 0.0;     // λ_k/ρ_k − 1 (+inf when ρ_k = 0)
  double sup_c = 0.0;  // sup_x ‖c(x)‖ (exact: ‖c‖ for affine, max over vertices for mixtures)
  double b = 0.0;      // smallest b_k for λ_k (closed form, or numerical sup for mixtures)
  double b_c9 = 0.0;  // 1 − λ_k + d ω_k + (1 + 1/η) sup‖c‖²: theory-notes C9, rigorous
  double argmax_norm = 0;  // ‖x*‖ where the sup defining b_k is attained
};

struct DriftProfile {
  std::vector<DriftStep> steps;
  double rho_max = 0.0;  // sup_k ρ_k
  int k_rho_max = 0;
  double alpha = 0.0;    // min_k α_k
  double b = 0.0;        // max_k b_k
  double b_c9 = 0.0;     // max_k of the C9 upper bound
  bool uniform = false;  // α > 0 (⇔ ρ_max < 1)
  bool exact_b = true;   // false when b_k came from a numerical maximisation (mixtures)
  std::string method;    // how ρ_k and b_k were obtained
};

/// The per-step constants of the em, ei or eir chain run with `score` on `grid`. The score must
/// be affine (as_affine(): Gaussian data, any d), or a perturbation (1 + δ)∇log p_τ + εe of the
/// score of `target` when `target` is an equal-isotropic Gaussian mixture of dimension 1 or 2.
/// Throws InputError otherwise ("score"), for the continuous scheme ("sampler") and for bad
/// options ("alpha_share" in (0, 1], "expand_eta" > 0, "grid_points" >= 101).
DriftProfile lyapunov_profile(const LinearProcess& p, const ScoreField& score, Scheme s,
                              const TimeGrid& grid, const Target& target,
                              const DriftOptions& opt = {});

}  // namespace sb
