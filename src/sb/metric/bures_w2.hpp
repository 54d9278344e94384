// Wasserstein-2 distance between Gaussian laws, closed form of theory-notes B.4 (Bures):
//   W₂²(P, Q) = ‖Δ‖² + tr S₁ + tr S₂ − 2 tr (S₂^{1/2} S₁ S₂^{1/2})^{1/2},   Δ = m₁ − m₂,
// and for diagonal (or commuting, shared-basis) covariances
//   W₂²(P, Q) = ‖Δ‖² + Σ_j (√v₁_j − √v₂_j)²,
// with (√a − √b)² evaluated as (a − b)²/(√a + √b)² against cancellation (sb::num::sqrt_diff_sq).
//
// The dense cross term is evaluated without any matrix square root: with a pivoted LDLᵀ
// factorisation S₁ = Pᵀ B Bᵀ P (B = L·diag(√D)), the matrix Bᵀ (P S₂ Pᵀ) B is similar to S₁S₂ and
// so has the eigenvalues μ_i of S₂^{1/2} S₁ S₂^{1/2}; then tr(·)^{1/2} = Σ_i √μ_i needs a single
// symmetric eigenvalues-only solve (about half the cost of an eigendecomposition for S₂^{1/2}
// followed by an eigenvalue solve). Eigenvalues below 0 by round-off are clamped to 0, as is W₂².
// Equal covariances give W₂² = ‖Δ‖² exactly.
//
// Covariances need only be positive semidefinite: point masses and degenerate laws are allowed.
//
// Near-equal covariances. The cross term cancels against tr S₁ + tr S₂, leaving an absolute
// error of order ε·d·(tr S₁ + tr S₂): for S₂ = S₁ + E with E small the difference returns
// round-off, often exactly 0, instead of W₂² − ‖Δ‖² ≈ ½ Σ_ij Ẽ_ij²/(λ_i + λ_j) (Ẽ = E in the
// eigenbasis of S₁; the Bures–Wasserstein Riemannian metric, e.g. Malagò, Montrucchio & Pistone
// 2018, Information Geometry 1, 137–179, via the Lyapunov equation S X + X S = E; Bhatia, Jain
// & Lim 2019, Expo. Math. 37, 165–191). Where that error could exceed 1e-10 of W₂², the Bures
// term is recomputed as a sum of squares in E. With S₁ = B Bᵀ, N = BᵀB, M = Bᵀ S₂ B, R = M^{1/2}:
//   tr S₁ = tr N,  tr S₂ = tr(M N⁻¹),  tr(S₁^{1/2} S₂ S₁^{1/2})^{1/2} = tr R,  hence
//   tr S₁ + tr S₂ − 2 tr R = ‖(R − N) N^{−1/2}‖_F²    (expand the square; tr is cyclic),
// and D = R − N = M^{1/2} − (N²)^{1/2} solves the Sylvester equation R D + D N = M − N² = Bᵀ E B
// (R(R − N) + (R − N)N = R² − N²). Take B = U Λ^{1/2} from S₁ = U Λ Uᵀ: then N = Λ, Bᵀ E B =
// Λ^{1/2} Ẽ Λ^{1/2}, and with M = V diag(μ) Vᵀ the equation is diagonal in (V, U):
// (VᵀD)_ij = (Vᵀ Λ^{1/2} Ẽ Λ^{1/2})_ij / (√μ_i + λ_j). So
//   tr S₁ + tr S₂ − 2 tr R = Σ_ij H_ij² / (√μ_i + λ_j)²,   H = Vᵀ Λ^{1/2} Ẽ,
// a sum of non-negative terms as accurate as E = S₂ − S₁ (exact entry by entry where the entries
// agree to a factor 2); in 1-D it is (s₂ − s₁)²/(√s₂ + √s₁)². At first order (μ ≈ λ², V ≈ I) it
// is the metric above. It needs S₁ definite (else S₂ is the base; if neither is, the difference
// form is kept) and costs two eigendecompositions with vectors.
#pragma once

#include "sb/core/types.hpp"
#include "sb/law/gaussian.hpp"

namespace sb {

/// Symmetric square root of a symmetric positive semidefinite matrix, from its eigenvalue
/// decomposition. Eigenvalues in [−1e-12·d·max|λ|, 0) are round-off and are set to 0, so the
/// result is never NaN for a PSD input. Throws InputError unless S is square, non-empty, finite,
/// symmetric (relative 1e-12) and has no eigenvalue below that round-off allowance.
Mat psd_sqrt(const Mat& S);

/// W₂²(P, Q) for dense laws (Bures formula), clamped at >= 0. Throws InputError on a dimension
/// mismatch, non-finite entries, or a covariance that is not symmetric positive semidefinite.
double w2_squared(const Gaussian& P, const Gaussian& Q);
/// W₂(P, Q) = √W₂².
double w2(const Gaussian& P, const Gaussian& Q);

/// W₂² between N(m1, diag v1) and N(m2, diag v2); every variance must be finite and >= 0.
double w2_squared_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2);
double w2_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2);

/// W₂² for spectral laws: the diagonal formula when P and Q share their basis (same pointer
/// or equal matrices), the dense formula otherwise.
double w2_squared(const SpectralGaussian& P, const SpectralGaussian& Q);
double w2(const SpectralGaussian& P, const SpectralGaussian& Q);

}  // namespace sb
