// The constants of the KL bounds that depend on the data law only: its KL divergence to the
// reference law N(0, v I) and its relative Fisher information (CDS25, seed 000; Strasman et al.
// 2024, seed 003):
//     KL(π ‖ N(0, vI)) = E_π[log π(X) − log φ_v(X)],
//     I(π | N(0, vI))  = E_π ‖∇log π(X) + X/v‖².
// Gaussian data: the closed forms ½Σ_j(λ_j/v − 1 − log(λ_j/v)) + ‖m‖²/(2v) and
// Σ_j λ_j(1/v − 1/λ_j)² + ‖m‖²/v² (method "exact_closed_form").
// Other data laws with a closed-form density in dimension 1 or 2 (Gaussian mixtures): the
// trapezoid rule on a uniform grid covering ±12 standard deviations of every direction of the
// data's moment law, spacing ≤ (smallest standard deviation of the moment law)/16 and refined
// until two successive grids agree; the integrands are smooth and decay like Gaussians, so the
// rule converges geometrically, and the difference between the last two grids is reported as
// the bias bound (method "grid_quadrature"). Otherwise: an unbiased Monte Carlo estimate from
// exact draws of π with its standard error (method "monte_carlo").
#pragma once

#include "sb/core/estimate.hpp"
#include "sb/data/target.hpp"

namespace sb {

/// KL(π_data ‖ N(0, v I)), v > 0.
Estimate kl_to_isotropic_gaussian(const Target& data, double v, const TargetMcOptions& mc = {});

/// I(π_data | N(0, v I)) = E‖∇log π_data + X/v‖², v > 0.
Estimate relative_fisher_information(const Target& data, double v, const TargetMcOptions& mc = {});

}  // namespace sb
