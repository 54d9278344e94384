// Contraction of the CLD backward dynamics, exactly (seed 002, slides "Log-concavity is not
// enough for CLD", "Solution 1: Long-term regularity of the renormalized score"; theory-notes
// C11, D-21, D-22). The synchronous coupling Z = Y^x − Y^y of two exact-score reverse SDEs
// solves the linear ODE dZ/ds = J(T − s) Z with J(τ) = −A − D Cov_τ⁻¹ (process/cld.hpp,
// backward_drift_jacobian), which splits as J = L_r + D ∇²log p̃_τ with the renormalised linear
// part L_r = −A − DΣ∞⁻¹ (= Aᵀ for ε = 0, Hurwitz with the double eigenvalue −1 and a Jordan
// block).
//
// Weighted norms. For L = cI + N with N² = 0, N ≠ 0 (every CLD flow), write N = s u vᵀ with
// unit u ⊥ v (N² = 0 forces vᵀu = 0) and γ = −c − η > 0. In the basis (u, v), M = m uuᵀ + vvᵀ
// gives M^{1/2} N M^{−1/2} = s √m u vᵀ, a rank-one nilpotent matrix whose symmetric part has the
// eigenvalues ±s√m/2, so
//     ML + LᵀM = 2cM + (MN + NᵀM) ≼ (2c + s√m) M ≼ −2ηM   iff   s√m <= 2γ.
// The condition number of M is 1/m, so the best choice is m = min(1, (2γ/s)²):
//     κ(M_η) = max(1, s²/(4(−c − η)²))      (for Aᵀ: s = 2, c = −1, κ = 1/(1 − η)²),
// and no M does better: for any SPD M with eigenvalues μ₁ <= μ₂ and orthonormal u ⊥ v,
// (uᵀMu)(vᵀM⁻¹v) >= μ₁/μ₂, so ‖M^{1/2}NM^{−1/2}‖ <= 2γ needs μ₂/μ₁ >= s²/(4γ²) (derived here).
// Every rate η < −c is reachable, η = −c is not (the Jordan block), and
//     ‖e^{tL}‖₂ <= √κ(M_η) e^{−ηt},   exactly ‖e^{tAᵀ}‖₂ = e^{−t}(t + √(1 + t²)).
//
// The exact coupling. For the exact-score reverse SDE started at a point y at forward time T,
// the law at forward time τ is that of U_τ given U_T = y (the time reversal of a Markov
// process), whose mean is mean_τ + Cov(U_τ, U_T) Cov_T⁻¹ (y − mean_T) with
// Cov(U_τ, U_T) = Cov_τ e^{(T−τ)Aᵀ}. The difference of two such paths is therefore
//     Z(τ) = Ψ(T → τ) Z(T),   Ψ(T → τ) = Cov_τ e^{(T−τ)Aᵀ} Cov_T⁻¹      (derived here; the
// tests integrate dZ/ds = J Z numerically against it).
#pragma once

#include "sb/process/cld.hpp"

namespace sb {

/// A weighted norm ‖z‖_M = √(zᵀMz) in which a flow contracts at rate eta.
struct ContractionNorm {
  Mat2 M = Mat2::Identity();  // SPD, largest eigenvalue 1
  double eta = 0.0;           // ML + LᵀM ≼ −2ηM
  double kappa = 1.0;         // condition number of M: ‖z‖ <= √κ ‖z‖_M <= √κ ‖z‖
};

/// The weighted norm with the least condition number in which the flow e^{tL}, L = cI + N,
/// contracts at rate eta (header comment). Requires 0 <= eta < −c; throws InputError naming
/// "eta" otherwise.
ContractionNorm best_contraction_norm(const JordanFlow& L, double eta);

/// ‖M^{1/2} X M^{−1/2}‖₂: the operator norm of X in the norm ‖·‖_M (M SPD).
double weighted_operator_norm(const Mat2& X, const Mat2& M);

/// λ_max((X + Xᵀ)/2): the Euclidean growth rate d/dt ½log‖z‖² can reach under dz/dt = Xz.
double sym_max_eigenvalue(const Mat2& X);

/// ℓ(τ) = max_j ‖M^{1/2} D ∇²log p̃_τ M^{−1/2}‖₂ over the blocks with data variances `lambda`:
/// the rate at which the score's part of the backward drift can expand ‖·‖_M (seed 002's
/// σ²L̃_τ, made exact): d/ds ‖Z‖²_M <= 2(−η + ℓ(T − s))‖Z‖²_M for M = the norm of rate η.
double cld_score_part_norm(const CldProcess& p, const Vec& lambda, const Mat2& M, double tau);

/// ∫_a^b ℓ(τ) dτ (0 when b <= a) by adaptive Gauss–Kronrod, relative tolerance 1e-12.
double cld_score_part_integral(const CldProcess& p, const Vec& lambda, const Mat2& M, double a,
                               double b);

/// Ψ(T → τ) = Cov_τ e^{(T−τ)Aᵀ} Cov_T⁻¹: the synchronous-coupling factor of the exact-score
/// reverse SDE of the block with data variance lambda, from forward time T down to τ (0 <= τ
/// <= T).
Mat2 cld_coupling_flow(const CldProcess& p, double lambda, double T, double tau);

}  // namespace sb
