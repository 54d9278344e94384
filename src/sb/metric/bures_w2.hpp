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
// Near-equal covariances: the cross term cancels against tr S₁ + tr S₂, leaving an absolute
// error of order ε·d·(tr S₁ + tr S₂) in W₂² (the commuting/spectral form has no such cancellation).
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
