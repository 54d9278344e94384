// The continuous-time reverse SDE with an affine score, solved exactly (theory-notes B.3):
//   dY_s = [−a(τ)Y − b(τ)μ + g2(τ) ŝ(τ, Y)] ds + √g2(τ) dB̄_s,  τ = T − s,  ŝ = −P(τ)y + q(τ),
// so the mean and covariance obey the linear ODEs
//   Ṁ = (−a − g2 P) M − b μ + g2 q,   Ċ = (−a − g2 P) C + C (−a − g2 P)ᵀ + g2 I.
// With the exact score plus an additive error (δ = 0) the solution is closed form through the
// reverse kernel R = m_T Σ₀ Σ_T⁻¹ of theory-notes A.0 and the mean shift ε ∫₀ᵀ φ(u) g2(u) du e,
// φ(u) = m_u Σ₀ Σ_u⁻¹ (B.3), computed by Gauss–Kronrod quadrature; otherwise the ODEs are
// integrated by an adaptive Dormand–Prince 5(4) method at relative tolerance 1e-12.
#pragma once

#include "sb/data/gaussian_data.hpp"
#include "sb/sampler/exact_recursion.hpp"

namespace sb {

/// Spectral path; closed form when the score is the data's exact score plus an additive error
/// (perturbation() with δ = 0), ODE otherwise.
SamplerResult run_continuous_spectral(const LinearProcess& p, const GaussianData& data,
                                      const AffineScore& score, const TimeGrid& grid,
                                      const SpectralGaussian& init);

/// Spectral path, always by the ODE (used to cross-check the closed form).
SamplerResult run_continuous_ode_spectral(const LinearProcess& p, const AffineScore& score,
                                          double T, const SpectralGaussian& init);

/// Dense path, by the matrix ODE.
SamplerResult run_continuous_dense(const LinearProcess& p, const AffineScore& score,
                                   const TimeGrid& grid, const Gaussian& init);

}  // namespace sb
