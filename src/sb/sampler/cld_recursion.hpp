// The exact law of the CLD reverse samplers for Gaussian data (seed 002, slides "Log-concavity
// is not enough for CLD", "Solution 1", "Final W2 upper bound"; theory-notes A.1 "CLD", B.2 "CLD
// (per 2×2 block)", C11). Data N(m, Σ₀) in ℝ^d with Σ₀ = U diag(λ) Uᵀ; velocity N(0, v I).
// Rotating positions and velocities by the same U splits the phase space into d independent
// (x_j, v_j) blocks (the process acts identically on every coordinate), so every law below is a
// product of 2×2 Gaussians and every step costs O(d). No Monte Carlo is involved.
//
// Reverse SDE (reverse time s, forward time τ = T − s; Haussmann–Pardoux / Anderson):
//     dY = (−A Y + D ∇log p_τ(Y)) ds + Σ dB̄,   Y₀ ~ N(0, Σ∞) (reference) or p_T,
// (seed 002 writes Σ² for D = ΣΣᵀ). With a score model ŝ(τ, y) = −P y + q, affine per block,
//     P = (1 + δ) Cov_τ⁻¹,   q = P mean_τ + ε e_j   (theory-notes B.1; e_j = the block's two
// components of the unit phase-space direction e), every scheme is the affine map
//     Y_{k+1} = A_k Y_k + c_k + Q_k^{1/2} Z_k,  M_{k+1} = A_k M_k + c_k,  C_{k+1} = A_k C_k A_kᵀ +
//     Q_k.
// With h = τ_k − τ_{k+1}:
//   EM (Euler–Maruyama on the whole drift; seed 002's algorithm, theory-notes B.2):
//       A_k = I − hA − hDP,  c_k = hDq,  Q_k = hD  (singular for ε = 0; C stays PD from a PD
//       start).
//   EI (exponential integrator, plain score frozen at τ_k; the linear part −AY ds + Σ dB̄ exact):
//       A_k = e^{−hA} − J_h D P,  c_k = J_h D q,  Q_k = ∫₀ʰ e^{−uA} D e^{−uAᵀ} du,
//       J_h = ∫₀ʰ e^{−uA} du,  e^{−uA} = eᵘ(I − uN)  (closed forms, process/cld.hpp; Q_k also
//       equals e^{−hA} Σ_h e^{−hAᵀ}, and Van Loan's block exponential, both checked in the tests).
//   Split (Strang splitting, one score evaluation per step): half a step of the exact flow of
//       the linear part (−AY ds + Σ dB̄), an Euler step of the score part dY = D ŝ ds with the score
//       at the forward midpoint τ_k − h/2, half a step of the linear flow:
//       A_k = E S E,  c_k = E h D q,  Q_k = E S Q_{h/2} Sᵀ Eᵀ + Q_{h/2},
//       E = e^{−(h/2)A},  S = I − hDP  (P, q at the midpoint).
//       The Euler score sub-step makes it a first-order scheme in general (its local error
//       −½h²(DP)² does not cancel); the tests measure the order.
// Renormalised variants (theory-notes A.1 "Renormalised", C11 "Solution 1"): the drift is
// rewritten −AY + D∇log p = L_r Y + D∇log p̃ with p̃ = p/π∞ and L_r = −A − DΣ∞⁻¹ = Σ∞AᵀΣ∞⁻¹
// (= Aᵀ for ε = 0), and the frozen object is the estimate of ∇log p̃, s̃ = ŝ + Σ∞⁻¹y:
// P → P − Σ∞⁻¹, q unchanged, and the linear flow is that of L_r (which leaves π∞ invariant).
//   EIR = EI renormalised (the CLD analogue of the OU "EIR" of theory-notes B.2: exact when the
//         score is exact and π_data ⊗ N(0, vI) = π∞);
//   split renormalised = Strang with the π∞-preserving linear part and an Euler step on D s̃ (the
//         structure of Dockhorn et al. 2022's "symmetric splitting CLD sampler", SSCS).
//   EM and the continuous-time SDE are unchanged by the rewriting (same drift), so the
//   renormalised flag is refused for them.
// Continuous time (theory-notes A.0, Appendix A1 with Cov(U₀, U_T) = C₀e^{TAᵀ}): for δ = 0 the
// exact reverse kernel R = C₀ e^{TAᵀ} Cov_T⁻¹ gives from Y₀ ~ N(a, V)
//     mean = (m₀, 0) + R(a − mean_T) + ε ∫₀ᵀ Φ(τ) D e_j dτ,   cov = C₀ + R(V − Cov_T)Rᵀ,
// Φ(τ) = C₀ e^{τAᵀ} Cov_τ⁻¹ (the reverse mean map from forward time τ to 0; theory-notes B.3's
// additive shift), by adaptive Gauss–Kronrod; for δ ≠ 0 the mean/covariance ODEs are
// integrated by Dormand–Prince 5(4) at relative tolerance 1e-12.
#pragma once

#include <string>
#include <string_view>

#include "sb/data/gaussian_data.hpp"
#include "sb/law/gaussian.hpp"
#include "sb/law/phase_space_gaussian.hpp"
#include "sb/process/cld.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/score_error.hpp"

namespace sb {

/// The discretisation (or none) of the reverse SDE.
enum class CldScheme { kEulerMaruyama, kExponentialIntegrator, kSplitting, kContinuous };

struct CldSampler {
  CldScheme scheme = CldScheme::kEulerMaruyama;
  /// Freeze the renormalised score ŝ + Σ∞⁻¹y and integrate L_r = −A − DΣ∞⁻¹ exactly (ei, split).
  bool renormalised = false;
};

/// "em", "ei", "eir" (ei renormalised), "split", "split_renormalised", "continuous".
std::string to_string(CldSampler s);
/// The inverse of to_string; throws InputError naming `key` for another name.
CldSampler cld_sampler_from_string(std::string_view name, std::string_view key = "sampler");
/// The CLD sampler a Problem's scheme denotes: em, ei, eir (ei renormalised), split,
/// split_renormalised, continuous. Throws InputError naming "sampler" for another scheme.
CldSampler cld_sampler_of(Scheme s);
/// Throws InputError (naming "sampler") for renormalised em or continuous (the same drift: use
/// em / continuous).
void check_cld_sampler(CldSampler s);

/// π_data ⊗ N(0, v I): the target of the phase-space sampler (p_0).
PhaseSpaceGaussian cld_target_law(const CldProcess& p, const GaussianData& data);
/// p_t, the forward marginal at time t >= 0.
PhaseSpaceGaussian cld_marginal(const CldProcess& p, const GaussianData& data, double t);
/// The law of Y₀: N(0, Σ∞) in every block (kReference) or p_T (kPT).
PhaseSpaceGaussian cld_initial_law(Init init, const CldProcess& p, const GaussianData& data,
                                   double T);

/// The unit phase-space direction e of the additive score error, rotated into the basis:
/// column 0 the position components Uᵀe_x, column 1 the velocity components Uᵀe_v (d × 2).
/// err.direction has length 2d, ordered (positions, velocities); empty means the first velocity
/// coordinate (with ε = 0 a position error never enters the drift). Throws InputError (naming
/// score_error.*) as sb::validated_direction, and for field "random" (not affine).
Mat cld_error_direction(const ScoreError& err, const GaussianData& data);

/// One step as an affine map of a block: Y' = A Y + c + Q^{1/2} Z.
struct CldStep {
  Mat2 A;
  Vec2 c;
  Mat2 Q;
};

/// The step from forward time tau_from down to tau_to of the block with data mean m0 and
/// variance λ; e_block is the block's row of cld_error_direction (the unit direction's two
/// components), err.delta and err.eps are applied here. Throws InputError for kContinuous, a
/// refused sampler (check_cld_sampler), a bad δ or ε, or tau_from <= tau_to.
CldStep cld_step(const CldProcess& p, CldSampler s, double tau_from, double tau_to, double m0,
                 double lambda, const ScoreError& err, const Vec2& e_block);

struct CldResult {
  RunStatus status = RunStatus::kOk;
  int diverged_at_step = -1;  // first step after which the law left the finite range; −1 if ok
  std::string message;
  PhaseSpaceGaussian law;  // the output law (meaningful when ok())
  bool ok() const { return status == RunStatus::kOk; }
};

/// The exact law of the sampler's output, O(d) per step. `init` must share data.basis() (use
/// cld_initial_law). Throws InputError for a bad score error, a refused sampler
/// (check_cld_sampler), or an init of the wrong dimension.
CldResult run_cld(const CldProcess& p, const GaussianData& data, const ScoreError& err,
                  CldSampler s, const TimeGrid& grid, const PhaseSpaceGaussian& init);

/// The continuous-time law by integrating the mean/covariance ODEs (Dormand–Prince 5(4),
/// rtol 1e-12), whatever δ: what run_cld uses for δ ≠ 0, and a cross-check of the closed form.
CldResult run_cld_continuous_ode(const CldProcess& p, const GaussianData& data,
                                 const ScoreError& err, double T, const PhaseSpaceGaussian& init);

/// E_{U~p_τ}‖ŝ(τ, U) − ∇log p_τ(U)‖² = ε² + δ² Σ_j tr Cov_τ(λ_j)⁻¹ (theory-notes B.1), or with
/// drift_weighted the error as it enters the reverse drift, E‖Σ(ŝ − ∇log p_τ)‖² =
/// ε² eᵀ(I_d ⊗ D)e + δ² Σ_j tr(D Cov_τ(λ_j)⁻¹) (for ε = 0 only the velocity part counts).
double cld_score_error_sq(const CldProcess& p, const GaussianData& data, const ScoreError& err,
                          double tau, bool drift_weighted = false);

// ---- Distances (theory-notes B.4, block by block) ---------------------------------------------
// The laws must share their basis (same pointer or equal matrices) and dimension; InputError
// otherwise.

}  // namespace sb
