// Bhattacharyya coefficient BC(P, Q) = ∫√(pq) and squared Hellinger distance H² = 1 − BC
// between Gaussian laws, closed form of theory-notes B.4:
//   log BC = ¼ log det S₁ + ¼ log det S₂ − ½ log det S̄ − ⅛ Δᵀ S̄⁻¹ Δ,   S̄ = (S₁ + S₂)/2,
// and H² = −expm1(log BC), accurate when BC ≈ 1. BC multiplies over independent directions, so
// for diagonal (or commuting, shared-basis) covariances
//   log BC = Σ_j [ −½ log(1 + (√v₁_j − √v₂_j)² / (2√(v₁_j v₂_j))) − Δ_j² / (4(v₁_j + v₂_j)) ],
// where the first term is the log-determinant part written without cancellation.
//
// The dense log-determinants come from Cholesky diagonals, paired index by index
// (½ Σ_i [log(L₁_ii / L̄_ii) + log(L₂_ii / L̄_ii)]) so that no large log-determinants cancel.
#pragma once

#include "sb/core/types.hpp"
#include "sb/law/gaussian.hpp"

namespace sb {

/// log BC(P, Q) <= 0. Throws InputError on a dimension mismatch, non-finite entries, or a
/// covariance that is not symmetric positive definite.
double log_bhattacharyya(const Gaussian& P, const Gaussian& Q);
/// BC(P, Q) in [0, 1].
double bhattacharyya_coefficient(const Gaussian& P, const Gaussian& Q);
/// H²(P, Q) = 1 − BC in [0, 1].
double hellinger_squared(const Gaussian& P, const Gaussian& Q);

/// The same between N(m1, diag v1) and N(m2, diag v2); every variance must be finite and > 0.
double log_bhattacharyya_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2);
double bhattacharyya_coefficient_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2);
double hellinger_squared_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2);

/// Spectral laws: the diagonal formula when P and Q share their basis (same pointer or equal
/// matrices), the dense formula otherwise.
double log_bhattacharyya(const SpectralGaussian& P, const SpectralGaussian& Q);
double bhattacharyya_coefficient(const SpectralGaussian& P, const SpectralGaussian& Q);
double hellinger_squared(const SpectralGaussian& P, const SpectralGaussian& Q);

}  // namespace sb
